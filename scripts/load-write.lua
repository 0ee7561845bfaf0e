-- The write mix: receive a new lot, issue from a big lot to a released order, consume at its started operation, in
-- turn. Every request is valid, so every one must be answered 201 and append exactly one event; `done` prints how
-- many were.
dofile(os.getenv("LOAD_SCRIPTS") .. "/load-report.lua")
local token = os.getenv("TOKEN")
local order = os.getenv("ORDER")
local big = os.getenv("BIG_LOT")
local bodies = {
  { "/commands/receive", '{"item":"LOAD-RAW","qty":"1","supplier":"LOADSUP","supplier_lot":"LS-%d"}' },
  { "/commands/issue", '{"lot":"' .. big .. '","qty":"0.001","wo":"' .. order .. '"}' },
  { "/commands/op/consume", '{"wo":"' .. order .. '","seq":10,"lot":"' .. big .. '","qty":"0.001"}' },
}
local counter = 0
created = 0
failures = 0

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local kind = bodies[counter % 3 + 1]
  local path, body = kind[1], kind[2]
  return wrk.format("POST", path, nil, string.format(body, id * 100000000 + counter))
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else failures = failures + 1 end
end

function done(summary, latency, requests)
  report(summary, latency)
  local made = 0
  for _, thread in ipairs(threads) do made = made + (thread:get("created") or 0) end
  io.write(string.format("CREATED %d\n", made))
end
