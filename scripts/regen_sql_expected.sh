#!/usr/bin/env bash
# Regenerates tests/sql/**/*.out and tests/wire-sql/**/*.out (psql-only
# scripts: COPY data, meta-commands) from a real PostgreSQL 15 (Debian's
# postgresql-15), so that expected results are PostgreSQL's, never typed by
# hand. Starts a throwaway server as the postgres user on a free port, runs
# each .sql file in a fresh database with psql, and writes its .out.
#   scripts/regen_sql_expected.sh [FILE.sql ...]     (default: all)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pgbin=/usr/lib/postgresql/15/bin
if [ ! -x "$pgbin/postgres" ]; then
  echo "needs Debian's postgresql-15: apt-get install postgresql-15" >&2
  exit 1
fi
run_as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

work=$(mktemp -d /tmp/heliosdb-regen-XXXXXX)
chmod 755 "$work"
chown postgres "$work" 2>/dev/null || true
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  run_as_postgres "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# C collation and UTC: the engine sorts text by bytes and has no time zone yet.
run_as_postgres "$pgbin/initdb" -D "$work/data" -A trust -U postgres --locale=C.UTF-8 --encoding=UTF8 >/dev/null
run_as_postgres "$pgbin/pg_ctl" -D "$work/data" -l "$work/log" -w \
  -o "-p $port -k $work -c listen_addresses='' -c TimeZone=UTC -c fsync=off" start >/dev/null

files=("$@")
if [ ${#files[@]} -eq 0 ]; then mapfile -t files < <(find "$root/tests/sql" "$root/tests/wire-sql" -name '*.sql' | sort); fi
n=0
for sql in "${files[@]}"; do
  db="t$n"
  n=$((n + 1))
  psql_cmd=(psql -h "$work" -p "$port" -U postgres -X)
  "${psql_cmd[@]}" -q -d postgres -c "CREATE DATABASE $db" >/dev/null
  "${psql_cmd[@]}" -d "$db" -a -A -F'|' -v VERBOSITY=sqlstate -v ON_ERROR_STOP=0 -P null=NULL \
    < "$sql" > "${sql%.sql}.out" 2>&1
  echo "regenerated ${sql#$root/}"
done
