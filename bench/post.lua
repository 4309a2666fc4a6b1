-- wrk script: post comments as many different readers (each its own address via
-- X-Forwarded-For, which the benchmark's settings trust from one proxy) so that
-- the per-reader limits don't turn the run into a run of 429s.
-- Usage: wrk ... -s bench/post.lua URL -- FORM_BODY
local form
local counter = 0

function init(args)
  form = args[1]
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  counter = counter + 1
  local id = math.random(1e9) .. "-" .. counter
  local ip = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  local body = form .. "&email=reader" .. id .. "%40example.org&comment=A+benchmark+comment+number+" .. id
  return wrk.format("POST", "/comments/post/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=benchmarkbenchmarkbenchmarkbench",
    ["X-Forwarded-For"] = ip,
  }, body)
end
