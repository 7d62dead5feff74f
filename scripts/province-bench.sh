#!/usr/bin/env bash
# The province tier's scale benchmark (issue 16): DESKS desks × PETITIONS demo petitions each,
# pushed into one tiepdan-server on a throwaway PostgreSQL cluster on this machine.
#
#   scripts/province-bench.sh [DESKS] [PETITIONS]          (defaults: 50 20000, the issue's 1M)
#   BIN=target/release scripts/province-bench.sh 4 5000     (binaries already built)
#
# Prints: each desk's push (`sync --no-pull`), then desk 1's first full sync (push of its own
# petitions + pull of every other desk's), an
# incremental sync of 100 new petitions, 8 desks syncing at once (then: every record exactly once),
# province search latency (p50/p99 over 200 name queries through /v1/search), and the server's peak
# RSS. Loopback only; everything it starts is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
DESKS=${1:-50}
PETITIONS=${2:-20000}
BIN=${BIN:-target/release}
if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release -p tiepdan -p tiepdan-server --bins >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/tiepdan-province-bench.XXXXXX)
chmod 777 "$WORK"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$WORK/data" -A trust -U postgres -E UTF8 --no-locale >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/data" -o "-k $WORK -c listen_addresses=''" -l "$WORK/pg.log" -w start >/dev/null
export TIEPDAN_PG="host=$WORK user=postgres dbname=postgres"
export TIEPDAN_CONFIG_DIR="$WORK/config" NO_COLOR=1
psql() { "$PGBIN/psql" -h "$WORK" -U postgres -d postgres -At -c "$1"; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

"$BIN/tiepdan-server" migrate >/dev/null
"$BIN/tiepdan-server" serve --listen 127.0.0.1:0 > "$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q . "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
URL="http://$(awk '{print $NF}' "$WORK/server.out")"
desk() { "$BIN/tiepdan" --db "$WORK/desk$1.sqlite3" --as bench --today 2026-11-24 "${@:2}"; }

echo "== $DESKS desks × $PETITIONS petitions"
T0=$(now)
for i in $(seq "$DESKS"); do
  "$BIN/tiepdan-server" desk add "Desk $i" | tail -1 > "$WORK/token$i"
  desk "$i" demo --petitions "$PETITIONS" --seed "$i" >/dev/null 2>&1
done
echo "demo databases made in $(secs "$T0" "$(now)") s"
# Every desk but the first pushes (a province filling up); then desk 1's first full sync pushes
# its own petitions and pulls everyone else's.
for i in $(seq 2 "$DESKS"); do
  T=$(now)
  desk "$i" sync --no-pull --server "$URL" --token "$(cat "$WORK/token$i")" > "$WORK/sync$i.out"
  echo "desk $i push of $PETITIONS: $(secs "$T" "$(now)") s"
done
T=$(now)
desk 1 sync --server "$URL" --token "$(cat "$WORK/token1")" > "$WORK/sync1.out"
echo "desk 1 first full sync: $(secs "$T" "$(now)") s ($(tr '\n' ' ' < "$WORK/sync1.out"))"
echo "province: $("$BIN/tiepdan-server" stats --json)"

for n in $(seq 100); do
  desk 1 visit add --name "Nguyễn Văn Thử $n" --kind "kiến nghị" --field "khác" --subject "Kiến nghị số $n" >/dev/null
done
T=$(now)
desk 1 sync --server "$URL" --token "$(cat "$WORK/token1")" > "$WORK/inc.out"
echo "incremental sync of 100 new petitions: $(secs "$T" "$(now)") s ($(tr '\n' ' ' < "$WORK/inc.out"))"

BEFORE=$(psql "SELECT count(*) FROM record")
for i in $(seq 8); do
  "$BIN/tiepdan-server" desk add "Concurrent $i" | tail -1 > "$WORK/ctoken$i"
  "$BIN/tiepdan" --db "$WORK/c$i.sqlite3" --as bench --today 2026-11-24 demo --petitions 2000 --seed $((1000 + i)) >/dev/null 2>&1
done
T=$(now)
PIDS=()
for i in $(seq 8); do
  "$BIN/tiepdan" --db "$WORK/c$i.sqlite3" --as bench --today 2026-11-24 sync --no-pull --server "$URL" --token "$(cat "$WORK/ctoken$i")" >/dev/null &
  PIDS+=($!)
done
for pid in "${PIDS[@]}"; do wait "$pid"; done
AFTER=$(psql "SELECT count(*) FROM record")
DUPS=$(psql "SELECT count(*) - count(DISTINCT id) FROM record")
echo "8 desks × 2000 at once: $(secs "$T" "$(now)") s; records added $((AFTER - BEFORE)) (expected 16000), duplicated $DUPS"

TOKEN=$(cat "$WORK/token1")
psql "SELECT payload->'filers'->0->>'full_name' FROM record WHERE jsonb_array_length(payload->'filers') > 0 ORDER BY random() LIMIT 200" > "$WORK/names"
: > "$WORK/times"
while IFS= read -r name; do
  curl -s -o /dev/null -w '%{time_total}\n' -G "$URL/v1/search" --data-urlencode "q=$name" \
    -H "Authorization: Bearer $TOKEN" -H "x-tiepdan-protocol: 1" >> "$WORK/times"
done < "$WORK/names"
sort -n "$WORK/times" > "$WORK/sorted"
COUNT=$(wc -l < "$WORK/sorted")
p() { sed -n "$(( ($1 * COUNT + 99) / 100 ))p" "$WORK/sorted"; }
echo "province search over $(psql "SELECT count(*) FROM petition") petitions, $COUNT name queries: p50 $(p 50) s, p99 $(p 99) s"
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$SERVER_PID/status)"
echo "province database size: $(psql "SELECT pg_size_pretty(pg_database_size('postgres'))")"
