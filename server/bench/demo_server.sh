# Sourced by the benchmarks that need a release `faro` on the demo data with the client signed
# in (first_visit.sh, lighthouse.sh). Expects `faro`, `site`, `port`; sets `base`, `work` (a
# temporary folder, removed on exit), `server` (its pid), `cookie` (Ana's session) and `project`
# (the shop). A script that starts more defines `cleanup_more` to stop it on exit.

base="http://127.0.0.1:$port"
work=$(mktemp -d)

cleanup() {
  if declare -F cleanup_more >/dev/null; then cleanup_more || true; fi
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$faro" demo --database-url "sqlite://$work/demo.db" >/dev/null
LEPTOS_SITE_ROOT="$site" RUST_LOG=warn "$faro" serve --addr "127.0.0.1:$port" \
  --database-url "sqlite://$work/demo.db" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done

curl -fs -c "$work/client.cookies" -o /dev/null -X POST "$base/api/accounts/sign_in" \
  --data-urlencode "email=ana@cliente-uno.test" --data-urlencode "password=faro-demo-2026"
cookie=$(awk '$6 == "faro_session" { print "faro_session=" $7 }' "$work/client.cookies")
project=$(curl -fs -H "Cookie: $cookie" -X POST "$base/api/projects/list_projects" \
  | jq '[.[] | select(.name == "Tienda online")][0].id')
