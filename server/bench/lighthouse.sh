#!/usr/bin/env bash
# `make bench`, part four: Lighthouse 12 (mobile preset) on the client's board, signed in, as
# the issue that set the targets measured it: performance, largest contentful paint, total
# blocking time and accessibility. Drives Debian's Chromium; Lighthouse is installed from npm
# into ~/.cache/faro/lighthouse the first time.
#
# Twice: straight to Faro (HTTP/1.1, as on a developer's machine), then through nginx with TLS
# and HTTP/2, as a real installation serves it. The split bundle is ~140 small files for a first
# visit: over HTTP/1.1 a browser fetches six at a time, over HTTP/2 all on one connection.
#
# Usage: lighthouse.sh FARO_BINARY SITE_ROOT
set -euo pipefail

faro=$1
site=$2
port=${BENCH_PORT:-3991}
tools=${FARO_LIGHTHOUSE_DIR:-$HOME/.cache/faro/lighthouse}

if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund lighthouse@12 >/dev/null)
fi

# shellcheck source=demo_server.sh
. "$(dirname "$0")/demo_server.sh"
cleanup_more() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; }
printf '{"Cookie": "%s"}' "$cookie" >"$work/headers.json"

# The proxy: an nginx of this run only (stopped on exit by its pid), TLS with a certificate made
# for the run.
tls_port=$((port + 1))
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.log;
events {}
http {
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work;
  server {
    listen 127.0.0.1:$tls_port ssl http2;
    ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem;
    location / {
      proxy_pass http://127.0.0.1:$port;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host;
      proxy_buffering off;
    }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"

lighthouse() { # label url
  echo "lighthouse 12, mobile preset, the client's board, $1 ($2)"
  for run in 1 2 3; do
    CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "$2" --quiet \
      --form-factor=mobile \
      --chrome-flags="--headless=new --no-sandbox --ignore-certificate-errors" \
      --extra-headers="$work/headers.json" --only-categories=performance,accessibility \
      --output=json --output-path="$work/report.json" >/dev/null 2>&1
    jq -r --arg run "$run" '"run \($run): performance \(.categories.performance.score * 100 | round), accessibility \(.categories.accessibility.score * 100 | round); FCP \(.audits["first-contentful-paint"].displayValue), LCP \(.audits["largest-contentful-paint"].displayValue), TBT \(.audits["total-blocking-time"].displayValue), TTI \(.audits.interactive.displayValue)"' \
      "$work/report.json"
  done
}

lighthouse "straight to Faro over HTTP/1.1" "$base/projects/$project/board"
lighthouse "through nginx, TLS and HTTP/2" "https://127.0.0.1:$tls_port/projects/$project/board"
