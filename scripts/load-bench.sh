#!/usr/bin/env bash
# The HTTP load benchmark: `lotline serve` on a generated plant, 50 concurrent clients (wrk), a read mix (lot show,
# trace forward, trace backward) and a write mix (receive, issue, consume), requests/s and p50/p99 for each; then the
# ledger is counted: every write answered 201 must be exactly one new event, and `audit verify` must pass.
# Usage: scripts/load-bench.sh PATH/TO/lotline [RAW_LOTS] [SECONDS]   (build with `swift build -c release` first)
# Needs wrk (Debian: apt-get install wrk) and python3.
set -euo pipefail
BIN=$(realpath "${1:?the lotline binary}")
RAW=${2:-100000}
SECONDS_EACH=${3:-30}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
PORT=${LOTLINE_LOAD_PORT:-18977}
export LOTLINE_DB="$WORK/plant.sqlite" LOTLINE_PASSWORD='load every route 1'
SERVER=; trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
L() { "$BIN" "$@" --as loader; }

# LOTLINE_LOAD_PLANT=DIR keeps the generated plant (the database and its trace index snapshot) there and starts from a
# copy of it next time (generating 100,000 raw lots takes a quarter of an hour); each run works on its own copy.
CACHE=${LOTLINE_LOAD_PLANT:+$LOTLINE_LOAD_PLANT/$RAW}
if [ -n "$CACHE" ] && [ -f "$CACHE/plant.sqlite" ]; then
    echo "starting from a copy of $CACHE" >&2
    cp "$CACHE"/plant.sqlite* "$WORK/"
else
    echo "generating a plant of $RAW raw lots..." >&2
    start=$(date +%s)
    "$BIN" generate --raw-lots "$RAW" --as loader > /dev/null
    echo "  generated in $(( $(date +%s) - start )) s" >&2
    if [ -n "$CACHE" ]; then mkdir -p "$CACHE" && cp "$WORK"/plant.sqlite* "$CACHE/"; fi
fi
# What the write mix needs, as an open database; then the first admin.
L item add LOAD-RAW --description "Load test raw" --uom kg > /dev/null
L item add LOAD-PART --description "Load test part" --uom ea > /dev/null
L supplier add LOADSUP --name "Load supplier" --approved > /dev/null
L operator add LOADOP --name "Load operator" > /dev/null
L equipment add LOADM --name "Load machine" > /dev/null
L bom add LOAD-PART LOAD-RAW 1 > /dev/null
L routing add LOAD-PART 10 --name Make --work-center LOAD > /dev/null
ORDER=$(L wo create LOAD-PART 1000000 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["order"]["number"])')
L wo release "$ORDER" > /dev/null
BIG_LOT=$(L receive LOAD-RAW 1000000000 --supplier LOADSUP --supplier-lot BIG --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["lots"][0]["number"])')
L issue "$BIG_LOT" 1000000 --wo "$ORDER" > /dev/null
L op start "$ORDER" 10 --operator LOADOP --equipment LOADM > /dev/null
printf '%s\n' "$LOTLINE_PASSWORD" | "$BIN" user add loader --role admin --full-name "Load Runner" --us-person --new-password-stdin --as root > /dev/null
TOKEN=$(L token issue --label load --expires "$(date -u -d '+30 days' +%F)" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# 2,000 lots picked at random for the read mix.
L lot list --json | python3 -c '
import json, random, sys
lots = [l["number"] for l in json.load(sys.stdin)["lots"]]
random.seed(7)
pick = random.sample(lots, min(2000, len(lots)))
print("lots = {" + ",".join(json.dumps(l) for l in pick) + "}")' > "$WORK/lots.lua"

# Starts the server with these extra arguments, waits until it answers, then warms it with 10 seconds of the read mix
# that are not counted (what a server that has been up a while has: SQLite's page caches and, unless it is off, the
# response cache).
serve() {
    "$BIN" serve --port "$PORT" "$@" >> "$WORK/serve.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.2; done
    read_mix 10 > /dev/null
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }
events() { curl -fs "http://127.0.0.1:$PORT/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])'; }
# The read mix for SECONDS (default: each run's), its summary line.
read_mix() { wrk -t4 -c50 -d"${1:-$SECONDS_EACH}s" --latency -s "$HERE/load-read.lua" "http://127.0.0.1:$PORT" | grep '^RESULT'; }

export TOKEN ORDER BIG_LOT LOTS="$WORK/lots.lua" LOAD_SCRIPTS="$HERE"
# First with the response cache off: every answer read and encoded afresh, as when writes keep changing the ledger
# between reads. Then as served by default.
serve --response-cache 0
fresh_result=$(read_mix)
stop
serve
read_result=$(read_mix)
# The same mix with each client pausing 100 ms between requests (at most 500 requests/s offered): what 50 stations see
# when the server is busy but not saturated.
paced_result=$(LOAD_PACE_MS=100 read_mix)
before=$(events)
write_output=$(wrk -t4 -c50 -d"${SECONDS_EACH}s" --latency -s "$HERE/load-write.lua" "http://127.0.0.1:$PORT")
after=$(events)
write_result=$(grep '^RESULT' <<< "$write_output")
created=$(grep '^CREATED' <<< "$write_output" | cut -d' ' -f2)
stop
verify=$("$BIN" audit verify --as loader | head -1)
# wrk stops with up to 50 requests in flight: the server still records those, unacknowledged. Lost is an acknowledged
# write the ledger does not hold; extra beyond the requests in flight would be a duplicate.
appended=$(( after - before ))
lost=$(( created > appended ? created - appended : 0 ))
unacknowledged=$(( appended - created ))
python3 - "$RAW" "$read_result" "$write_result" "$created" "$appended" "$lost" "$verify" "$unacknowledged" "$paced_result" "$fresh_result" <<'PY'
import json, sys
raw, read, write, created, appended, lost, verify, unacknowledged, paced, fresh = sys.argv[1:]
def parse(line): return {k: float(v) for k, v in (p.split("=") for p in line.split()[1:])}
r, w, p, f = parse(read), parse(write), parse(paced), parse(fresh)
print("| mix (50 clients) | requests | req/s | p50 ms | p99 ms | failed |")
print("|---|---|---|---|---|---|")
for name, m in (("read: lot show, trace forward, trace backward", r), ("read, each client pausing 100 ms between requests", p),
                ("read, response cache off (`--response-cache 0`)", f), ("write: receive, issue, consume", w)):
    print(f"| {name} | {int(m['requests'])} | {m['rps']:.0f} | {m['p50_ms']:.2f} | {m['p99_ms']:.2f} | {int(m['failed'] + m['errors'])} |")
print(f"\n{raw} raw lots; writes answered 201: {created}; events appended: {appended} "
      f"({unacknowledged} in flight when the clients stopped, recorded unanswered); acknowledged and lost: {lost}; {verify}")
print(json.dumps({"raw_lots": int(raw), "read": r, "read_paced": p, "read_fresh": f, "write": w, "created": int(created), "appended": int(appended), "lost": int(lost),
                  "in_flight": int(unacknowledged), "verify": verify}))
# A failed request (a status other than the mix expects, a socket error or a timeout) fails the run.
sys.exit(1 if any(m["failed"] + m["errors"] for m in (r, p, f, w)) else 0)
PY
[ "$lost" -eq 0 ] && [ "$unacknowledged" -le 50 ] && [[ "$verify" == OK* ]]
