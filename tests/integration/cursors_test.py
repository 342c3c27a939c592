#!/usr/bin/python3
"""Server-side (named) cursors as drivers use them, over the wire: psycopg2's
named cursors (DECLARE ... CURSOR WITHOUT HOLD FOR, FETCH FORWARD n FROM,
MOVE, CLOSE; WITH HOLD in autocommit as Django's QuerySet.iterator() does)
and psycopg 3's conn.cursor(name=...) (DECLARE with bound parameters, the
protocol's Describe of the DECLAREd portal, FETCH over the extended protocol
in text and binary).

    cursors_test.py PATH/TO/heliosdb-lite        against our server
    cursors_test.py --dsn "host=... port=..."    against PostgreSQL, to check the expectations
"""
import sys

import psycopg2
import psycopg2.errors

try:
    import psycopg
except ImportError:  # python3-psycopg is optional
    psycopg = None

if sys.argv[1] == "--dsn":
    DSN, BIN = sys.argv[2], None
    sys.argv[1:] = ["unused"]
else:
    DSN = None
from harness import Server, check, failures  # noqa: E402

server = None if DSN else Server("--memory")


def connect():
    return psycopg2.connect(DSN) if server is None else server.connect()


def dsn3():
    return DSN if server is None else f"host=127.0.0.1 port={server.port} user=tester dbname=db"


def sqlstate(fn):
    try:
        fn()
    except psycopg2.Error as e:
        return e.pgcode
    return None


setup = connect()
setup.autocommit = True
setup.cursor().execute("DROP TABLE IF EXISTS items")
setup.cursor().execute("CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(8,2))")
setup.cursor().execute("INSERT INTO items SELECT g, 'item ' || g, g * 1.5 FROM generate_series(1, 25) g")
setup.close()
expected = [(i, f"item {i}") for i in range(1, 26)]

# --- psycopg2 ------------------------------------------------------------------

conn = connect()  # not autocommit: the named cursor lives in the transaction psycopg2 begins
named = conn.cursor("named_items")
named.itersize = 7  # FETCH FORWARD 7 at a time
named.execute("SELECT id, name FROM items ORDER BY id")
check(list(named) == expected, "psycopg2: iterating a named cursor returns every row once")
check([d[0] for d in named.description] == ["id", "name"], "psycopg2: a named cursor describes its columns")
named.close()

named = conn.cursor("paged")
named.execute("SELECT id FROM items WHERE id <= %s ORDER BY id", (10,))
check(named.fetchone() == (1,), "psycopg2: fetchone from a named cursor")
check(named.fetchmany(3) == [(2,), (3,), (4,)], "psycopg2: fetchmany from a named cursor")
named.scroll(2)  # MOVE 2
check(named.fetchone() == (7,), "psycopg2: scroll (MOVE) skips rows")
named.scroll(0, mode="absolute")  # MOVE ABSOLUTE 0
check(named.fetchall() == [(i,) for i in range(1, 11)], "psycopg2: scroll back to the start and fetchall")
named.close()
conn.commit()

named = conn.cursor("forward_only", scrollable=False)  # DECLARE ... NO SCROLL CURSOR
named.execute("SELECT id FROM items ORDER BY id")
named.fetchmany(5)
check(sqlstate(lambda: named.scroll(-1)) == "55000", "psycopg2: a NO SCROLL cursor refuses to go back (55000)")
conn.rollback()

cur = conn.cursor()
cur.execute("DECLARE twice CURSOR FOR SELECT 1")
check(sqlstate(lambda: cur.execute("DECLARE twice CURSOR FOR SELECT 2")) == "42P03", "psycopg2: duplicate cursor is 42P03")
conn.rollback()
check(sqlstate(lambda: cur.execute('FETCH FORWARD 1 FROM "nosuch"')) == "34000", "psycopg2: unknown cursor is 34000")
conn.rollback()
cur.execute("DECLARE c CURSOR FOR SELECT id FROM items ORDER BY id")
cur.execute("FETCH 3 FROM c")
check(cur.statusmessage == "FETCH 3" and cur.fetchall() == [(1,), (2,), (3,)], "psycopg2: FETCH's command tag")
cur.execute("MOVE FORWARD ALL IN c")
check(cur.statusmessage == "MOVE 22", "psycopg2: MOVE's command tag counts the rows passed")
cur.execute("CLOSE c")
check(cur.statusmessage == "CLOSE CURSOR", "psycopg2: CLOSE's command tag")
conn.commit()
if server is not None:
    cur.execute("DECLARE upd CURSOR FOR SELECT id FROM items ORDER BY id FOR UPDATE")
    cur.execute("FETCH upd")
    check(sqlstate(lambda: cur.execute("UPDATE items SET name = 'x' WHERE CURRENT OF upd")) == "0A000",
          "psycopg2: WHERE CURRENT OF is refused with 0A000")
    conn.rollback()
    check(sqlstate(lambda: cur.execute("DECLARE b BINARY CURSOR FOR SELECT 1")) == "0A000",
          "psycopg2: BINARY cursors are refused with 0A000")
    conn.rollback()
