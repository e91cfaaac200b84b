-- wrk script for make bench: each request is the next of the paths listed (one per line) in the file named by
-- the WRK_PATHS environment variable, round robin, starting at a different offset in each thread.
local paths = {}
local counter = 0
local statuses = {}

function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
