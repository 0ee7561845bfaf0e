#!/usr/bin/env bash
# The browser tests: a real `lotline serve --demo` on a new database and a free port, driven by Debian's chromium
# through Selenium. Installs what is missing (chromium, chromium-driver, selenium, pytest). Screenshots of each main
# page go to the folder printed at the end (LOTLINE_SCREENSHOTS to choose it).
#   scripts/browser-tests.sh [PATH-TO-lotline]
set -euo pipefail
cd "$(dirname "$0")/.."
lotline=${1:-$(swift build --show-bin-path)/lotline}
[ -x "$lotline" ] || swift build
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
if ! command -v chromium > /dev/null || ! command -v chromedriver > /dev/null; then
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium chromium-driver
fi
python3 -c 'import selenium, pytest' 2> /dev/null || python3 -m pip install --quiet selenium pytest
work=$(mktemp -d)
screenshots=${LOTLINE_SCREENSHOTS:-$work/screenshots}
"$lotline" serve --demo --db "$work/demo.sqlite" --port 0 > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2> /dev/null; wait $server 2> /dev/null || true' EXIT
for _ in $(seq 1 120); do
    url=$(grep -o 'Sign in at http://[0-9.:]*' "$work/serve.log" | sed 's/Sign in at //' || true)
    [ -n "$url" ] && break
    kill -0 $server 2> /dev/null || { cat "$work/serve.log"; exit 1; }
    sleep 0.5
done
[ -n "$url" ] || { echo "the server did not start:"; cat "$work/serve.log"; exit 1; }
LOTLINE_URL=$url LOTLINE_SCREENSHOTS=$screenshots python3 -m pytest -q -p no:cacheprovider Tests/Browser
echo "Screenshots: $screenshots"
