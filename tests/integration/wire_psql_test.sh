#!/usr/bin/env bash
# Every tests/sql and tests/wire-sql file through the real psql against `heliosdb-lite server`:
# the output must be what PostgreSQL 15 gave for it (the .out files come from
# scripts/regen_sql_expected.sh). Files with `-- unordered` statements hold
# rows whose order SQL leaves open; those compare as sorted lines.
#   wire_psql_test.sh PATH/TO/heliosdb-lite SOURCE_DIR
set -euo pipefail
bin=$1
root=$2
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
failures=0
n=0
while IFS= read -r sql; do
  n=$((n + 1))
  # A fresh database per file, as the expected output was made in one.
  port=$(free_port)
  "$bin" --log-level warn server --memory --port "$port" &
  server_pid=$!
  for _ in $(seq 100); do
    /usr/lib/postgresql/15/bin/pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.05
  done
  psql -h 127.0.0.1 -p "$port" -U postgres -d db -X -a -A -F'|' -v VERBOSITY=sqlstate -v ON_ERROR_STOP=0 \
    -P null=NULL < "$sql" > "$work/out" 2>&1 || true
  kill -TERM "$server_pid"
  if ! wait "$server_pid"; then
    echo "FAIL: the server did not exit cleanly after ${sql#$root/}"
    failures=$((failures + 1))
  fi
  server_pid=
  expected=${sql%.sql}.out
  if grep -q -- '-- unordered' "$sql"; then
    diff <(sort "$expected") <(sort "$work/out") > "$work/diff" || true
  else
    diff "$expected" "$work/out" > "$work/diff" || true
  fi
  if [ -s "$work/diff" ]; then
    echo "FAIL: ${sql#$root/} differs from PostgreSQL's output:"
    head -40 "$work/diff"
    failures=$((failures + 1))
  fi
done < <(find "$root/tests/sql" "$root/tests/wire-sql" -name '*.sql' | sort)
echo "$n files through psql, $failures failures"
[ "$failures" -eq 0 ]
