-- wrk script for "story after a comment": each connection, again and again, asks the
-- benchmark's bench/comment-approved view to bump what approving a comment on a story
-- bumps of its page (its thread), then GETs that story, which is rebuilt as after an
-- approval. Run with as many threads as connections (wrk -tN -cN): each thread then has
-- one connection, so the GET is sent only once the bump has been answered. A row's pages
-- per second is half its requests per second (each bump, a small request, is counted in
-- its page's time). Usage: wrk ... -s bench/after_comment.lua URL -- FILE
-- (FILE: one "pk path" a line, of stories whose page was built once already).
local stories = {}
local pending = nil

function init(args)
  for line in io.lines(args[1]) do
    local pk, path = line:match("^(%d+) (%S+)$")
    stories[#stories + 1] = {pk, path}
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  if pending then
    local path = pending
    pending = nil
    return wrk.format("GET", path)
  end
  local story = stories[math.random(#stories)]
  pending = story[2]
  return wrk.format("POST", "/bench/comment-approved/" .. story[1])
end
