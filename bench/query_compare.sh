#!/usr/bin/env bash
# Query shapes side by side: `heliosdb-lite server` and PostgreSQL 15
# (Debian's) on this machine, the same tables loaded into both, each query
# run interleaved (A B A B) and timed from the client (psycopg2). Prints the
# median milliseconds for each and the ratio PostgreSQL/ours (higher is
# better for us) for: a correlated EXISTS and NOT EXISTS (semi- and
# anti-join), NOT IN over a subquery, keyset pagination on a composite
# primary key, ORDER BY id LIMIT with OFFSET, ORDER BY over an index range
# with LIMIT, the same two read backwards (ORDER BY ... DESC LIMIT), and a
# whole index read backwards for an ORDER BY with no WHERE.
#
#   bench/query_compare.sh [--rows N] [--runs N] [--dir DIR] [PATH/TO/heliosdb-lite]
#
# Defaults: 100,000 rows per table, 9 runs per query. Needs root
# (PostgreSQL runs as the postgres user).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rows=100000
runs=9
base=/tmp
bin=$root/build/server/heliosdb-lite
while [ $# -gt 0 ]; do
  case $1 in
    --rows) rows=$2; shift ;;
    --runs) runs=$2; shift ;;
    --dir) base=$2; shift ;;
    *) bin=$1 ;;
  esac
  shift
done
bench_name=queries
# shellcheck source=bench/side_by_side.sh
source "$root/bench/side_by_side.sh"

$py - "$pg_port" "$h_port" "$rows" "$runs" <<'EOF'
import statistics
import sys
import time

import psycopg2

pg_port, h_port, rows, runs = (int(a) for a in sys.argv[1:])
setup = [
    "CREATE TABLE a (id int PRIMARY KEY, x int)",
    "CREATE TABLE b (id int PRIMARY KEY, x int)",
    f"INSERT INTO a SELECT i, i % 5000 FROM generate_series(1, {rows}) i",
    f"INSERT INTO b SELECT i, i % 10000 FROM generate_series(1, {rows}) i",
    "CREATE TABLE events (created date NOT NULL, id int NOT NULL, body text, PRIMARY KEY (created, id))",
    f"INSERT INTO events SELECT DATE '2024-01-01' + (i % 365), i, 'e' || i FROM generate_series(1, {rows}) i",
    "CREATE TABLE posts (id int PRIMARY KEY, author int, created int)",
    f"INSERT INTO posts SELECT i, i % 100, (i::bigint * 7919) % 1000000 FROM generate_series(1, {rows}) i",
    "CREATE INDEX posts_author_created ON posts (author, created)",
    "ANALYZE",
]
queries = [
    ("correlated EXISTS (semi-join)", "SELECT count(*) FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.x = a.x)"),
    ("correlated NOT EXISTS (anti-join)",
     "SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.x = a.x + 7000)"),
    ("NOT IN (uncorrelated subquery)", "SELECT count(*) FROM a WHERE a.x + 7000 NOT IN (SELECT x FROM b)"),
    ("keyset page on (created, id), LIMIT 20",
     "SELECT id FROM events WHERE (created, id) > ('2024-06-01', 5000) ORDER BY created, id LIMIT 20"),
    ("ORDER BY id LIMIT 20 OFFSET 1000", "SELECT id FROM a ORDER BY id LIMIT 20 OFFSET 1000"),
    ("index range in order, LIMIT 20",
     "SELECT id FROM posts WHERE author = 42 ORDER BY created LIMIT 20"),
    ("ORDER BY id DESC LIMIT 20 (backward)", "SELECT id FROM a ORDER BY id DESC LIMIT 20"),
    ("index range backward, LIMIT 20",
     "SELECT id FROM posts WHERE author = 42 ORDER BY created DESC LIMIT 20"),
    ("whole index backward (no WHERE), LIMIT 20",
     "SELECT author, created FROM posts ORDER BY author DESC, created DESC LIMIT 20"),
]

conns = {}
for name, port in (("postgres", pg_port), ("heliosdb", h_port)):
    c = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
    c.autocommit = True
    cur = c.cursor()
    for sql in setup:
        cur.execute(sql)
    conns[name] = cur

print(f"{'query':42} {'PostgreSQL ms':>14} {'HeliosDB ms':>12} {'ratio':>7}")
for label, sql in queries:
    times = {"postgres": [], "heliosdb": []}
    answers = {}
    for _ in range(runs):
        for name, cur in conns.items():
            start = time.perf_counter()
            cur.execute(sql)
            answers[name] = cur.fetchall()
            times[name].append((time.perf_counter() - start) * 1000)
    if answers["postgres"] != answers["heliosdb"]:
        print(f"{label}: the answers differ", file=sys.stderr)
        sys.exit(1)
    pg, h = statistics.median(times["postgres"]), statistics.median(times["heliosdb"])
    print(f"{label:42} {pg:14.2f} {h:12.2f} {pg / h:7.2f}")
EOF
