#!/usr/bin/env bash
# `make bench`: the board under load, on loopback, against a release build.
#
# Seeds the demo data plus a 500-card board with 50 milestones (every card linked to one),
# starts `faro serve`, and drives with wrk (32 connections, 2 threads) for each scenario: the
# board page as staff and as the client, the board's server function (JSON), the milestones'
# timeline as staff and as the client, the board filtered to one milestone, the updates feed
# (200 published updates) as staff and as the client, the project page, and, for
# comparison, a static file of the board page's size served by the same server. Prints requests per second, p50 and p99 latency and response bytes.
#
# Usage: board.sh FARO_BINARY SITE_ROOT   (BENCH_DATABASE_URL=postgres://… to bench PostgreSQL;
# BENCH_SECONDS, BENCH_CONNECTIONS to change the run)
set -euo pipefail

faro=$1
site=$2
seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-32}
port=${BENCH_PORT:-3988}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
database=${BENCH_DATABASE_URL:-sqlite://$work/bench.db}

cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the site, so the static comparison file never lands in the build output.
cp -r "$site" "$work/site"
"$faro" demo --database-url "$database" >/dev/null
LEPTOS_SITE_ROOT="$work/site" RUST_LOG=warn "$faro" serve --addr "127.0.0.1:$port" \
  --database-url "$database" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done

sign_in() { # email -> cookie header value
  local jar="$work/$1.cookies"
  curl -fs -c "$jar" -o /dev/null -X POST "$base/api/accounts/sign_in" \
    --data-urlencode "email=$1" --data-urlencode "password=faro-demo-2026"
  awk '$6 == "faro_session" { print "faro_session=" $7 }' "$jar"
}
staff=$(sign_in pm@demo.test)
client=$(sign_in ana@cliente-uno.test)

post() { # cookie path form... -> body
  local cookie=$1 path=$2
  shift 2
  local args=()
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  curl -fs -H "Cookie: $cookie" -X POST "$base$path" "${args[@]}"
}

project=$(post "$staff" /api/projects/list_projects | jq '.[] | select(.name == "Tienda online") | .id')
columns=($(post "$staff" /api/board/get_board "project=$project" | jq '.columns[].id'))
existing=$(post "$staff" /api/board/get_board "project=$project" | jq '[.columns[].cards | length] | add')
echo "Seeding the board of project $project to 500 cards (it has $existing)…"
for n in $(seq $((existing + 1)) 500); do
  visibility=client
  [ $((n % 5)) -eq 0 ] && visibility=internal
  post "$staff" /api/board/create_card "project=$project" "column=${columns[$((n % 4))]}" \
    "title=Bench card $n: a title of a realistic length" "visibility=$visibility" >/dev/null
done
cards=$(post "$staff" /api/board/get_board "project=$project" | jq '[.columns[].cards | length] | add')
client_cards=$(post "$client" /api/board/get_board "project=$project" | jq '[.columns[].cards | length] | add')
echo "The board has $cards cards ($client_cards visible to the client)."

# 50 milestones, every card linked to one of them (round robin), as a busy project would have.
existing_milestones=$(post "$staff" /api/milestones/get_timeline "project=$project" | jq '.milestones | length')
echo "Seeding 50 milestones (it has $existing_milestones) and linking every card to one…"
for n in $(seq $((existing_milestones + 1)) 50); do
  month=$(( (n % 12) + 1 ))
  post "$staff" /api/milestones/save_milestone "project=$project" "title=Bench milestone $n" \
    "due_on=2027-$(printf '%02d' "$month")-$(printf '%02d' $(( (n % 28) + 1 )))" \
    "description=What the client receives in step $n, **in Markdown**." >/dev/null
done
milestones=($(post "$staff" /api/milestones/get_timeline "project=$project" | jq '.milestones[].id'))
i=0
for card in $(post "$staff" /api/board/get_board "project=$project" | jq '.columns[].cards[].id'); do
  version=$(post "$staff" /api/board/get_card "project=$project" "card=$card" | jq .version)
  post "$staff" /api/board/update_card "project=$project" "card=$card" "version=$version" \
    "milestone=${milestones[$((i % ${#milestones[@]}))]}" >/dev/null
  i=$((i + 1))
done
echo "The timeline has ${#milestones[@]} milestones; $i cards are linked."

# 200 published status updates, each with its four sections, as a year of weekly updates would
# leave (and a little more).
existing_updates=$(post "$staff" /api/updates/get_updates "project=$project" | jq '.updates | length')
echo "Seeding 200 status updates (it has $existing_updates)…"
for n in $(seq $((existing_updates + 1)) 200); do
  update=$(post "$staff" /api/updates/save_update "project=$project" "health=on_track" \
    "summary=Week $n: what moved, in one line" \
    "done=- The catalogue page for collection $n.
- **Payments** tested on the staging shop." \
    "next_steps=- Shipping rates for region $n.
- A review meeting on Friday." \
    "questions=**Can we still sell on the old shop?** Yes, until launch." \
    "risks=None this week.")
  post "$staff" /api/updates/publish_update "project=$project" "update=$update" "version=1" >/dev/null
done
echo "The project has $(post "$staff" /api/updates/get_updates "project=$project" | jq '.updates | length') updates."

page_bytes=$(curl -fs -H "Cookie: $staff" -H 'Accept: text/html' -o "$work/page.html" \
  -w '%{size_download}' "$base/projects/$project/board")
head -c "$page_bytes" /dev/zero | tr '\0' 'x' >"$work/site/pkg/bench-static.txt"

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "project=$project"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$staff"
LUA

run() { # name bytes wrk-arguments...
  local name=$1 bytes=$2
  shift 2
  wrk -t2 -c"$connections" -d2s "$@" >/dev/null # warm-up
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<<"$out")
  printf '%-34s %10s %10s %10s %12s %8s\n' "$name" "$rps" "$p50" "$p99" "$bytes" "${errors:-0}"
}

size() { # cookie url [curl args] -> body bytes
  local cookie=$1 url=$2
  shift 2
  curl -fs -H "Cookie: $cookie" -o /dev/null -w '%{size_download}' "$@" "$url"
}

echo
echo "wrk, $connections connections, ${seconds}s each, on loopback ($(nproc) cores, $(sed 's/:.*//' <<<"$database"))"
printf '%-34s %10s %10s %10s %12s %8s\n' scenario "req/s" p50 p99 "bytes" non-2xx
run "board page, staff (HTML)" "$page_bytes" -H "Cookie: $staff" -H 'Accept: text/html' \
  "$base/projects/$project/board"
run "board page, client (HTML)" "$(size "$client" "$base/projects/$project/board" -H 'Accept: text/html')" \
  -H "Cookie: $client" -H 'Accept: text/html' "$base/projects/$project/board"
run "get_board, staff (JSON)" "$(size "$staff" "$base/api/board/get_board" -X POST -d "project=$project")" \
  -s "$work/post.lua" "$base/api/board/get_board"
run "timeline page, staff (HTML)" "$(size "$staff" "$base/projects/$project/milestones" -H 'Accept: text/html')" \
  -H "Cookie: $staff" -H 'Accept: text/html' "$base/projects/$project/milestones"
run "timeline page, client (HTML)" "$(size "$client" "$base/projects/$project/milestones" -H 'Accept: text/html')" \
  -H "Cookie: $client" -H 'Accept: text/html' "$base/projects/$project/milestones"
run "board of one milestone, client" "$(size "$client" "$base/projects/$project/board?milestone=${milestones[0]}" -H 'Accept: text/html')" \
  -H "Cookie: $client" -H 'Accept: text/html' "$base/projects/$project/board?milestone=${milestones[0]}"
run "updates page, staff (HTML)" "$(size "$staff" "$base/projects/$project/updates" -H 'Accept: text/html')" \
  -H "Cookie: $staff" -H 'Accept: text/html' "$base/projects/$project/updates"
run "updates page, client (HTML)" "$(size "$client" "$base/projects/$project/updates" -H 'Accept: text/html')" \
  -H "Cookie: $client" -H 'Accept: text/html' "$base/projects/$project/updates"
run "project page, client (HTML)" "$(size "$client" "$base/projects/$project" -H 'Accept: text/html')" \
  -H "Cookie: $client" -H 'Accept: text/html' "$base/projects/$project"
run "static file, same size as the page" "$(size "" "$base/pkg/bench-static.txt")" \
  "$base/pkg/bench-static.txt"
