#!/usr/bin/env bash
# pg_dump 15 against `heliosdb-lite server`: a schema with tables, indexes
# (DESC, composite, unique), PRIMARY KEY, UNIQUE, CHECK and FOREIGN KEY ...
# ON DELETE CASCADE constraints, serial, identity and generated columns, a sequence,
# a second schema, enum types (one with a label added before another), domains and
# columns and arrays of them, SQL functions (defaults, SETOF, RETURNS TABLE, RETURN, void),
# defaults, comments and rows with tabs, newlines and backslashes is dumped
# plain and in the custom format (-Fc), and plain with --inserts (which
# reads rows through a cursor). Each dump is restored into a
# throwaway PostgreSQL 15 (psql -f, pg_restore) and into fresh servers of
# ours, and then:
#   - PostgreSQL's pg_dump of each restored copy equals its pg_dump of the
#     same schema created directly in PostgreSQL (so the dump means exactly
#     what the schema meant),
#   - our pg_dump of the copies restored into our server equals our pg_dump
#     of the original (a round trip changes nothing),
#   - every copy holds the same rows.
#   pg_dump_test.sh PATH/TO/heliosdb-lite PROJECT_SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
source "$src/scripts/throwaway_postgres.sh"  # a real PostgreSQL 15: $work, $port
pg_port=$port
pgbin=/usr/lib/postgresql/15/bin

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  cleanup
}
trap stop_all EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Starts a server of ours with an empty database and sets $started to its
# port (not printed: in a $(...) subshell the pid would not reach `pids`).
start_ours() {
  started=$(free_port)
  "$bin" --log-level warn server --memory --port "$started" --unix-socket-dir "" >"$work/ours-$started.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$started" && break
    sleep 0.05
  done
}
psql_at() { psql -h 127.0.0.1 -p "$1" -U postgres -d "$2" -X -q -v ON_ERROR_STOP=1 "${@:3}"; }
psql_pg() { psql -h "$work" -p "$pg_port" -U postgres -d "$1" -X -q -v ON_ERROR_STOP=1 "${@:2}"; }
fail() {
  echo "FAIL: $*"
  exit 1
}
# A dump without what differs between two dumps of the same objects: the
# \restrict key (random per dump) and blank lines.
normalized_dump() { "$pgbin/pg_dump" -h 127.0.0.1 -p "$1" -U postgres "$2" | grep -v '^\\\(un\)\?restrict ' | grep -v '^$'; }
rows() {
  psql_at "$1" "$2" -A -t -c "SELECT * FROM customers ORDER BY id" -c "SELECT * FROM orders ORDER BY id" \
    -c "SELECT * FROM tags ORDER BY k, v" -c "SELECT last_value, is_called FROM invoice_no" \
    -c "SELECT * FROM billing.invoices ORDER BY id" -c "SELECT * FROM moods ORDER BY m, id" \
    -c "SELECT * FROM stock ORDER BY id"
}

cat >"$work/schema.sql" <<'SQL'
CREATE TABLE customers (
  id serial PRIMARY KEY,
  email varchar(200) NOT NULL UNIQUE,
  name text DEFAULT 'anon',
  score integer CHECK (score >= 0),
  created date DEFAULT '2024-01-01'
);
CREATE TABLE orders (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  placed timestamp NOT NULL,
  total numeric(12,2) DEFAULT 0,
  note text,
  total_cents numeric GENERATED ALWAYS AS (total * 100) STORED,
  note_length integer GENERATED ALWAYS AS (length(note)) STORED,
  CONSTRAINT total_positive CHECK (total >= 0)
);
CREATE INDEX orders_customer_placed ON orders (customer_id, placed DESC);
CREATE UNIQUE INDEX customers_name_created ON customers (name, created);
CREATE UNIQUE INDEX customers_email_lower ON customers (lower(email));
CREATE INDEX orders_doubled ON orders ((total * 2) DESC);
CREATE INDEX orders_unnoted ON orders (placed) WHERE note IS NULL;
CREATE SEQUENCE invoice_no START 1000 INCREMENT 5;
CREATE TABLE tags (k text, v int, PRIMARY KEY (k, v));
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id serial PRIMARY KEY, customer_id integer REFERENCES customers (id), amount numeric(10,2));
CREATE INDEX invoices_customer ON billing.invoices (customer_id);
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
CREATE TYPE billing.state AS ENUM ('open', 'paid');
COMMENT ON TYPE mood IS 'how one feels';
CREATE TABLE moods (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'ok', history mood[], st billing.state);
CREATE INDEX moods_m ON moods (m);
INSERT INTO moods VALUES (1, 'happy', '{sad,meh}', 'paid'), (2, 'meh', NULL, NULL);
INSERT INTO moods (id) VALUES (3);
CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL CONSTRAINT posint_check CHECK (VALUE > 0);
CREATE DOMAIN billing.code AS varchar(8) CHECK (VALUE <> '');
CREATE TABLE stock (id posint PRIMARY KEY, code billing.code, qty posint);
COMMENT ON DOMAIN posint IS 'a positive count';
INSERT INTO stock VALUES (1, 'ab', 5);
INSERT INTO stock (id, code) VALUES (2, 'cd');
COMMENT ON TABLE customers IS 'people who buy';
CREATE VIEW a_spenders AS SELECT c.name, sum(o.total) AS spent FROM customers c JOIN orders o ON o.customer_id = c.id
  GROUP BY c.name HAVING sum(o.total) > 10;
