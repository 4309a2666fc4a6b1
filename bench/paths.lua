-- wrk script for uncached runs: GET a random path from a file (one a line), so
-- every request is built by Django.  The page cache keys pages only by the query
-- parameters a view reads, so a random query string no longer misses it; instead each
-- request carries a `messages` cookie, which the page cache never serves from (a
-- reader with pending messages gets a live page) and Django reads without a query
-- (its unsigned value is dropped).  Usage: wrk ... -s bench/paths.lua URL -- FILE
local paths = {}
local counter = 0

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  counter = counter + 1
  local path = paths[math.random(#paths)]
  local sep = path:find("?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. sep .. "build=" .. counter, {["Cookie"] = "messages=bench-uncached"})
end
