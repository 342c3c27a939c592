#!/usr/bin/env bash
# Regenerates tests/sqllogictest/postgres_failures.txt: the records of the
# sqllogictest sample (../shared/sqllogictest, or $1) that real PostgreSQL 15
# (Debian's postgresql-15) fails itself, found by running the same runner
# against it. Those records encode SQLite's behaviour, not SQL's; the suite
# skips them.
#   scripts/regen_slt_exclusions.sh [CORPUS_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=$(cd "${1:-$root/../shared/sqllogictest}" && pwd)
pgbin=/usr/lib/postgresql/15/bin
if [ ! -x "$pgbin/postgres" ]; then
  echo "needs Debian's postgresql-15: apt-get install postgresql-15" >&2
  exit 1
fi
run_as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

work=$(mktemp -d /tmp/heliosdb-slt-XXXXXX)
chmod 755 "$work"
chown postgres "$work" 2>/dev/null || true
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  run_as_postgres "$pgbin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

run_as_postgres "$pgbin/initdb" -D "$work/data" -A trust -U postgres --locale=C.UTF-8 --encoding=UTF8 >/dev/null
run_as_postgres "$pgbin/pg_ctl" -D "$work/data" -l "$work/log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c TimeZone=UTC -c fsync=off" start >/dev/null

mapfile -t files < <(find "$corpus" -name '*.test' | sort)
out="$root/tests/sqllogictest/postgres_failures.txt"
/usr/bin/python3 "$root/tests/sqllogictest/slt_runner.py" --port "$port" --user postgres --root "$corpus" \
  --failures "$out.new" "${files[@]}" || true
{
  echo "# Records of the sqllogictest sample that PostgreSQL 15 fails: made by"
  echo "# scripts/regen_slt_exclusions.sh, never edited by hand."
  cat "$out.new"
} > "$out"
rm -f "$out.new"
echo "wrote ${out#$root/}: $(grep -vc '^#' "$out") records"
