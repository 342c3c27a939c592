#!/usr/bin/env bash
# The REPL as a user runs it: heliosdb-lite repl with piped input, with a data
# directory across restarts, with --on-error-stop, and on a terminal.
#   repl_pipe_test.sh PATH/TO/heliosdb-lite
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# 1. The seed's quick start, piped: no banner, no prompt, the seed's output.
cat > "$work/quickstart.sql" <<'SQL'
CREATE TABLE users ( id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, age INT);
INSERT INTO users VALUES (1, 'Alice Johnson', 'alice@example.com', 30);
INSERT INTO users VALUES (2, 'Bob Smith', 'bob@example.com', 25);
INSERT INTO users VALUES (3, 'Charlie Brown', 'charlie@example.com', 35);
SELECT * FROM users;
-- Find users older than 28
SELECT name, age FROM users WHERE age > 28;
-- Count total users
SELECT COUNT(*) as total_users FROM users;
-- Update Alice's age
UPDATE users SET age = 31 WHERE name = 'Alice Johnson';
-- Delete young users
DELETE FROM users WHERE age < 28;
-- Verify changes
SELECT * FROM users;
\q
SQL
cat > "$work/expected.txt" <<'OUT'
Query OK
Query OK, 1 row affected
Query OK, 1 row affected
Query OK, 1 row affected
+----+---------------+---------------------+-----+
| id | name          | email               | age |
+----+---------------+---------------------+-----+
| 1  | Alice Johnson | alice@example.com   | 30  |
| 2  | Bob Smith     | bob@example.com     | 25  |
| 3  | Charlie Brown | charlie@example.com | 35  |
+----+---------------+---------------------+-----+
(3 rows)
+---------------+-----+
| name          | age |
+---------------+-----+
| Alice Johnson | 30  |
| Charlie Brown | 35  |
+---------------+-----+
(2 rows)
+-------------+
| total_users |
+-------------+
| 3           |
+-------------+
(1 row)
Query OK, 1 row affected
Query OK, 1 row affected
+----+---------------+---------------------+-----+
| id | name          | email               | age |
+----+---------------+---------------------+-----+
| 1  | Alice Johnson | alice@example.com   | 31  |
| 3  | Charlie Brown | charlie@example.com | 35  |
+----+---------------+---------------------+-----+
(2 rows)
OUT
"$bin" repl --memory --no-timing < "$work/quickstart.sql" > "$work/out.txt" 2> "$work/err.txt" || fail "quick start exited $?"
diff -u "$work/expected.txt" "$work/out.txt" || fail "quick start output differs"
[ -s "$work/err.txt" ] && fail "quick start wrote errors: $(cat "$work/err.txt")"

# Timings look like the seed's "(0.001s)" by default.
echo "SELECT 1;" | "$bin" repl --memory | grep -Eq '^\(1 row\) \([0-9]+\.[0-9]{3}s\)$' || fail "no timing"

# 2. --data persists across runs; a second run sees the first one's rows.
echo "CREATE TABLE t (x INT); INSERT INTO t VALUES (7);" | "$bin" repl --data "$work/db" > /dev/null
echo "SELECT x FROM t;" | "$bin" repl --data "$work/db" --no-timing | grep -q '^| 7 |$' || fail "--data did not persist"

# 3. Errors: reported on stderr; the shell goes on, or stops with 3.
printf 'SELECT 1/0;\nSELECT 2 AS after;\n' | "$bin" repl --memory --no-timing > "$work/out.txt" 2> "$work/err.txt" \
  || fail "an error without --on-error-stop made the exit status non-zero"
grep -q 'ERROR:  division by zero' "$work/err.txt" || fail "no error message"
grep -q 'after' "$work/out.txt" || fail "the shell stopped after an error"
set +e
printf 'SELECT 1/0;\nSELECT 2 AS after;\n' | "$bin" repl --memory --on-error-stop > "$work/out.txt" 2>/dev/null
status=$?
set -e
[ "$status" -eq 3 ] || fail "--on-error-stop exited $status, not 3"
grep -q 'after' "$work/out.txt" && fail "--on-error-stop ran the next statement"

# 4. Neither --memory nor --data: a usage error.
set +e
"$bin" repl < /dev/null > /dev/null 2>&1
status=$?
set -e
[ "$status" -eq 2 ] || fail "repl without a database exited $status, not 2"

# 5. On a terminal: the banner and the heliosdb> prompt.
if command -v script > /dev/null; then
  printf 'SELECT 40 + 2 AS answer;\n\\q\n' | script -qfec "$bin repl --memory" /dev/null > "$work/tty.txt" 2>&1 || true
  grep -q 'HeliosDB Lite v2.0.0' "$work/tty.txt" || fail "no banner on a terminal"
  grep -q 'Type \\h for help, \\dS for system views, \\q to quit' "$work/tty.txt" || fail "no banner help line"
  grep -q 'heliosdb> ' "$work/tty.txt" || fail "no prompt on a terminal"
  grep -q '| 42 ' "$work/tty.txt" || fail "no result on a terminal"
