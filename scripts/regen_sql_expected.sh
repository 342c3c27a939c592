#!/usr/bin/env bash
# Regenerates tests/sql/**/*.out and tests/wire-sql/**/*.out (psql-only
# scripts: COPY data, meta-commands) from a real PostgreSQL 15 (Debian's
# postgresql-15), so that expected results are PostgreSQL's, never typed by
# hand. Starts a throwaway server as the postgres user on a free port, runs
# each .sql file in a fresh database with psql, and writes its .out.
#   scripts/regen_sql_expected.sh [FILE.sql ...]     (default: all)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/throwaway_postgres.sh
source "$root/scripts/throwaway_postgres.sh"

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
