#!/usr/bin/env bash
# Times the web trace page on a 1,000-lot trace: the demo plant (with its users), one steel receipt split into 999
# child lots, then `GET /web/trace?id=RECEIPT&direction=forward` five times through a real server, signed in as quality.
# Prints each time and the page's row count. Use a release build for the number that counts:
#   swift build -c release && scripts/trace-page-timing.sh .build/release/lotline
set -euo pipefail
lotline=${1:-$(swift build --show-bin-path)/lotline}
work=$(mktemp -d)
trap 'kill $server 2> /dev/null || true; rm -rf "$work"' EXIT
serve() {
    "$lotline" serve "$@" --db "$work/plant.sqlite" --port 0 > "$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 1 120); do
        url=$(grep -o 'Sign in at http://[0-9.:]*' "$work/serve.log" | sed 's/Sign in at //' || true)
        [ -n "$url" ] && return
        sleep 0.5
    done
    cat "$work/serve.log"
    exit 1
}
serve --demo
kill $server && wait $server 2> /dev/null || true
export LOTLINE_PASSWORD=demo-password-1
receipt=$("$lotline" lot list --status released --item ST-4140 --db "$work/plant.sqlite" --as ada --json |
    python3 -c 'import json, sys; print(max(json.load(sys.stdin)["lots"], key=lambda l: float(l["quantity"]))["number"])')
args=()
for _ in $(seq 1 999); do args+=(--qty 0.5kg); done
"$lotline" lot split "$receipt" "${args[@]}" --db "$work/plant.sqlite" --as ada > /dev/null
serve
curl -s -c "$work/cookies" -o /dev/null -d "user=quinn&password=$LOTLINE_PASSWORD" "$url/web/login"
for _ in 1 2 3 4 5; do
    curl -s -b "$work/cookies" -o "$work/page.html" -w "%{http_code} %{time_total} s\n" "$url/web/trace?id=$receipt&direction=forward"
done
echo "rows: $(grep -c 'class="lot"' "$work/page.html") lots in the table, $(grep -c '<rect' "$work/page.html") boxes in the graph"