fi

# 6. The seed's Basic Operations (tests/sql/seed, checked against PostgreSQL
# there) run whole through the REPL, then \d and the Quick Reference card.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
{
  cat "$here/../sql/seed/basic_operations.sql"
  cat <<'SQL'
\d products
CREATE TABLE name (col INT);
\d name
INSERT INTO name VALUES (1);
SELECT * FROM name WHERE col = 1;
UPDATE name SET col = 2 WHERE col = 1;
CREATE INDEX idx_name ON name(col);
BEGIN; DELETE FROM name WHERE col = 2; COMMIT;
BEGIN; INSERT INTO name VALUES (3); ROLLBACK;
SELECT count(*) AS left_over FROM name;
DROP TABLE name;
\q
SQL
} | "$bin" repl --memory --no-timing --on-error-stop > "$work/out.txt" 2> "$work/err.txt" \
  || fail "basic operations stopped at an error: $(cat "$work/err.txt")"
grep -q '^| 5  | Headphones |$' "$work/out.txt" || fail "no RETURNING row"
grep -q '^Table "public.products"$' "$work/out.txt" || fail "\\d products did not describe it"
grep -q '"products_pkey" PRIMARY KEY, btree (id)' "$work/out.txt" || fail "\\d products shows no primary key"
grep -q '^| col    | integer |          |         |$' "$work/out.txt" || fail "\\d name shows no column"
grep -A2 'left_over' "$work/out.txt" | grep -q '^| 0 ' || fail "the Quick Reference transactions went wrong"

# 7. \dS lists HeliosDB's system views and describes one; \d follows the
# session to the new main after the seed's backup-restore workflow (drop
# main, rename another branch to main), as its statements do.
cat > "$work/branches.sql" <<'SQL'
\dS
\dS pg_database_branches()
\dS no_such_view
CREATE TABLE kept (x INT);
CREATE DATABASE BRANCH backup_daily FROM main AS OF NOW;
CREATE DATABASE BRANCH main_new FROM backup_daily AS OF NOW;
DROP DATABASE BRANCH main;
ALTER DATABASE BRANCH main_new RENAME TO main;
\d
\d kept
SELECT current_setting('heliosdb.branch') AS on_branch;
SQL
"$bin" repl --memory --no-timing < "$work/branches.sql" > "$work/out.txt" 2> "$work/err.txt" \
  || fail "the branch workflow exited $?"
grep -q '^| pg_vector_index_stats() .*| function |' "$work/out.txt" || fail "\\dS does not list pg_vector_index_stats()"
grep -q '^| heliosdb_commits .*| view ' "$work/out.txt" || fail "\\dS does not list heliosdb_commits"
grep -q '^| fork_scn  *| bigint  *|$' "$work/out.txt" || fail "\\dS pg_database_branches() shows no fork_scn"
grep -q 'Did not find any system view named "no_such_view"' "$work/err.txt" || fail "\\dS of an unknown view said nothing"
grep -q '^| public | kept | table |$' "$work/out.txt" || fail "\\d after the branch swap lost the table"
grep -q '^Table "public.kept"$' "$work/out.txt" || fail "\\d kept after the branch swap"
grep -A2 'on_branch' "$work/out.txt" | grep -q '^| main ' || fail "current_setting('heliosdb.branch') is not main"
[ "$(wc -l < "$work/err.txt")" -eq 1 ] || fail "unexpected errors: $(cat "$work/err.txt")"

# 8. The seed's multi-tenancy example, and \d showing the policy as psql does.
cat > "$work/tenants.sql" <<'SQL'
CREATE TABLE documents ( id BIGINT PRIMARY KEY, tenant_id INT NOT NULL, content TEXT);
CREATE POLICY tenant_isolation ON documents USING (tenant_id = current_tenant_id());
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
\d documents
SQL
"$bin" repl --memory --no-timing < "$work/tenants.sql" > "$work/out.txt" 2> "$work/err.txt" \
  || fail "the multi-tenancy example exited $?"
grep -q 'policy "tenant_isolation" has no effect yet' "$work/err.txt" || fail "no warning for a policy not yet enabled"
grep -q '^Policies:$' "$work/out.txt" || fail "\\d documents has no Policies footer"
grep -q '^      USING ((tenant_id = current_tenant_id()))$' "$work/out.txt" || fail "\\d documents shows no USING"

if [ "$failures" -eq 0 ]; then echo "repl: all checks passed"; fi
exit "$failures"
