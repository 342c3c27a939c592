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
listen=127.0.0.1
# shellcheck source=scripts/throwaway_postgres.sh
source "$root/scripts/throwaway_postgres.sh"

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
