-- The read mix: a lot's detail, a forward trace, a backward trace, in turn, over lots picked at random from the plant.
-- LOTS (a Lua file setting `lots = {...}`) and TOKEN come from load-bench.sh.
dofile(os.getenv("LOTS"))
local token = os.getenv("TOKEN")
local paths = { "/lots/%s", "/trace/forward/%s?depth=20", "/trace/backward/%s?depth=20" }
local counter = 0
failures = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

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
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + (thread:get("failures") or 0) end
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f failed=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout))
end
