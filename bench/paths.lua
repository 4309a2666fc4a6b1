-- wrk script for uncached runs: GET a random path from a file (one a line) with a
-- random query string, so every request misses the page cache and the page is
-- built by Django.  Usage: wrk ... -s bench/paths.lua URL -- FILE
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
  return wrk.format("GET", path .. sep .. "cold=" .. math.random(1e9) .. "-" .. counter)
end
