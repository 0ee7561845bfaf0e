-- The read mix: a lot's detail, a forward trace, a backward trace, in turn, over lots picked at random from the plant.
-- LOTS (a Lua file setting `lots = {...}`) and TOKEN come from load-bench.sh.
dofile(os.getenv("LOAD_SCRIPTS") .. "/load-report.lua")
dofile(os.getenv("LOTS"))
local token = os.getenv("TOKEN")
local paths = { "/lots/%s", "/trace/forward/%s?depth=20", "/trace/backward/%s?depth=20" }
local counter = 0
failures = 0

function init(args)
  math.randomseed(os.time() + id)
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  counter = counter + 1
  local lot = lots[math.random(#lots)]
  return wrk.format("GET", string.format(paths[counter % 3 + 1], lot))
end

function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  report(summary, latency)
end