conn.close()

# Django's QuerySet.iterator() with autocommit: WITH HOLD outlives each statement's transaction.
conn = connect()
conn.autocommit = True
held = conn.cursor("django_curs", withhold=True)  # DECLARE ... NO SCROLL CURSOR WITH HOLD FOR
held.itersize = 10
held.execute("SELECT id, name FROM items ORDER BY id")
first = held.fetchmany(10)
other = conn.cursor()
other.execute("UPDATE items SET name = 'renamed' WHERE id = 20")  # a commit between FETCHes
rest = held.fetchall()
check(first + rest == expected, "psycopg2: a WITH HOLD cursor keeps its rows across commits")
other.execute("SELECT name, is_holdable FROM pg_cursors")
check(other.fetchall() == [("django_curs", True)], "psycopg2: pg_cursors lists the held cursor")
held.close()
other.execute("SELECT count(*) FROM pg_cursors")
check(other.fetchone() == (0,), "psycopg2: CLOSE drops the held cursor")
check(sqlstate(lambda: other.execute("DECLARE nohold CURSOR FOR SELECT 1")) == "25P01",
      "psycopg2: DECLARE without HOLD outside a transaction block is 25P01")
other.execute("UPDATE items SET name = 'item 20' WHERE id = 20")
conn.close()

# --- psycopg 3 -----------------------------------------------------------------

if psycopg is not None:
    with psycopg.connect(dsn3()) as conn3:
        with conn3.cursor(name="p3") as cur3:
            cur3.itersize = 4
            cur3.execute("SELECT id, name FROM items WHERE id > %s ORDER BY id", (20,))  # DECLARE with $1
            check([d.name for d in cur3.description] == ["id", "name"],
                  "psycopg 3: Describe of the DECLAREd portal gives its columns")
            check(cur3.fetchone() == (21, "item 21"), "psycopg 3: fetchone over the extended protocol")
            check(cur3.fetchmany(2) == [(22, "item 22"), (23, "item 23")], "psycopg 3: fetchmany")
            cur3.scroll(-2)  # MOVE -2
            check(cur3.fetchall() == [(22, "item 22"), (23, "item 23"), (24, "item 24"), (25, "item 25")],
                  "psycopg 3: scroll back and fetchall")
            cur3.scroll(1, mode="absolute")  # MOVE ABSOLUTE 1
            check(cur3.fetchone() == (22, "item 22"), "psycopg 3: scroll to an absolute position")
        conn3.commit()
        with conn3.cursor(name="p3bin", binary=True) as cur3:
            cur3.execute("SELECT id, price FROM items WHERE id <= 3 ORDER BY id")
            rows = cur3.fetchall()
            check([(r[0], float(r[1])) for r in rows] == [(1, 1.5), (2, 3.0), (3, 4.5)],
                  "psycopg 3: FETCH with binary results")
        conn3.commit()
        with conn3.cursor(name="p3ns", scrollable=False) as cur3:
            cur3.execute("SELECT id FROM items ORDER BY id")
            cur3.fetchmany(3)
            try:
                cur3.scroll(-1)
                check(False, "psycopg 3: a NO SCROLL cursor refuses to go back")
            except psycopg.errors.ObjectNotInPrerequisiteState:
                pass
        conn3.rollback()
    with psycopg.connect(dsn3(), autocommit=True) as conn3:
        with conn3.cursor(name="p3hold", withhold=True) as cur3:
            cur3.execute("SELECT id FROM items ORDER BY id")
            check(len(cur3.fetchall()) == 25, "psycopg 3: a WITH HOLD cursor in autocommit")
        check(conn3.execute("SELECT count(*) FROM pg_cursors").fetchone() == (0,),
              "psycopg 3: closing the cursor closes it on the server")

if server is not None:
    check(server.stop() == 0, "server exits cleanly")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("cursors: psycopg2 and psycopg 3 named cursors work")
