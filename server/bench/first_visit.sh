#!/usr/bin/env bash
# `make bench`, part two: what a first visit costs, and the server's memory.
#
# Starts a release `faro` on the demo data and reports, for a client opening their project:
# the bytes of each route's page and of the browser bundle (raw, and as served to a browser that
# accepts gzip or brotli), then the server's resident memory idle and after 100 sign-ins, then
# the live fan-out probe (fan_out.py: BENCH_STREAMS open boards, one change, time to reach all).
#
# Usage: first_visit.sh FARO_BINARY SITE_ROOT
set -euo pipefail

faro=$1
site=$2
port=${BENCH_PORT:-3989}
# shellcheck source=demo_server.sh
. "$(dirname "$0")/demo_server.sh"

bytes() { # url encoding -> bytes on the wire
  curl -fs -H "Cookie: $cookie" -H 'Accept: text/html' -H "Accept-Encoding: $2" \
    -o /dev/null -w '%{size_download}' "$1"
}

# A first visit downloads the page, then every file it links under /pkg/: the main bundle
# (JS, wasm, CSS) and, with the split build, the loader and the files of the page's own code,
# which the page links as preloads. Their names carry their hash: take them from the page, as a
# browser does. The main bundle's files are listed once; a page's own files are summed.
linked() { # route -> the /pkg/ files its page links
  curl -fs -H "Cookie: $cookie" "$base$1" \
    | grep -o '/pkg/[A-Za-z0-9_.-]*\.\(wasm\|js\|css\)' | sort -u | sed 's|^/pkg/||'
}

printf '%-52s %10s %10s %10s\n' "first visit, as the client" raw gzip brotli
seen=" "
for route in "/" "/projects/$project" "/projects/$project/board" "/projects/$project/milestones" \
  "/projects/$project/updates"; do
  total_raw=$(bytes "$base$route" identity) total_gz=$(bytes "$base$route" gzip)
  total_br=$(bytes "$base$route" br)
  printf '%-52s %10s %10s %10s\n' "page $route" "$total_raw" "$total_gz" "$total_br"
  files=1 own_raw=0 own_gz=0 own_br=0
  for file in $(linked "$route"); do
    raw=$(bytes "$base/pkg/$file" identity) gz=$(bytes "$base/pkg/$file" gzip)
    br=$(bytes "$base/pkg/$file" br)
    files=$((files + 1))
    case "$file" in
      faro.*)
        case "$seen" in *" $file "*) ;; *)
          printf '%-52s %10s %10s %10s\n' "  pkg/$file" "$raw" "$gz" "$br"; seen="$seen$file " ;;
        esac ;;
      *) own_raw=$((own_raw + raw)) own_gz=$((own_gz + gz)) own_br=$((own_br + br)) ;;
    esac
    total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  done
  printf '%-52s %10s %10s %10s\n' "  the page's own code and the loader" "$own_raw" "$own_gz" "$own_br"
  printf '%-52s %10s %10s %10s\n' "  = $route, first visit ($files requests)" "$total_raw" "$total_gz" \
    "$total_br"
done

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status"; }
echo
echo "resident memory, idle: $(rss) KiB"
for n in $(seq 1 100); do
  curl -fs -o /dev/null -X POST "$base/api/accounts/sign_in" \
    --data-urlencode "email=ana@cliente-uno.test" --data-urlencode "password=faro-demo-2026"
done
echo "resident memory after 100 sign-ins: $(rss) KiB"

echo
echo "live fan-out: ${BENCH_STREAMS:-10000} open boards of one project, one change"
python3 "$(dirname "$0")/fan_out.py" "$base" "$server" "${BENCH_STREAMS:-10000}"