CREATE VIEW noted_orders (order_id, placed) AS SELECT id, placed FROM orders WHERE note IS NOT NULL ORDER BY placed DESC;
CREATE VIEW scored AS SELECT id, score FROM customers WHERE score >= 0 WITH LOCAL CHECK OPTION;
CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, count(*) AS n, sum(total) AS spent FROM orders
  GROUP BY customer_id;
CREATE UNIQUE INDEX order_totals_customer ON order_totals (customer_id);
CREATE MATERIALIZED VIEW later_totals AS SELECT customer_id, spent FROM order_totals WHERE spent > 0 WITH NO DATA;
COMMENT ON COLUMN customers.email IS 'login e-mail';
INSERT INTO customers (email, name, score) VALUES ('a@x.org', 'Ann', 10), ('b@x.org', E'Bob\tTab', NULL), ('c@x.org', NULL, 0);
INSERT INTO orders (customer_id, placed, total, note) VALUES (1, '2024-02-03 04:05:06', 12.34, 'first'),
  (1, '2024-03-01 00:00:00', 0, NULL), (2, '2024-03-02 10:00:00', 99.99, E'line1\nline2 back\\slash');
INSERT INTO tags VALUES ('a', 1), ('b', 2);
INSERT INTO billing.invoices (customer_id, amount) VALUES (1, 5.50), (2, 7);
SELECT nextval('invoice_no');
CREATE FUNCTION add_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT round(amount * (1 + rate), 2) $$;
CREATE FUNCTION billing.open_invoices() RETURNS SETOF integer LANGUAGE sql STABLE
  AS $$ SELECT id FROM billing.invoices ORDER BY id $$;
CREATE FUNCTION customer_names(min_score integer) RETURNS TABLE(id integer, name text) LANGUAGE sql
  AS 'SELECT id, name FROM customers WHERE score >= min_score';
