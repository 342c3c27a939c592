#!/usr/bin/env bash
# pgbench against `heliosdb-lite server`: -i -s 1 (DROP, CREATE ... WITH
# (fillfactor), TRUNCATE, COPY ... WITH (FREEZE), VACUUM, ALTER TABLE ADD
# PRIMARY KEY), then select-only and TPC-B-like runs in each query mode and
# with four concurrent clients.
# Afterwards the TPC-B invariant must hold: every balance change is in
# pgbench_history, and branches, tellers and accounts agree with it.
#   pgbench_test.sh PATH/TO/heliosdb-lite
set -euo pipefail
bin=$1
pgbin=/usr/lib/postgresql/15/bin
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" --log-level warn server --memory --port "$port" --unix-socket-dir "" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.05
done
conn=(-h 127.0.0.1 -p "$port" -U postgres)
sql() { psql "${conn[@]}" -d bench -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }

"$pgbin/pgbench" "${conn[@]}" -i -s 1 -q bench
[ "$(sql 'SELECT count(*) FROM pgbench_accounts')" = 100000 ] || { echo "FAIL: pgbench -i loaded the wrong row count"; exit 1; }
for mode in simple extended prepared; do
  "$pgbin/pgbench" "${conn[@]}" -n -S -T 1 -M "$mode" bench | grep -E '^(tps|number of failed)'
  "$pgbin/pgbench" "${conn[@]}" -n -T 1 -M "$mode" bench | grep -E '^(tps|number of failed)'
done
# Concurrent clients under READ COMMITTED (as PostgreSQL runs pgbench): writers
# of the same branch row wait for each other and none fails.
out=$(PGOPTIONS='-c default_transaction_isolation=read\ committed' \
  "$pgbin/pgbench" "${conn[@]}" -n -T 2 -c 4 -j 2 -M prepared bench)
echo "$out" | grep -E '^(tps|number of failed)'
echo "$out" | grep -q '^number of failed transactions: 0 ' || { echo "FAIL: concurrent TPC-B clients failed"; exit 1; }
history=$(sql 'SELECT count(*), coalesce(sum(delta), 0) FROM pgbench_history')
[ "${history%%|*}" -gt 0 ] || { echo "FAIL: no TPC-B transaction was recorded"; exit 1; }
sums=$(sql 'SELECT (SELECT sum(abalance) FROM pgbench_accounts), (SELECT sum(tbalance) FROM pgbench_tellers), (SELECT sum(bbalance) FROM pgbench_branches)')
delta=${history#*|}
if [ "$sums" != "$delta|$delta|$delta" ]; then
  echo "FAIL: balances $sums do not match the history's total $delta"
  exit 1
fi
echo "pgbench: ${history%%|*} TPC-B transactions, balances consistent"
