#!/usr/bin/env bash
# `make bench`, part four: Lighthouse 12 (mobile preset) on the client's board, signed in, as
# the issue that set the targets measured it: performance, largest contentful paint, total
# blocking time and accessibility. Drives Debian's Chromium; Lighthouse is installed from npm
# into ~/.cache/faro/lighthouse the first time.
#
# Usage: lighthouse.sh FARO_BINARY SITE_ROOT
set -euo pipefail

faro=$1
site=$2
port=${BENCH_PORT:-3991}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
database=sqlite://$work/lighthouse.db
tools=${FARO_LIGHTHOUSE_DIR:-$HOME/.cache/faro/lighthouse}

cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund lighthouse@12 >/dev/null)
fi

"$faro" demo --database-url "$database" >/dev/null
LEPTOS_SITE_ROOT="$site" RUST_LOG=warn "$faro" serve --addr "127.0.0.1:$port" \
  --database-url "$database" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done

jar="$work/client.cookies"
curl -fs -c "$jar" -o /dev/null -X POST "$base/api/accounts/sign_in" \
  --data-urlencode "email=ana@cliente-uno.test" --data-urlencode "password=faro-demo-2026"
cookie=$(awk '$6 == "faro_session" { print "faro_session=" $7 }' "$jar")
project=$(curl -fs -H "Cookie: $cookie" -X POST "$base/api/projects/list_projects" \
  | jq '[.[] | select(.name == "Tienda online")][0].id')
printf '{"Cookie": "%s"}' "$cookie" >"$work/headers.json"

echo "lighthouse 12, mobile preset, the client's board ($base/projects/$project/board)"
for run in 1 2 3; do
  CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" \
    "$base/projects/$project/board" --quiet --form-factor=mobile \
    --chrome-flags="--headless=new --no-sandbox" --extra-headers="$work/headers.json" \
    --only-categories=performance,accessibility --output=json --output-path="$work/report.json" \
    >/dev/null 2>&1
  jq -r --arg run "$run" '"run \($run): performance \(.categories.performance.score * 100 | round), accessibility \(.categories.accessibility.score * 100 | round); FCP \(.audits["first-contentful-paint"].displayValue), LCP \(.audits["largest-contentful-paint"].displayValue), TBT \(.audits["total-blocking-time"].displayValue), TTI \(.audits.interactive.displayValue)"' \
    "$work/report.json"
done