CREATE FUNCTION twice(n integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN n * 2;
CREATE FUNCTION nothing() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$;
COMMENT ON FUNCTION add_tax(numeric, numeric) IS 'with tax';
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TABLE tokens (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), ns uuid DEFAULT uuid_generate_v5(uuid_ns_url(), 'helios'));
-- Owners and privileges, which pg_dump writes as ALTER ... OWNER TO, GRANT and REVOKE.
CREATE SCHEMA reporting AUTHORIZATION dump_owner;
CREATE TABLE reporting.daily (day date PRIMARY KEY, total numeric, n serial);
ALTER TABLE reporting.daily OWNER TO dump_owner;
CREATE VIEW reporting.recent AS SELECT day, total FROM reporting.daily;
ALTER VIEW reporting.recent OWNER TO dump_owner;
GRANT USAGE ON SCHEMA reporting TO dump_reader;
GRANT SELECT ON reporting.daily, reporting.recent TO dump_reader;
GRANT SELECT, INSERT ON customers TO dump_reader WITH GRANT OPTION;
GRANT USAGE ON SEQUENCE invoice_no TO dump_reader;
GRANT SELECT (id), UPDATE (id) ON orders TO dump_owner;
REVOKE USAGE ON TYPE mood FROM PUBLIC;
GRANT USAGE ON TYPE mood TO dump_reader;
GRANT USAGE ON DOMAIN posint TO dump_owner WITH GRANT OPTION;
GRANT INSERT (total) ON reporting.recent TO dump_reader WITH GRANT OPTION;
REVOKE EXECUTE ON FUNCTION twice(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION twice(integer) TO dump_reader;
GRANT CREATE ON SCHEMA public TO dump_owner;
REVOKE TRUNCATE ON stock FROM postgres;
ALTER DEFAULT PRIVILEGES FOR ROLE dump_owner IN SCHEMA reporting GRANT SELECT ON TABLES TO dump_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE dump_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
-- Row-level security, which pg_dump writes as ALTER TABLE ... ROW LEVEL SECURITY and CREATE POLICY.
ALTER TABLE reporting.daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY daily_recent ON reporting.daily FOR SELECT TO dump_reader USING (day > '2024-01-01');
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY orders_noted ON orders AS RESTRICTIVE USING (note IS NOT NULL) WITH CHECK (total >= 0);
SQL
# Roles belong to the cluster, not to a dump: each server gets them first.
roles_sql="CREATE ROLE dump_owner; CREATE ROLE dump_reader"

start_ours
ours=$started
psql_at "$ours" app -c "$roles_sql"
psql_at "$ours" app -f "$work/schema.sql" >/dev/null
"$pgbin/pg_dump" -h 127.0.0.1 -p "$ours" -U postgres -f "$work/dump.sql" app || fail "pg_dump (plain) against our server"
"$pgbin/pg_dump" -h 127.0.0.1 -p "$ours" -U postgres -Fc -f "$work/dump.fc" app || fail "pg_dump -Fc against our server"
grep -q 'ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON DELETE CASCADE' \
  "$work/dump.sql" || fail "the plain dump has no foreign key"
grep -q 'note_length integer GENERATED ALWAYS AS (length(note)) STORED' "$work/dump.sql" ||
  fail "the plain dump has no generated column"
grep -q '^CREATE TABLE billing.invoices' "$work/dump.sql" || fail "the plain dump has no table in schema billing"
grep -q 'WITH LOCAL CHECK OPTION' "$work/dump.sql" || fail "the plain dump lost a view's check option"
grep -q '^CREATE TYPE public.mood AS ENUM' "$work/dump.sql" || fail "the plain dump has no enum type"
grep -q "^COMMENT ON TYPE public.mood IS 'how one feels';" "$work/dump.sql" || fail "the plain dump has no type comment"
grep -q '^CREATE DOMAIN public.posint AS integer NOT NULL DEFAULT 1' "$work/dump.sql" || fail "the plain dump has no domain"
grep -q "^COMMENT ON DOMAIN public.posint IS 'a positive count';" "$work/dump.sql" || fail "the plain dump has no domain comment"
grep -q '^CREATE FUNCTION public.add_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric' "$work/dump.sql" ||
  fail "the plain dump has no SQL function"
grep -q '^CREATE FUNCTION billing.open_invoices() RETURNS SETOF integer' "$work/dump.sql" ||
  fail "the plain dump has no set-returning function"
grep -q '^CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;' "$work/dump.sql" ||
  fail "the plain dump has no CREATE EXTENSION"
grep -q 'id uuid DEFAULT public.uuid_generate_v4() NOT NULL' "$work/dump.sql" ||
  fail "the plain dump does not qualify an extension's function"
grep -q "^COMMENT ON FUNCTION public.add_tax(amount numeric, rate numeric) IS 'with tax';" "$work/dump.sql" ||
  fail "the plain dump has no function comment"
grep -q '^GRANT SELECT,INSERT ON TABLE public.customers TO dump_reader WITH GRANT OPTION;' "$work/dump.sql" ||
  fail "the plain dump has no GRANT"
grep -q '^GRANT SELECT(id),UPDATE(id) ON TABLE public.orders TO dump_owner;' "$work/dump.sql" ||
  fail "the plain dump has no column GRANT"
grep -q '^GRANT ALL ON TYPE public.mood TO dump_reader;' "$work/dump.sql" || fail "the plain dump has no GRANT on a type"
grep -q '^ALTER TABLE reporting.daily OWNER TO dump_owner;' "$work/dump.sql" || fail "the plain dump lost an owner"
grep -q '^ALTER TABLE reporting.daily ENABLE ROW LEVEL SECURITY;' "$work/dump.sql" ||
  fail "the plain dump lost row-level security"
grep -q '^CREATE POLICY daily_recent ON reporting.daily FOR SELECT TO dump_reader USING' "$work/dump.sql" ||
  fail "the plain dump has no policy"
grep -q '^ALTER DEFAULT PRIVILEGES FOR ROLE dump_owner IN SCHEMA reporting GRANT SELECT ON TABLES \+TO dump_reader;' \
  "$work/dump.sql" || fail "the plain dump has no default privileges"

# The reference: the same schema made by PostgreSQL itself.
psql_pg postgres -c "CREATE DATABASE reference" -c "CREATE DATABASE plain" -c "CREATE DATABASE custom" -c "$roles_sql"
psql_pg reference -f "$work/schema.sql" >/dev/null
psql_pg plain -f "$work/dump.sql" >/dev/null || fail "psql -f of our dump into PostgreSQL"
"$pgbin/pg_restore" -h "$work" -p "$pg_port" -U postgres -d custom --exit-on-error "$work/dump.fc" ||
  fail "pg_restore of our -Fc dump into PostgreSQL"
normalized_pg() { "$pgbin/pg_dump" -h "$work" -p "$pg_port" -U postgres "$1" | grep -v '^\\\(un\)\?restrict ' | grep -v '^$'; }
normalized_pg reference >"$work/reference.sql"
for db in plain custom; do
  normalized_pg "$db" >"$work/$db.sql"
  diff -u "$work/reference.sql" "$work/$db.sql" || fail "PostgreSQL restored our dump ($db) into something else than the schema"
done

# Back into our own server, from both formats.
start_ours
again=$started
psql_at "$again" app -c "$roles_sql"
psql_at "$again" app -f "$work/dump.sql" >/dev/null || fail "psql -f of our dump into our server"
start_ours
again_fc=$started
psql_at "$again_fc" app -c "$roles_sql"
"$pgbin/pg_restore" -h 127.0.0.1 -p "$again_fc" -U postgres -d app --exit-on-error "$work/dump.fc" ||
  fail "pg_restore of our -Fc dump into our server"
normalized_dump "$ours" app >"$work/ours.sql"
for p in "$again" "$again_fc"; do
  normalized_dump "$p" app >"$work/again-$p.sql"
  diff -u "$work/ours.sql" "$work/again-$p.sql" || fail "a dump restored into our server dumps differently"
done

rows "$ours" app >"$work/rows-ours"
for target in "$again app" "$again_fc app"; do
  rows $target | diff -u "$work/rows-ours" - || fail "rows differ after restoring into our server"
done
# The restored functions run in both.
psql_at "$again" app -A -t -c "SELECT add_tax(10), twice(21), count(*) FROM customer_names(0)" >"$work/calls-ours"
psql_pg plain -A -t -c "SELECT add_tax(10), twice(21), count(*) FROM customer_names(0)" |
  diff -u "$work/calls-ours" - || fail "restored functions give other results"
for db in reference plain custom; do
  psql_pg "$db" -A -t -c "SELECT * FROM customers ORDER BY id" \
    -c "SELECT * FROM orders ORDER BY id" -c "SELECT * FROM tags ORDER BY k, v" \
    -c "SELECT last_value, is_called FROM invoice_no" -c "SELECT * FROM billing.invoices ORDER BY id" \
    -c "SELECT * FROM moods ORDER BY m, id" -c "SELECT * FROM stock ORDER BY id" |
    diff -u "$work/rows-ours" - || fail "rows differ in PostgreSQL ($db)"
done
# --inserts reads each table through DECLARE _pg_dump_cursor CURSOR FOR
# SELECT ... and FETCH 100 FROM _pg_dump_cursor.
"$pgbin/pg_dump" -h 127.0.0.1 -p "$ours" -U postgres --inserts -f "$work/dump-inserts.sql" app ||
  fail "pg_dump --inserts against our server"
grep -q "^INSERT INTO public.tags VALUES ('b', 2);" "$work/dump-inserts.sql" || fail "the --inserts dump has no INSERTs"
psql_pg postgres -c "CREATE DATABASE inserts"
psql_pg inserts -f "$work/dump-inserts.sql" >/dev/null || fail "psql -f of our --inserts dump into PostgreSQL"
normalized_pg inserts | diff -u "$work/reference.sql" - || fail "PostgreSQL restored our --inserts dump into something else"
psql_pg inserts -A -t -c "SELECT * FROM customers ORDER BY id" -c "SELECT * FROM orders ORDER BY id" \
  -c "SELECT * FROM tags ORDER BY k, v" -c "SELECT last_value, is_called FROM invoice_no" \
  -c "SELECT * FROM billing.invoices ORDER BY id" -c "SELECT * FROM moods ORDER BY m, id" \
  -c "SELECT * FROM stock ORDER BY id" | diff -u "$work/rows-ours" - || fail "rows differ after restoring our --inserts dump"
echo "pg_dump: plain, custom and --inserts dumps restore into PostgreSQL 15 and into our server"
