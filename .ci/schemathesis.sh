#!/usr/bin/env bash
# Runs schemathesis against a live `lotline serve` on a fresh demo database, signed in as an admin with a token:
# no 5xx, no response that breaks the schema in /openapi.json. Usage: .ci/schemathesis.sh PATH/TO/lotline
# Left out: the four routes that end the walker's own sign-in (a new password, disabling, revoking, signing out),
# which would turn every later request into a 401; the tests cover them.
set -euo pipefail
BIN=${1:?the lotline binary}
WORK=$(mktemp -d)
PORT=${LOTLINE_ST_PORT:-18931}
export LOTLINE_DB="$WORK/plant.sqlite" LOTLINE_BCRYPT_COST=4 LOTLINE_PASSWORD='fuzz every route 1'
SERVER=; trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$BIN" demo > /dev/null
printf '%s\n' "$LOTLINE_PASSWORD" | "$BIN" user add walker --role admin --full-name "Schema Walker" --us-person --new-password-stdin --as root > /dev/null
TOKEN=$("$BIN" token issue --label schemathesis --expires "$(date -u -d '+30 days' +%F)" --as walker --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
"$BIN" serve --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.1; done
SCHEMATHESIS=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/schemathesis
[ -x "$SCHEMATHESIS" ] || SCHEMATHESIS=$(command -v schemathesis)
# How to send POST /import's application/x-ndjson body.
export SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$(cd "$(dirname "$0")" && pwd)${PYTHONPATH:+:$PYTHONPATH}"
timeout "${LOTLINE_ST_TIMEOUT:-900}" "$SCHEMATHESIS" run "http://127.0.0.1:$PORT/openapi.json" \
    -H "Authorization: Bearer $TOKEN" \
    --checks not_a_server_error,response_schema_conformance \
    --exclude-operation-id put_users_{name}_password --exclude-operation-id patch_users_{name} \
    --exclude-operation-id delete_tokens_{id} --exclude-operation-id post_logout \
    --phases examples,fuzzing,stateful --seed "${LOTLINE_ST_SEED:-20261202}" \
    --max-examples "${LOTLINE_ST_EXAMPLES:-15}" --workers 2 --request-timeout 10 --no-color
