-- wrk script: every request carries a reader's CSRF cookie (Varnish fills a stored page's
-- form from it; without one it asks Django). Usage: wrk ... -s bench/cookie.lua URL
wrk.headers["Cookie"] = "csrftoken=" .. string.rep("b", 32)
