-- What both load mixes share: each thread numbered and kept, and the summary line load-bench.sh reads.
threads = {}

-- LOAD_PACE_MS: each client waits this long before each request, as a station does between scans; unset or 0, it sends
-- the next request as soon as the last is answered (the server saturated). wrk's latency leaves the wait out.
local pace = tonumber(os.getenv("LOAD_PACE_MS") or "0")
if pace > 0 then
  function delay() return pace end
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- `RESULT requests=... rps=... p50_ms=... p99_ms=... failed=... errors=...`; failed sums each thread's `failures`.
function report(summary, latency)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + (thread:get("failures") or 0) end
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p99_ms=%.3f failed=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
      + summary.errors.timeout))
end
