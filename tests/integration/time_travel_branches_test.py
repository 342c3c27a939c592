#!/usr/bin/python3
"""Time travel and database branches over the wire with psycopg2: every example
of the seed's "Time-Travel Queries" and "Database Branching" sections run
against a real history (timestamps captured between commits), AS OF
TIMESTAMP / TRANSACTION / SCN with bound parameters and microsecond
resolution, VERSIONS BETWEEN, the errors and their SQLSTATEs, branch
workflows with merges and their conflicts and constraint failures, sessions
on different branches at once, db@branch connections with ParameterStatus,
the seed's disaster recovery (main dropped and replaced), history past
--retention-days, and branches and history surviving a restart.

Checks that known product bugs fail are marked known_bug(...): they assert
what is right, are listed at the end, and do not fail the run.

    time_travel_branches_test.py PATH/TO/heliosdb-lite
"""
import datetime
import socket
import sys
import tempfile
import threading
import time
from decimal import Decimal

import psycopg
import psycopg2

from harness import Server, check, failures, read_messages, run, startup_packet

PAUSE = 0.02  # between a commit and a captured timestamp: commit times differ from it

# Checks that known product bugs fail, by bug. They assert what is right and
# stay in place; while one fails it is listed at the end instead of failing the
# run, and once it passes the run says so, so that its mark can go.
KNOWN_BUGS = {
    "join-using": "JOIN ... USING is not supported (0A000): the seed's FULL OUTER JOIN ... USING example fails",
    "as-of-index-made-later": "an AS OF read plans with the catalog of then: an index made since is not used "
                              "(the seed's 'Uses index' example is a sequential scan)",
    "merge-back": "merging main back into a branch that was merged into main ignores that merge: the branch's "
                  "newer change conflicts, and branch_wins overwrites it with the older version",
    "merge-ignores-row-locks": "MERGE writes rows an open transaction on the target holds locks on without "
                               "waiting; the holder's COMMIT then fails with 40001 and its update is lost",
    "set-branch": "SET / RESET heliosdb.branch always fail with 25001 outside a transaction block",
    "dropped-branch-session": "a session on a branch another session dropped gets 42704 'branch <id> does not "
                              "exist' (the internal id, not the name, and not 3D000)",
    "no-main-connections": "after DROP DATABASE BRANCH main every new connection is closed without an "
                           "ErrorResponse, even db@otherbranch",
}
known_failures = []


def known_bug(bug, condition, what):
    if condition:
        print(f"PASSES NOW [{bug}]: {what} (remove the known_bug mark)")
    else:
        known_failures.append((bug, what))
        print(f"KNOWN BUG [{bug}]: {what}")


def connect(server, dbname="db"):
    conn = psycopg2.connect(host="127.0.0.1", port=server.port, user="tester", dbname=dbname)
    conn.autocommit = True
    return conn


def failure(conn, sql, *args):
    """The psycopg2 error a statement raises (rolled back if in a block), or None if it worked."""
    try:
        run(conn, sql, *args)
    except psycopg2.Error as e:
        if not conn.autocommit:
            conn.rollback()
        return e
    return None


def state_of(conn, sql, *args):
    """SQLSTATE of a statement that fails, None if it worked."""
    e = failure(conn, sql, *args)
    return e.pgcode if e else None


def q(conn, sql, *args):
    """Rows (or the command tag) of a statement, or ("ERROR", SQLSTATE, message) if it fails, so that a
    failing check shows what came and the checks after it still run."""
    try:
        return run(conn, sql, *args)
    except psycopg2.Error as e:
        if not conn.autocommit:
            conn.rollback()
        return ("ERROR", e.pgcode, e.diag.message_primary)


def message_of(conn, sql, *args):
    e = failure(conn, sql, *args)
    return (e.pgcode, e.diag.message_primary) if e else None


def now(conn):
    """The server's clock between two commits."""
    time.sleep(PAUSE)
    t = run(conn, "SELECT now()")[0][0]
    time.sleep(PAUSE)
    return t


def current_scn(conn):
    return run(conn, "SELECT max(scn) FROM heliosdb_commits")[0][0]


def has_function(conn, name):
    """Whether the two-text-argument table function `name` exists (some are being added)."""
    return state_of(conn, f"SELECT * FROM {name}('main', 'main') LIMIT 0") != "42883"


def branch_names(conn):
    return sorted(r[0] for r in run(conn, "SELECT branch_name FROM pg_database_branches()"))


# --- raw startup, for the SQLSTATE of a FATAL at connection time -------------

def startup_error(server, dbname):
    """(SQLSTATE, message) of the ErrorResponse a startup for `dbname` gets, or None if it is accepted."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(startup_packet({"user": "tester", "database": dbname}))
        for kind, body in read_messages(sock):
            if kind == b"E":
                fields = {f[:1]: f[1:].decode() for f in body.split(b"\0") if f}
                return fields.get(b"C"), fields.get(b"M")
            if kind == b"Z":
                return None
    return ("closed", "the server closed the connection without an ErrorResponse")


# --- the seed's "Time-Travel Queries" -----------------------------------------

class History:
    """Points captured while the seed's tables are changed in phases."""


def record_history(conn):
    h = History()
    run(conn, "CREATE TABLE products (product_id INT PRIMARY KEY, name TEXT, price NUMERIC(10,2), stock INT)")
    run(conn, "CREATE TABLE customers (customer_id INT PRIMARY KEY, name TEXT)")
    run(conn, "CREATE TABLE orders (order_id INT PRIMARY KEY, customer_id INT, product_id INT, quantity INT,"
              " total NUMERIC(10,2), created_at TIMESTAMPTZ, status TEXT, total_price NUMERIC(10,2))")
    run(conn, "CREATE TABLE product_catalog (product_id TEXT PRIMARY KEY, name TEXT, price NUMERIC(10,2))")
    run(conn, "INSERT INTO products VALUES (1, 'Laptop', 1199.99, 10), (42, 'Mouse', 19.99, 100),"
              " (7, 'Cable', 5.00, 30)")
    run(conn, "INSERT INTO customers VALUES (1, 'Ann'), (2, 'Bob'), (999, 'Zed')")
    run(conn, "INSERT INTO product_catalog VALUES ('WIDGET-123', 'Widget', 9.99), ('GADGET-7', 'Gadget', 3.50)")
    run(conn, "INSERT INTO orders VALUES"
              " (1005, 1, 1, 1, 1199.99, '2025-08-10 10:00+00', 'pending', 1199.99),"
              " (1006, 2, 42, 2, 39.98, '2025-09-20 12:00+00', 'pending', 39.98),"
              " (1007, 1, 7, 4, 20.00, '2025-10-05 09:00+00', 'pending', 20.00)")
    h.t_a = now(conn)  # "last week"
    run(conn, "UPDATE products SET stock = stock - 2 WHERE product_id = 1")
    run(conn, "UPDATE product_catalog SET price = 12.99 WHERE product_id = 'WIDGET-123'")
    run(conn, "INSERT INTO orders VALUES (1008, 2, 42, 8, 159.99, '2025-11-10 15:00+00', 'pending', 159.99)")
    h.t_b, h.xid_b = None, None
    time.sleep(PAUSE)
    h.t_b, h.xid_b = run(conn, "SELECT now(), pg_current_xact_id()")[0]  # "yesterday", as the seed takes it
    time.sleep(PAUSE)
    h.scn_b = current_scn(conn)
    run(conn, "UPDATE products SET price = 1249.99 WHERE product_id = 1")
    run(conn, "UPDATE products SET price = 21.99, stock = 90 WHERE product_id = 42")
    run(conn, "UPDATE orders SET status = 'shipped' WHERE order_id = 1006")
    run(conn, "UPDATE orders SET total = 179.99, total_price = 179.99 WHERE order_id = 1008")
    h.t_c = now(conn)  # before the "accidental" deletion
    run(conn, "DELETE FROM customers WHERE customer_id = 999")
    run(conn, "UPDATE orders SET status = 'delivered' WHERE order_id = 1005")
    run(conn, "DELETE FROM orders WHERE order_id = 1007")
    run(conn, "INSERT INTO orders VALUES (1009, 1, 7, 1, 5.00, '2025-11-21 08:00+00', 'pending', 5.00)")
    run(conn, "UPDATE products SET stock = 25 WHERE product_id = 7")
    h.t_d = now(conn)  # "today"
    return h


ORDERS_AT_B = [
    (1005, 1, 1, 1, Decimal("1199.99"), "pending"),
    (1006, 2, 42, 2, Decimal("39.98"), "pending"),
    (1007, 1, 7, 4, Decimal("20.00"), "pending"),
    (1008, 2, 42, 8, Decimal("159.99"), "pending"),
]


def test_as_of_timestamp(conn, h):
    cols = "order_id, customer_id, product_id, quantity, total, status"
    check(q(conn, f"SELECT {cols} FROM orders AS OF TIMESTAMP %s ORDER BY order_id", h.t_b) == ORDERS_AT_B,
          "SELECT * FROM orders AS OF TIMESTAMP 'yesterday' shows the orders as they were")
    got = q(conn, f"SELECT * FROM orders AS OF TIMESTAMP '{h.t_b.isoformat()}' ORDER BY order_id")
    check(isinstance(got, list) and [r[:5] + (r[6],) for r in got] == ORDERS_AT_B,
          f"the same with the timestamp as a literal: {got}")
    check(q(conn, "SELECT COUNT(*) FROM orders AS OF TIMESTAMP %s", h.t_a) == [(3,)],
          "COUNT(*) AS OF last week counts the three orders of then")
    check(q(conn, "SELECT COUNT(*) FROM orders") == [(4,)], "and now there are four")

    # Compare current vs historical.
    got = q(conn, """
        SELECT current.product_id, current.price as current_price, historical.price as yesterday_price,
               current.price - historical.price as price_change
        FROM products current
        JOIN products AS OF TIMESTAMP %s historical ON current.product_id = historical.product_id
        WHERE current.price != historical.price ORDER BY 1""", h.t_b)
    check(got == [(1, Decimal("1249.99"), Decimal("1199.99"), Decimal("50.00")),
                  (42, Decimal("21.99"), Decimal("19.99"), Decimal("2.00"))],
          f"the current-vs-historical JOIN finds the two price changes: {got}")

    # Audit trail: what the customer saw.
    check(q(conn, "SELECT * FROM product_catalog AS OF TIMESTAMP %s WHERE product_id = 'WIDGET-123'", h.t_a) ==
          [("WIDGET-123", "Widget", Decimal("9.99"))], "the catalog as of a complaint shows the old price")
    check(q(conn, "SELECT price FROM product_catalog WHERE product_id = 'WIDGET-123'") == [(Decimal("12.99"),)],
          "the present shows the new one")

    # The price at the time of a purchase: AS OF TIMESTAMP (scalar subquery).
    run(conn, "INSERT INTO orders VALUES (5678, 2, 42, 1, 19.99, %s, 'delivered', 19.99)", h.t_b)
    check(q(conn, "SELECT price FROM products AS OF TIMESTAMP (SELECT created_at FROM orders WHERE order_id = 5678)"
                  " WHERE product_id = 42") == [(Decimal("19.99"),)],
          "AS OF TIMESTAMP (SELECT created_at ...) reads the price when the order was placed")
    run(conn, "DELETE FROM orders WHERE order_id = 5678")

    # Data recovery: find the deleted row, then restore it with INSERT ... SELECT ... AS OF.
    check(q(conn, "SELECT * FROM customers AS OF TIMESTAMP %s"
                  " WHERE customer_id NOT IN (SELECT customer_id FROM customers)", h.t_c) == [(999, "Zed")],
          "the accidentally deleted customer is found AS OF before the deletion")
    check(q(conn, "INSERT INTO customers SELECT * FROM customers AS OF TIMESTAMP %s WHERE customer_id = 999",
            h.t_c) == "INSERT 0 1", "INSERT ... SELECT ... AS OF restores it")
    check(q(conn, "SELECT * FROM customers ORDER BY 1") == [(1, "Ann"), (2, "Bob"), (999, "Zed")],
          "and it is back in the present")
    check(q(conn, "SELECT * FROM customers AS OF TIMESTAMP %s WHERE customer_id NOT IN "
                  "(SELECT customer_id FROM customers)", h.t_c) == [], "nothing is missing any more")

    # Debugging: what changed between two points (FULL OUTER JOIN ... USING).
    got = q(conn, """
        SELECT before.order_id, before.status as old_status, after.status as new_status,
               before.total as old_total, after.total as new_total
        FROM orders AS OF TIMESTAMP %s before
        FULL OUTER JOIN orders AS OF TIMESTAMP %s after USING (order_id)
        WHERE before.status != after.status OR before.total != after.total ORDER BY 1""", h.t_b, h.t_d)
    changed = [(1005, "pending", "delivered", Decimal("1199.99"), Decimal("1199.99")),
               (1006, "pending", "shipped", Decimal("39.98"), Decimal("39.98")),
               (1008, "pending", "pending", Decimal("159.99"), Decimal("179.99"))]
    check(got == changed,
              f"the seed's FULL OUTER JOIN ... USING between two points lists what changed: {got}")
    got = q(conn, """
        SELECT before.order_id, before.status, after.status, before.total, after.total
        FROM orders AS OF TIMESTAMP %s before
        FULL OUTER JOIN orders AS OF TIMESTAMP %s after ON before.order_id = after.order_id
        WHERE before.status != after.status OR before.total != after.total ORDER BY 1""", h.t_b, h.t_d)
    check(got == changed, f"the same with FULL OUTER JOIN ... ON: {got}")
    got = q(conn, """
        SELECT coalesce(before.order_id, after.order_id), before.status, after.status
        FROM orders AS OF TIMESTAMP %s before
        FULL OUTER JOIN orders AS OF TIMESTAMP %s after ON before.order_id = after.order_id ORDER BY 1""",
            h.t_b, h.t_d)
    check(got == [(1005, "pending", "delivered"), (1006, "pending", "shipped"), (1007, "pending", None),
                  (1008, "pending", "pending"), (1009, None, "pending")],
          f"FULL OUTER JOIN ... ON: rows deleted or inserted between the points show on one side: {got}")
    got = q(conn, """
        SELECT order_id, before.status, after.status
        FROM orders AS OF TIMESTAMP %s before
        FULL OUTER JOIN orders AS OF TIMESTAMP %s after USING (order_id) ORDER BY 1""", h.t_b, h.t_d)
    check(got == [(1005, "pending", "delivered"), (1006, "pending", "shipped"),
                                    (1007, "pending", None), (1008, "pending", "pending"), (1009, None, "pending")],
              f"FULL OUTER JOIN ... USING: rows deleted or inserted between the points show on one side: {got}")

    # Trend analysis: UNION ALL of three points.
    got = q(conn, """
        SELECT 'a' as date, SUM(stock) FROM products AS OF TIMESTAMP %s
        UNION ALL
        SELECT 'b', SUM(stock) FROM products AS OF TIMESTAMP %s
        UNION ALL
        SELECT 'd', SUM(stock) FROM products AS OF TIMESTAMP %s""", h.t_a, h.t_b, h.t_d)
    check(got == [("a", 140), ("b", 138), ("d", 123)], f"the UNION ALL trend query sums stock at each point: {got}")

    # Compliance: GROUP BY over a snapshot.
    got = q(conn, """
        SELECT customer_id, SUM(total_price) as quarterly_revenue FROM orders AS OF TIMESTAMP %s
        WHERE created_at BETWEEN '2025-07-01' AND '2025-09-30' GROUP BY customer_id ORDER BY 1""", h.t_b)
    check(got == [(1, Decimal("1199.99")), (2, Decimal("39.98"))], f"GROUP BY on an AS OF snapshot: {got}")
    got = q(conn, """
        SELECT customer_id, count(*), SUM(total) FROM orders AS OF TIMESTAMP %s
        GROUP BY customer_id HAVING count(*) > 1 ORDER BY 1""", h.t_b)
    check(got == [(1, 2, Decimal("1219.99")), (2, 2, Decimal("199.97"))], f"GROUP BY ... HAVING AS OF: {got}")


def test_as_of_uses_indexes(conn, h):
    run(conn, "CREATE INDEX idx_orders_date ON orders(created_at)")
    sql = "SELECT order_id FROM orders AS OF TIMESTAMP %s WHERE created_at > '2025-10-01' ORDER BY 1"
    plan = "\n".join(r[0] for r in run(conn, "EXPLAIN " + sql, h.t_b))
    check("Index" in plan and "idx_orders_date" in plan,
          f"an AS OF read with a WHERE on an index made since uses it: {plan}")
    check("As Of: SCN" in plan, f"EXPLAIN shows the point under the scan: {plan}")
    # The index was made after the point; it still finds what was there then (1007, deleted since).
    check(q(conn, sql, h.t_b) == [(1007,), (1008,)], "the index scan AS OF finds the rows of then")
    check(q(conn, "SELECT order_id FROM orders AS OF TIMESTAMP %s WHERE created_at + interval '0 s' > "
                  "'2025-10-01' ORDER BY 1", h.t_b) == [(1007,), (1008,)], "as a sequential scan does")
    plan = "\n".join(r[0] for r in run(conn, "EXPLAIN SELECT * FROM orders AS OF SCN %s WHERE order_id = 1007",
                                          h.scn_b))
    check("Index Scan using orders_pkey" in plan and f"As Of: SCN {h.scn_b}" in plan,
          f"a primary-key lookup AS OF SCN is an index scan showing its SCN: {plan}")
    check(q(conn, "SELECT status FROM orders AS OF SCN %s WHERE order_id = 1007", h.scn_b) == [("pending",)],
          "and finds the row deleted since")
    # An updated key: the index holds the new value, the point the old one.
    run(conn, "CREATE TABLE idx_moves (id INT PRIMARY KEY, k INT)")
    run(conn, "CREATE INDEX idx_moves_k ON idx_moves(k)")
    run(conn, "INSERT INTO idx_moves VALUES (1, 10), (2, 20)")
    scn = current_scn(conn)
    run(conn, "UPDATE idx_moves SET k = 30 WHERE id = 1")
    plan = "\n".join(r[0] for r in run(conn, "EXPLAIN SELECT id FROM idx_moves AS OF SCN %s WHERE k > 5", scn))
    check("Index Scan using idx_moves_k" in plan, f"a range on an index that existed at the point uses it: {plan}")
    check(q(conn, "SELECT id FROM idx_moves AS OF SCN %s WHERE k = 10", scn) == [(1,)],
          "an index scan AS OF finds a row by its old key")
    check(q(conn, "SELECT id FROM idx_moves AS OF SCN %s WHERE k = 30", scn) == [],
          "and not by the key it has now")
    check(q(conn, "SELECT id FROM idx_moves WHERE k = 30") == [(1,)], "the present finds it by the new key")


def test_as_of_transaction_and_scn(conn, h):
    xid = run(conn, "SELECT pg_current_xact_id()")[0][0]
    check(isinstance(xid, str) and int(xid) > 0, f"pg_current_xact_id() is a positive xid8 (text to psycopg): {xid!r}")
    check(q(conn, "SELECT pg_typeof(pg_current_xact_id())::text, pg_typeof(txid_current())::text") ==
          [("xid8", "bigint")], "pg_current_xact_id() is xid8, txid_current() bigint, as in PostgreSQL")
    check(q(conn, "SELECT pg_xact_status(%s::xid8)", xid) == [("committed",)],
          "pg_xact_status of an autocommitted statement's id: committed")
    check(state_of(conn, "SELECT pg_current_xact_id() = 5") == "42883", "xid8 = integer does not exist (42883)")
    check(state_of(conn, "SELECT pg_current_xact_id()::bigint") == "42846", "xid8 does not cast to bigint (42846)")
    # The seed's way: the id of the transaction that read now() names that point.
    cols = "order_id, customer_id, product_id, quantity, total, status"
    got = q(conn, f"SELECT {cols} FROM orders AS OF TRANSACTION %s ORDER BY 1", h.xid_b)
    check(got == ORDERS_AT_B, f"AS OF TRANSACTION of the seed's SELECT now(), pg_current_xact_id(): {got}")
    got = q(conn, "SELECT product_id, price FROM products AS OF TRANSACTION %s ORDER BY 1", h.xid_b)
    check(got == [(1, Decimal("1199.99")), (7, Decimal("5.00")), (42, Decimal("19.99"))],
          f"and none of the changes made after it: {got}")

    # A writing transaction's id names its commit.
    run(conn, "CREATE TABLE tx_points (id INT PRIMARY KEY, v TEXT)")
    conn.autocommit = False
    run(conn, "INSERT INTO tx_points VALUES (1, 'first')")
    x1 = run(conn, "SELECT pg_current_xact_id()")[0][0]
    check(q(conn, "SELECT pg_current_xact_id()")[0][0] == x1, "the id stays the same within a transaction")
    conn.commit()
    run(conn, "UPDATE tx_points SET v = 'second'")
    x2 = run(conn, "SELECT pg_current_xact_id()")[0][0]
    conn.commit()
    conn.autocommit = True
    check(int(x2) > int(x1), "a later transaction has a larger id")
    conn.autocommit = False
    run(conn, "INSERT INTO tx_points VALUES (2, 'rolled back')")
    x3 = run(conn, "SELECT pg_current_xact_id()")[0][0]
    check(q(conn, "SELECT pg_xact_status(%s::xid8)", x3) == [("in progress",)], "pg_xact_status of its own id")
    conn.rollback()
    conn.autocommit = True
    check(q(conn, "SELECT pg_xact_status(%s::xid8)", x3) == [("aborted",)], "pg_xact_status after ROLLBACK")
    check(q(conn, "SELECT pg_typeof(xid)::text FROM heliosdb_commits WHERE xid = %s::xid8", x1) == [("xid8",)],
          "heliosdb_commits.xid is xid8, as pg_current_xact_id() gives it")
    check(q(conn, "SELECT xid FROM heliosdb_commits WHERE xid = %s", x1) == [(x1,)],
          "heliosdb_commits lists the transaction by the id pg_current_xact_id() gave")
    check(q(conn, "SELECT v FROM tx_points AS OF TRANSACTION %s", x1) == [("first",)],
          "AS OF TRANSACTION n includes n's own changes")
    check(q(conn, "SELECT v FROM tx_points AS OF TRANSACTION %s", x2) == [("second",)], "and of the next")
    check(state_of(conn, "SELECT * FROM tx_points AS OF TRANSACTION 999999999") == "22023",
          "AS OF TRANSACTION of a transaction that never committed: 22023")

    # SCNs.
    scn = run(conn, "SELECT heliosdb_current_scn()")[0][0]
    check(scn == current_scn(conn), f"heliosdb_current_scn() is the newest commit's: {scn}")
    check(q(conn, "SELECT pg_typeof(heliosdb_current_scn())::text") == [("bigint",)], "as a bigint")
    run(conn, "UPDATE tx_points SET v = 'third'")
    check(q(conn, "SELECT heliosdb_current_scn()")[0][0] == scn + 1, "a commit advances it by one")
    check(q(conn, "SELECT v FROM tx_points AS OF SCN %s", scn) == [("second",)], "AS OF SCN n reads the state at n")
    check(q(conn, "SELECT v FROM tx_points AS OF SCN %s", scn + 1) == [("third",)], "and at the next SCN")
    check(q(conn, f"SELECT v FROM tx_points AS OF SCN {scn}") == [("second",)], "with the SCN as a literal")
    check(q(conn, "SELECT v FROM tx_points AS OF NOW") == [("third",)], "AS OF NOW is the present")
    check(q(conn, "SELECT t.v FROM tx_points AS OF NOW t") == [("third",)], "with an alias")
    got = q(conn, "SELECT scn, xid, branch FROM heliosdb_commits WHERE xid = %s", x2)
    check(len(got) == 1 and got[0][2] == "main", f"heliosdb_commits: scn, xid, commit_time, branch: {got}")
    # The seed's literal SCN is in the future here.
    check(state_of(conn, "SELECT * FROM orders AS OF SCN 987654321") == "22023",
          "the seed's AS OF SCN 987654321, past the newest commit: 22023")
    # AS OF in a transaction block reads the same history; its own writes are not in it.
    conn.autocommit = False
    run(conn, "UPDATE tx_points SET v = 'uncommitted'")
    check(q(conn, "SELECT v FROM tx_points AS OF SCN %s", scn + 1) == [("third",)],
          "AS OF inside a transaction does not see its own uncommitted write")
    check(q(conn, "SELECT v FROM tx_points") == [("uncommitted",)], "the present does")
    conn.rollback()
    conn.autocommit = True


def test_bound_parameters(conn, h):
    check(q(conn, "SELECT count(*) FROM orders AS OF TIMESTAMP %s", h.t_a) == [(3,)],
          "AS OF TIMESTAMP %s with a datetime parameter")
    check(q(conn, "SELECT count(*) FROM orders AS OF TIMESTAMP %s", h.t_b.isoformat()) == [(4,)],
          "AS OF TIMESTAMP %s with a text parameter")
    check(q(conn, "SELECT count(*) FROM orders AS OF SCN %s", h.scn_b) == [(4,)], "AS OF SCN %s")
    check(q(conn, "SELECT count(*) FROM orders AS OF TRANSACTION %s", h.xid_b) == [(4,)], "AS OF TRANSACTION %s")
    # Server-side parameters ($1) through PREPARE / EXECUTE.
    run(conn, "PREPARE at_ts(timestamptz) AS SELECT count(*) FROM orders AS OF TIMESTAMP $1")
    check(q(conn, "EXECUTE at_ts(%s)", h.t_a) == [(3,)], "PREPARE ... AS OF TIMESTAMP $1: first point")
    check(q(conn, "EXECUTE at_ts(%s)", h.t_b) == [(4,)], "the same prepared statement at another point")
    run(conn, "PREPARE at_scn(bigint) AS SELECT count(*) FROM orders AS OF SCN $1 WHERE order_id > $1 - $1")
    check(q(conn, "EXECUTE at_scn(%s)", h.scn_b) == [(4,)], "PREPARE ... AS OF SCN $1")
    run(conn, "DEALLOCATE at_ts")
    run(conn, "DEALLOCATE at_scn")
    # Parameters bound by the server (the extended protocol, as psycopg 3 sends them).
    with psycopg.connect(host="127.0.0.1", port=conn.info.port, user="tester", dbname="db",
                         autocommit=True) as c3:
        for label, sql, arg, want in (("TIMESTAMP", "SELECT count(*) FROM orders AS OF TIMESTAMP %s", h.t_a, 3),
                                      ("SCN", "SELECT count(*) FROM orders AS OF SCN %s", h.scn_b, 4),
                                      ("TRANSACTION", "SELECT count(*) FROM orders AS OF TRANSACTION %s", h.xid_b, 4)):
            for prepare in (False, True):
                try:
                    got = c3.execute(sql, [arg], prepare=prepare).fetchall()
                except psycopg.Error as e:
                    got = ("ERROR", e.sqlstate, str(e))
                check(got == [(want,)], f"AS OF {label} $1 bound by the server (prepare={prepare}): {got}")
    check(state_of(conn, "SELECT count(*) FROM orders AS OF TIMESTAMP NULL") is not None,
          "AS OF TIMESTAMP NULL is an error")


def test_microseconds(conn):
    run(conn, "CREATE TABLE micro (id INT PRIMARY KEY, v INT)")
    run(conn, "INSERT INTO micro VALUES (1, 0)")
    for attempt in range(20):
        run(conn, "UPDATE micro SET v = 1")
        s1 = current_scn(conn)
        run(conn, "UPDATE micro SET v = 2")
        s2 = current_scn(conn)
        (c1,), (c2,) = run(conn, "SELECT commit_time FROM heliosdb_commits WHERE scn IN (%s, %s) ORDER BY scn", s1, s2)
        if s2 == s1 + 1 and (c2 - c1) >= datetime.timedelta(microseconds=2):
            break
    else:
        check(False, "two commits with distinct commit times")
        return
    one_us = datetime.timedelta(microseconds=1)
    v = "SELECT v FROM micro AS OF TIMESTAMP %s"
    check(q(conn, v, c1) == [(1,)], "a timestamp equal to a commit's time sees that commit")
    check(q(conn, v, c1 + one_us) == [(1,)], "one microsecond after it, still that commit")
    check(q(conn, v, c2 - one_us) == [(1,)], "one microsecond before the next commit sees exactly the first")
    check(q(conn, v, c2) == [(2,)], "the next commit's time sees the next commit")
    check(q(conn, v, c1 - one_us) == [(0,)], "one microsecond before the first, the state before it")


def test_errors(conn, h):
    check(state_of(conn, "SELECT * FROM orders AS OF TIMESTAMP now() + interval '1 hour'") == "22023",
          "AS OF TIMESTAMP in the future: 22023")
    check(state_of(conn, "SELECT * FROM orders AS OF SCN %s", current_scn(conn) + 1000) == "22023",
          "AS OF SCN in the future: 22023")
    check(state_of(conn, "SELECT * FROM orders AS OF SCN -1") == "22023", "AS OF SCN -1: 22023")
    before = current_scn(conn)
    run(conn, "CREATE TABLE late (id INT)")
    got = message_of(conn, "SELECT * FROM late AS OF SCN %s", before)
    check(got is not None and got[0] == "42P01" and f"did not exist at SCN {before}" in got[1],
          f"a table that did not exist then: 42P01 'did not exist at SCN n': {got}")
    check(state_of(conn, "SELECT * FROM late AS OF TIMESTAMP %s", h.t_a) == "42P01",
          "the same for a timestamp before it was created")
    check(state_of(conn, "SELECT * FROM orders AS OF TIMESTAMP '2001-01-01'") == "42P01",
          "a point before any table existed: 42P01")
    run(conn, "DROP TABLE late")
    check(q(conn, "SELECT count(*) FROM late AS OF SCN %s", before + 1) == [(0,)],
          "a dropped table is still readable AS OF a point when it existed")
    check(state_of(conn, "SELECT * FROM late") == "42P01", "but not in the present")
    # Views, sequences and catalogs keep no history of their own: a refusal
    # that names what the relation is, not a read of the present.
    run(conn, "CREATE VIEW late_view AS SELECT * FROM orders")
    run(conn, "CREATE SEQUENCE late_seq")
    for name, kind in [("late_view", "a view"), ("late_seq", "a sequence"), ("pg_class", "a catalog relation")]:
        for clause in ["AS OF SCN %s", "VERSIONS BETWEEN SCN 1 AND %s"]:
            got = message_of(conn, f"SELECT * FROM {name} {clause}", before)
            check(got is not None and got[0] == "0A000" and kind in got[1], f"{name} {clause}: 0A000 naming {kind}: {got}")
    check(state_of(conn, "SELECT * FROM no_such_relation AS OF SCN %s", before) == "42P01",
          "a relation that never existed: 42P01")
    run(conn, "DROP VIEW late_view")
    run(conn, "DROP SEQUENCE late_seq")

    check(state_of(conn, "UPDATE orders AS OF SCN %s SET status = 'x'", h.scn_b) == "0A000",
          "UPDATE t AS OF ...: 0A000")
    check(state_of(conn, "DELETE FROM orders AS OF SCN %s", h.scn_b) == "0A000", "DELETE FROM t AS OF ...: 0A000")
    check(state_of(conn, "UPDATE orders AS OF TIMESTAMP %s SET status = 'x'", h.t_b) == "0A000",
          "UPDATE t AS OF TIMESTAMP ...: 0A000")
    check(state_of(conn, "SELECT * FROM orders o AS OF SCN 1") == "42601", "AS OF after an alias: 42601")
    check(state_of(conn, "SELECT * FROM (SELECT 1) s AS OF SCN 1") == "42601", "AS OF after a subquery: 42601")
    check(state_of(conn, "SELECT * FROM generate_series(1, 2) AS OF SCN 1") == "42601",
          "AS OF after a function: 42601")
    check(state_of(conn, "SELECT * FROM orders AS OF BANANA 1") == "42601", "an unknown AS OF kind: 42601")
    check(q(conn, "SELECT count(*) FROM orders") == [(4,)], "nothing was written by the refused statements")
    # A failing AS OF in a transaction block aborts the block as any error does.
    conn.autocommit = False
    check(state_of(conn, "SELECT * FROM orders AS OF SCN 999999999") == "22023", "error in a block")
    conn.autocommit = True


def test_versions_between(conn):
    run(conn, "CREATE TABLE vb (id INT PRIMARY KEY, v TEXT)")
    run(conn, "CREATE TABLE vb_filler (n INT)")

    def filler():  # a commit elsewhere: an SCN between two changes of vb
        run(conn, "INSERT INTO vb_filler VALUES (1)")
        return current_scn(conn)

    t0 = now(conn)
    run(conn, "INSERT INTO vb VALUES (1, 'a'), (2, 'b')")
    s1 = current_scn(conn)
    m1 = filler()
    run(conn, "UPDATE vb SET v = 'a2' WHERE id = 1")
    s2 = current_scn(conn)
    m2 = filler()
    run(conn, "DELETE FROM vb WHERE id = 2")
    s3 = current_scn(conn)
    m3 = filler()
    run(conn, "INSERT INTO vb VALUES (3, 'c')")
    s4 = current_scn(conn)
    t1 = now(conn)
    times = dict(run(conn, "SELECT scn, commit_time FROM heliosdb_commits WHERE scn IN (%s, %s, %s, %s)",
                     s1, s2, s3, s4))

    sql = ("SELECT id, v, version_start_scn, version_end_scn, version_operation FROM vb VERSIONS BETWEEN SCN %s AND %s"
           " ORDER BY id, version_start_scn, version_operation DESC")
    got = q(conn, sql, s1, s4)
    check(got == [(1, "a", s1, s2, "insert"), (1, "a2", s2, None, "update"), (2, "b", s1, s3, "insert"),
                  (2, "b", s3, None, "delete"), (3, "c", s4, None, "insert")],
          f"VERSIONS BETWEEN the first and the last change lists every version: {got}")
    got = q(conn, sql, m1, m3)
    check(got == [(1, "a", s1, s2, "insert"), (1, "a2", s2, None, "update"), (2, "b", s1, s3, "insert"),
                  (2, "b", s3, None, "delete")],
          f"a window lists the versions alive in it and the changes made in it: {got}")
    got = q(conn, sql, m2, m2)
    check(got == [(1, "a2", s2, None, "update"), (2, "b", s1, s3, "insert")],
          f"a window of one SCN lists what was alive then, each with the operation that made it: {got}")
    got = q(conn, sql, m3, m3)
    check(got == [(1, "a2", s2, None, "update")],
          f"a version made by an UPDATE before the window is still an 'update': {got}")
    got = q(conn, "SELECT id, version_start_time, version_end_time FROM vb VERSIONS BETWEEN SCN %s AND %s "
                  "WHERE version_operation = 'insert' AND id = 1", s1, s4)
    check(got == [(1, times[s1], times[s2])], f"version_start/end_time are the commits' times: {got}")
    got = q(conn, "SELECT id, v, version_operation FROM vb VERSIONS BETWEEN TIMESTAMP %s AND %s"
                  " ORDER BY id, version_start_scn, version_operation DESC", t0, t1)
    check(got == [(1, "a", "insert"), (1, "a2", "update"), (2, "b", "insert"), (2, "b", "delete"), (3, "c", "insert")],
          f"VERSIONS BETWEEN TIMESTAMP a AND b: {got}")
    got = q(conn, "SELECT v FROM vb VERSIONS BETWEEN SCN %s AND %s WHERE id = 1 AND version_end_scn IS NULL",
            s1, s4)
    check(got == [("a2",)], "version_end_scn is NULL for the current version")
    cols = [d[0] for d in run_description(conn, "SELECT * FROM vb VERSIONS BETWEEN SCN %s AND %s", s1, s2)]
    check(cols == ["id", "v", "version_start_scn", "version_end_scn", "version_start_time", "version_end_time",
                   "version_operation"], f"the table's columns, then the version columns: {cols}")
    check(state_of(conn, "SELECT * FROM vb VERSIONS BETWEEN SCN %s AND %s", s1, current_scn(conn) + 100) == "22023",
          "VERSIONS BETWEEN up to a future SCN: 22023")
    check(q(conn, "SELECT count(*) FROM vb VERSIONS BETWEEN SCN %s AND %s v2 WHERE v2.id = 1", s1, s4) == [(2,)],
          "VERSIONS BETWEEN with an alias")


def run_description(conn, sql, *args):
    cur = conn.cursor()
    cur.execute(sql, args)
    return cur.description


# --- the seed's "Database Branching" ------------------------------------------

def test_creating_branches(server, h):
    conn = connect(server)
    try:
        creating_branches(server, conn, h)
    finally:
        for name in ("staging", "test", "backup", "prod_copy"):
            run(conn, f"DROP DATABASE BRANCH IF EXISTS {name}")
        check(branch_names(conn) == ["main"], "the seed's branches are gone after DROP")
        conn.close()


def creating_branches(server, conn, h):
    for sql, args in (("CREATE DATABASE BRANCH staging FROM CURRENT AS OF NOW", ()),
                      ("CREATE DATABASE BRANCH test FROM main AS OF TIMESTAMP %s", (h.t_b,)),
                      ("CREATE DATABASE BRANCH backup FROM CURRENT AS OF TRANSACTION %s", (h.xid_b,)),
                      ("CREATE DATABASE BRANCH prod_copy FROM main AS OF NOW WITH ( replication_factor = 3,"
                       " region = 'us-west-2')", ())):
        got = message_of(conn, sql, *args)
        check(got is None, f"{sql}: {got}")
    rows = {r[0]: r for r in run(conn, "SELECT branch_name, parent_branch, fork_scn, status, options, size_bytes,"
                                       " size_mb, created_at FROM pg_database_branches()")}
    check(set(rows) >= {"main", "staging", "test", "backup", "prod_copy"}, f"pg_database_branches() lists them: {rows}")
    check(rows.get("main", [None] * 2)[1] is None, "main has no parent")
    check(all(rows[b][1] == "main" for b in ("staging", "test", "backup", "prod_copy") if b in rows),
          "each was made from main")
    check(all(r[3] == "active" for r in rows.values()), "all are active")
    at_t_b = run(conn, "SELECT max(scn) FROM heliosdb_commits WHERE commit_time <= %s", h.t_b)[0][0]
    check(rows.get("test", [0] * 3)[2] == at_t_b,
          f"AS OF TIMESTAMP forks at the newest commit at or before it ({at_t_b}): {rows.get('test')}")
    xid_scn = run(conn, "SELECT scn FROM heliosdb_commits WHERE xid = %s", h.xid_b)
    check(xid_scn and rows.get("backup", [0] * 3)[2] == xid_scn[0][0],
          f"AS OF TRANSACTION forks at that transaction's commit ({xid_scn}): {rows.get('backup')}")
    opts = rows.get("prod_copy", [None] * 5)[4] or ""
    check("replication_factor" in opts and "3" in opts and "us-west-2" in opts, f"WITH options are kept: {opts}")
    check(q(conn, "SELECT branch_name FROM pg_database_branches() WHERE branch_name = 'main'") == [("main",)],
          "pg_database_branches() in FROM with WHERE")
    # The seed's query calls round(double precision, integer), which PostgreSQL lacks; HeliosDB has it.
    got = q(conn, "SELECT branch_name, ROUND(size_mb::FLOAT / 1024, 2) as size_gb, created_at, status"
                  " FROM pg_database_branches() WHERE status = 'active' ORDER BY 1")
    check(isinstance(got, list) and [(r[0], r[1], r[3]) for r in got] == [(b, 0.0, "active") for b in sorted(rows)],
          f"the seed's branch-metadata query: {got}")
    got = q(conn, "SELECT branch_name, ROUND(size_mb / 1024, 2) as size_gb, created_at, status"
                  " FROM pg_database_branches() WHERE status = 'active' ORDER BY 1")
    check(isinstance(got, list) and [r[0] for r in got] == sorted(rows)
          and all(r[1] == Decimal("0.00") and r[3] == "active" for r in got),
          f"the seed's branch-metadata query with round(numeric, int): {got}")
    got = q(conn, "SELECT branch_name, size_mb FROM pg_database_branches() WHERE size_mb > 1000"
                  " ORDER BY size_mb DESC")
    check(got == [], "the seed's 'find large branches' query runs")
    columns = ["branch_name", "parent_branch", "created_at", "fork_scn", "size_bytes", "size_mb", "status", "options"]
    check([d[0] for d in run_description(conn, "SELECT * FROM pg_database_branches()")] == columns,
          "pg_database_branches()'s columns")
    check([d[0] for d in run_description(conn, "SHOW BRANCHES")] == columns, "SHOW BRANCHES shows the same")

    cols = "order_id, customer_id, product_id, quantity, total, status"
    b = connect(server, "db@test")
    check(q(b, f"SELECT {cols} FROM orders ORDER BY 1") == ORDERS_AT_B,
          "a branch made AS OF TIMESTAMP holds the data of then")
    check(q(b, "SELECT count(*) FROM customers") == [(3,)], "including the later-deleted customer")
    if "backup" in rows:
        run(b, "USE BRANCH backup")
        check(q(b, f"SELECT {cols} FROM orders ORDER BY 1") == ORDERS_AT_B, "so does the one AS OF TRANSACTION")
    run(b, "USE BRANCH staging")
    check(q(b, "SELECT count(*) FROM orders") == [(4,)], "FROM CURRENT AS OF NOW holds the present")
    b.close()


def make_users(conn, table="users"):
    run(conn, f"CREATE TABLE {table} (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE)")
    run(conn, f"INSERT INTO {table} VALUES (1, 'alice', 'a@x'), (2, 'bob', 'b@x'), (3, 'carol', 'c@x')")


def test_branch_isolation(server):
    conn = connect(server)
    make_users(conn, "iso")
    run(conn, "CREATE DATABASE BRANCH iso_b FROM main AS OF NOW")
    fork = run(conn, "SELECT fork_scn FROM pg_database_branches() WHERE branch_name = 'iso_b'")[0][0]
    run(conn, "INSERT INTO iso VALUES (4, 'dave', 'd@x')")
    run(conn, "UPDATE iso SET name = 'ALICE' WHERE id = 1")
    b = connect(server, "db@iso_b")
    check(q(b, "SELECT id, name FROM iso ORDER BY 1") == [(1, "alice"), (2, "bob"), (3, "carol")],
          "a branch does not see the parent's later changes")
    run(b, "DELETE FROM iso WHERE id = 3")
    run(b, "INSERT INTO iso VALUES (5, 'erin', 'e@x')")
    check(q(conn, "SELECT id FROM iso ORDER BY 1") == [(1,), (2,), (3,), (4,)],
          "the parent does not see the branch's changes")
    check(q(b, "SELECT id FROM iso ORDER BY 1") == [(1,), (2,), (5,)], "the branch sees its own")
    # Commits are tagged with their branch; history on a branch goes back through the parent.
    scn = current_scn(b)
    check(q(b, "SELECT branch FROM heliosdb_commits WHERE scn = %s", scn) == [("iso_b",)],
          "heliosdb_commits names the branch a commit was made on")
    check(q(b, "SELECT count(*) FROM iso AS OF SCN %s", fork - 1) == [(0,)],
          "AS OF before the fork on a branch reads the parent's history (the rows came at the fork SCN)")
    check(q(b, "SELECT count(*) FROM iso AS OF SCN %s", fork) == [(3,)], "AS OF the fork SCN: the parent's rows")
    check(q(b, "SELECT id FROM iso AS OF SCN %s ORDER BY 1", scn) == [(1,), (2,), (5,)],
          "AS OF after the fork on a branch reads the branch")
    check(q(b, "SELECT count(*) FROM iso AS OF SCN %s WHERE id = 4", scn) == [(0,)],
          "and never the parent's changes after the fork")

    # Schema changes stay in the branch until merged.
    run(b, "ALTER TABLE iso ADD COLUMN score INT DEFAULT 7")
    run(b, "CREATE TABLE branch_only (k INT PRIMARY KEY)")
    run(b, "INSERT INTO branch_only VALUES (1)")
    check(q(b, "SELECT id, score FROM iso ORDER BY 1") == [(1, 7), (2, 7), (5, 7)], "the branch has the column")
    check(state_of(conn, "SELECT score FROM iso") == "42703", "the parent does not have the new column")
    check(state_of(conn, "SELECT * FROM branch_only") == "42P01", "nor the new table")
    check(q(conn, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'iso'") == [(3,)],
          "information_schema on the parent shows its three columns")
    run(b, "CREATE INDEX iso_name ON iso(name)")
    check(q(conn, "SELECT count(*) FROM pg_class WHERE relname = 'iso_name' AND relkind = 'i'") == [(0,)],
          "an index made on a branch is not on the parent")
    # The parent can change its schema too without the branch seeing it.
    run(conn, "ALTER TABLE iso ADD COLUMN flag BOOLEAN")
    check(state_of(b, "SELECT flag FROM iso") == "42703", "the branch does not see the parent's later column")
    b.close()
    run(conn, "DROP DATABASE BRANCH iso_b")


def test_dev_staging_main(server):
    conn = connect(server)
    make_users(conn, "dsm")
    run(conn, "CREATE DATABASE BRANCH dev FROM main AS OF NOW")
    dev = connect(server, "db@dev")
    run(dev, "INSERT INTO dsm VALUES (10, 'dev-user', 'dev@x')")
    run(dev, "UPDATE dsm SET name = 'bob-dev' WHERE id = 2")
    run(conn, "CREATE DATABASE BRANCH staging FROM dev AS OF NOW")
    check(q(conn, "SELECT parent_branch FROM pg_database_branches() WHERE branch_name = 'staging'") == [("dev",)],
          "staging's parent is dev")
    staging = connect(server, "db@staging")
    check(q(staging, "SELECT count(*) FROM dsm") == [(4,)], "staging starts with dev's changes")
    run(staging, "UPDATE dsm SET name = 'carol-qa' WHERE id = 3")
    run(dev, "INSERT INTO dsm VALUES (11, 'late-dev', 'late@x')")  # after staging forked: not merged
    run(conn, "UPDATE dsm SET name = 'ALICE' WHERE id = 1")  # main goes on meanwhile
    staging.close()
    tag = run(conn, "MERGE DATABASE BRANCH staging INTO main WITH (conflict_resolution = 'branch_wins',"
                    " delete_branch_after = true)")
    check(tag == "MERGE 3", f"the merge tag counts the rows written on main: {tag}")
    check(q(conn, "SELECT id, name FROM dsm ORDER BY 1") ==
          [(1, "ALICE"), (2, "bob-dev"), (3, "carol-qa"), (10, "dev-user")],
          "main has dev's and staging's changes and keeps its own")
    check("staging" not in branch_names(conn), "delete_branch_after dropped staging")
    check(q(dev, "SELECT count(*) FROM dsm") == [(5,)], "dev is untouched by the merge")
    dev.close()
    run(conn, "DROP DATABASE BRANCH dev")
    check(branch_names(conn) == ["main"], "dev is gone")
    check(state_of(conn, "DROP DATABASE BRANCH dev") == "3D000", "dropping it again: 3D000")
    check(q(conn, "DROP DATABASE BRANCH IF EXISTS dev") == "DROP DATABASE BRANCH", "IF EXISTS: no error")
    # The seed's simple merge and the delete example.
    run(conn, "CREATE DATABASE BRANCH staging FROM CURRENT AS OF NOW")
    check(q(conn, "MERGE DATABASE BRANCH staging INTO main") == "MERGE 0", "merging an unchanged branch: MERGE 0")
    run(conn, "DROP DATABASE BRANCH staging")
    run(conn, "DROP DATABASE BRANCH IF EXISTS staging")


def test_blue_green(server):
    conn = connect(server)
    make_users(conn, "bg")
    run(conn, "CREATE DATABASE BRANCH blue FROM main AS OF NOW")
    run(conn, "CREATE DATABASE BRANCH green FROM blue AS OF NOW")
    green = connect(server, "db@green")
    run(green, "ALTER TABLE bg ADD COLUMN plan TEXT DEFAULT 'free'")
    run(green, "UPDATE bg SET plan = 'pro' WHERE id = 1")
    green.close()
    run(conn, "MERGE DATABASE BRANCH green INTO blue")
    run(conn, "DROP DATABASE BRANCH green")
    run(conn, "CREATE DATABASE BRANCH green FROM blue AS OF NOW")
    blue, green = connect(server, "db@blue"), connect(server, "db@green")
    check(q(blue, "SELECT id, plan FROM bg ORDER BY 1") == [(1, "pro"), (2, "free"), (3, "free")],
          "blue has green's schema change and data after the merge")
    check(q(green, "SELECT id, plan FROM bg ORDER BY 1") == [(1, "pro"), (2, "free"), (3, "free")],
          "the new green, made from blue, has them too")
    check(state_of(conn, "SELECT plan FROM bg") == "42703", "main never saw them")
    blue.close()
    green.close()
    run(conn, "DROP DATABASE BRANCH green")
    run(conn, "DROP DATABASE BRANCH blue")


def test_schema_change_merged(server):
    conn = connect(server)
    run(conn, "CREATE TABLE users (id INT PRIMARY KEY, name TEXT)")
    run(conn, "INSERT INTO users VALUES (1, 'alice'), (2, 'bob')")
    run(conn, "CREATE DATABASE BRANCH schema_test FROM main AS OF NOW")
    b = connect(server, "db@schema_test")
    run(b, "ALTER TABLE users ADD COLUMN preferences JSONB")
    run(b, "CREATE INDEX idx_user_prefs ON users(preferences)")
    run(b, """UPDATE users SET preferences = '{"theme": "dark"}' WHERE id = 1""")
    run(b, """UPDATE users SET preferences = '{"theme": "light"}' WHERE id = 2""")
    check(q(b, "SELECT id, name FROM users WHERE preferences->>'theme' = 'dark'") == [(1, "alice")],
          "the seed's test query runs on the branch")
    check(state_of(conn, "SELECT * FROM users WHERE preferences->>'theme' = 'dark'") == "42703",
          "main does not have preferences before the merge")
    run(conn, "INSERT INTO users VALUES (3, 'carol')")  # main goes on: the row gets the new column as NULL
    b.close()
    check(q(conn, "MERGE DATABASE BRANCH schema_test INTO main").startswith("MERGE "), "MERGE schema_test INTO main")
    check(q(conn, "SELECT id, name, preferences->>'theme' FROM users ORDER BY 1") ==
          [(1, "alice", "dark"), (2, "bob", "light"), (3, "carol", None)],
          "after the merge main has the column, the branch's values and its own row")
    check(q(conn, "SELECT id FROM users WHERE preferences->>'theme' = 'dark'") == [(1,)],
          "the seed's test query runs on main")
    check(q(conn, "SELECT count(*) FROM pg_class WHERE relname = 'idx_user_prefs' AND relkind = 'i'") == [(1,)],
          "the index came along")
    run(conn, "UPDATE users SET preferences = '{\"theme\": \"dark\"}' WHERE id = 3")
    check(q(conn, "SELECT id FROM users WHERE preferences = '{\"theme\": \"dark\"}' ORDER BY 1") == [(1,), (3,)],
          "and is maintained on main")
    run(conn, "DROP DATABASE BRANCH schema_test")


def test_ab(server):
    conn = connect(server)
    run(conn, "CREATE TABLE product_recommendations (user_id INT PRIMARY KEY, algorithm TEXT NOT NULL)")
    run(conn, "INSERT INTO product_recommendations VALUES (1, 'popularity'), (3, 'popularity'), (123, 'popularity')")
    run(conn, "CREATE DATABASE BRANCH variant_a FROM main AS OF NOW")
    run(conn, "CREATE DATABASE BRANCH variant_b FROM main AS OF NOW")
    a, b = connect(server, "db@variant_a"), connect(server, "db@variant_b")
    check(q(a, "UPDATE product_recommendations SET algorithm = 'collaborative_filtering'") == "UPDATE 3",
          "variant_a's update")
    check(q(b, "UPDATE product_recommendations SET algorithm = 'content_based'") == "UPDATE 3", "variant_b's")
    check(q(a, "SELECT DISTINCT algorithm FROM product_recommendations") == [("collaborative_filtering",)],
          "each variant sees its own")
    check(q(b, "SELECT DISTINCT algorithm FROM product_recommendations") == [("content_based",)], "and the other")
    a.close()
    b.close()
    check(q(conn, "MERGE DATABASE BRANCH variant_a INTO main") == "MERGE 3", "merging the winner: MERGE 3")
    check(q(conn, "SELECT DISTINCT algorithm FROM product_recommendations") == [("collaborative_filtering",)],
          "main has the winning variant")
    run(conn, "DROP DATABASE BRANCH variant_a")
    run(conn, "DROP DATABASE BRANCH variant_b")


def test_conflicts(server):
    conn = connect(server)
    run(conn, "CREATE TABLE acct (id INT PRIMARY KEY, v INT)")
    run(conn, "INSERT INTO acct VALUES (1, 1), (2, 2), (3, 3), (4, 4)")

    def setup(name):  # a branch of main now, and a session on it
        run(conn, f"CREATE DATABASE BRANCH {name} FROM main AS OF NOW")
        return connect(server, f"db@{name}")

    b = setup("cf")
    run(b, "UPDATE acct SET v = 10 WHERE id = 1")  # conflicts: both update 1
    run(b, "UPDATE acct SET v = 20 WHERE id = 2")  # only the branch
    run(b, "DELETE FROM acct WHERE id = 3")  # conflicts: deleted here, updated on main
    run(b, "UPDATE acct SET v = 44 WHERE id = 4")  # the same change on both: no conflict
    run(b, "INSERT INTO acct VALUES (5, 50)")  # conflicts: both insert 5
    run(conn, "UPDATE acct SET v = 100 WHERE id = 1")
    run(conn, "UPDATE acct SET v = 300 WHERE id = 3")
    run(conn, "UPDATE acct SET v = 44 WHERE id = 4")
    run(conn, "INSERT INTO acct VALUES (5, 500)")
    main_rows = run(conn, "SELECT * FROM acct ORDER BY 1")
    scn_before = current_scn(conn)

    got = message_of(conn, "MERGE DATABASE BRANCH cf INTO main")
    check(got is not None and got[0] == "23000", f"a conflict with the default resolution (fail): 23000: {got}")
    got = message_of(conn, "MERGE DATABASE BRANCH cf INTO main WITH (conflict_resolution = 'fail')")
    check(got is not None and got[0] == "23000", f"conflict_resolution = 'fail': 23000: {got}")
    check(q(conn, "SELECT * FROM acct ORDER BY 1") == main_rows, "a failed merge changes nothing on main")
    check(current_scn(conn) == scn_before, "and commits nothing")
    check(q(b, "SELECT * FROM acct ORDER BY 1") == [(1, 10), (2, 20), (4, 44), (5, 50)], "nor on the branch")
    if has_function(conn, "heliosdb_merge_conflicts"):
        got = q(conn, "SELECT object, key, branch_change, target_change, branch_value, target_value"
                      " FROM heliosdb_merge_conflicts('cf', 'main') ORDER BY key")
        check([(r[1], r[2], r[3]) for r in got] == [("(id)=(1)", "update", "update"), ("(id)=(3)", "delete", "update"),
                                                    ("(id)=(5)", "insert", "insert")],
              f"heliosdb_merge_conflicts lists each conflicting row with both changes: {got}")
        check(all("acct" in r[0] for r in got), "naming the table")
        check([(r[4], r[5]) for r in got] == [("(1, 10)", "(1, 100)"), (None, "(3, 300)"), ("(5, 50)", "(5, 500)")],
              f"and both values: {got}")
        check(state_of(conn, "SELECT * FROM heliosdb_merge_conflicts('nope', 'main')") == "3D000",
              "heliosdb_merge_conflicts of an unknown branch: 3D000")
    else:
        check(False, "heliosdb_merge_conflicts(branch, target) exists")
    if has_function(conn, "heliosdb_branch_diff"):
        got = q(conn, "SELECT table_name, key, change, old_value, new_value FROM heliosdb_branch_diff('main', 'cf')"
                      " ORDER BY key")
        check(got == [("public.acct", "(id)=(1)", "update", "(1, 100)", "(1, 10)"),
                      ("public.acct", "(id)=(2)", "update", "(2, 2)", "(2, 20)"),
                      ("public.acct", "(id)=(3)", "delete", "(3, 300)", None),
                      ("public.acct", "(id)=(5)", "update", "(5, 500)", "(5, 50)")],
              f"heliosdb_branch_diff('main', 'cf') lists the rows that differ, main's value first: {got}")
        got = q(conn, "SELECT key, change FROM heliosdb_branch_diff('cf', 'main') ORDER BY key")
        check(got == [("(id)=(1)", "update"), ("(id)=(2)", "update"), ("(id)=(3)", "insert"), ("(id)=(5)", "update")],
              f"and the other way round: {got}")
    else:
        check(False, "heliosdb_branch_diff(a, b) exists")

    check(q(conn, "MERGE DATABASE BRANCH cf INTO main WITH (conflict_resolution = 'target_wins')") == "MERGE 1",
          "target_wins writes only the rows main did not change")
    check(q(conn, "SELECT * FROM acct ORDER BY 1") == [(1, 100), (2, 20), (3, 300), (4, 44), (5, 500)],
          "target_wins: main's versions of the conflicting rows, the branch's other changes")
    check(q(conn, "SELECT * FROM acct AS OF SCN %s ORDER BY 1", scn_before) == main_rows,
          "the merge does not rewrite main's history: AS OF before it reads as before")
    merge_scn = current_scn(conn)
    check(merge_scn == scn_before + 1, "the merge is one commit")
    check(q(conn, "SELECT branch FROM heliosdb_commits WHERE scn = %s", merge_scn) == [("main",)],
          "made on main")
    b.close()
    run(conn, "DROP DATABASE BRANCH cf")

    b = setup("cf2")
    run(b, "UPDATE acct SET v = -1 WHERE id = 1")
    run(b, "DELETE FROM acct WHERE id = 2")
    run(conn, "UPDATE acct SET v = -2 WHERE id = 1")
    run(conn, "UPDATE acct SET v = -3 WHERE id = 2")
    before = current_scn(conn)
    check(q(conn, "MERGE DATABASE BRANCH cf2 INTO main WITH (conflict_resolution = 'branch_wins')") == "MERGE 2",
          "branch_wins: MERGE 2")
    check(q(conn, "SELECT * FROM acct ORDER BY 1") == [(1, -1), (3, 300), (4, 44), (5, 500)],
          "branch_wins: the branch's update and delete win")
    check(q(conn, "SELECT * FROM acct AS OF SCN %s WHERE id <= 2 ORDER BY 1", before) == [(1, -2), (2, -3)],
          "AS OF before the merge still reads main's own versions")
    # Merged once, a branch merges again with only what changed since.
    run(b, "UPDATE acct SET v = 7 WHERE id = 4")
    check(q(conn, "MERGE DATABASE BRANCH cf2 INTO main") == "MERGE 1",
          "a second merge of the same branch brings only the newer change, without conflicts")
    check(q(conn, "SELECT v FROM acct WHERE id = 4") == [(7,)], "which arrives")
    b.close()
    run(conn, "DROP DATABASE BRANCH cf2")
    # Merging main back into a branch after the branch was merged (a feature catching up).
    b = setup("sync")
    run(b, "UPDATE acct SET v = 1000 WHERE id = 4")
    check(q(conn, "MERGE DATABASE BRANCH sync INTO main") == "MERGE 1", "the branch merged into main")
    run(b, "UPDATE acct SET v = 2000 WHERE id = 4")  # the branch goes on
    run(conn, "UPDATE acct SET v = 3000 WHERE id = 5")  # and so does main
    check(q(conn, "SELECT count(*) FROM heliosdb_merge_conflicts('main', 'sync')") == [(0,)],
              "merging main back: no conflict, main did not change the row since it took the branch's version")
    check(q(conn, "MERGE DATABASE BRANCH main INTO sync WITH (conflict_resolution = 'branch_wins')") == "MERGE 1",
              "merging main back brings main's own change only")
    check(q(b, "SELECT v FROM acct WHERE id IN (4, 5) ORDER BY id") == [(2000,), (3000,)],
              "the branch keeps its newer change and gets main's")
    b.close()
    run(conn, "DROP DATABASE BRANCH sync")
    check(state_of(conn, "MERGE DATABASE BRANCH main INTO main") == "22023", "merging a branch into itself: 22023")
    check(state_of(conn, "MERGE DATABASE BRANCH nope INTO main") == "3D000", "merging an unknown branch: 3D000")
    check(state_of(conn, "MERGE DATABASE BRANCH main INTO nope") == "3D000", "into an unknown branch: 3D000")
    run(conn, "CREATE DATABASE BRANCH cf3 FROM main AS OF NOW")
    check(state_of(conn, "MERGE DATABASE BRANCH cf3 INTO main WITH (conflict_resolution = 'coin_toss')") == "22023",
          "an unknown conflict_resolution: 22023")
    check(state_of(conn, "MERGE DATABASE BRANCH cf3 INTO main WITH (colour = 'red')") == "22023",
          "an unknown merge option: 22023")
    run(conn, "DROP DATABASE BRANCH cf3")


def test_merge_constraints(server):
    conn = connect(server)
    run(conn, "CREATE TABLE mu (id INT PRIMARY KEY, email TEXT UNIQUE, n INT NOT NULL)")
    run(conn, "CREATE TABLE mp (id INT PRIMARY KEY)")
    run(conn, "CREATE TABLE mc (id INT PRIMARY KEY, pid INT REFERENCES mp(id))")
    run(conn, "INSERT INTO mu VALUES (1, 'one@x', 1)")
    run(conn, "INSERT INTO mp VALUES (1), (2)")
    run(conn, "CREATE DATABASE BRANCH uq FROM main AS OF NOW")
    b = connect(server, "db@uq")
    run(b, "INSERT INTO mu VALUES (10, 'same@x', 10)")
    run(b, "INSERT INTO mu VALUES (11, 'only-branch@x', 11)")
    run(conn, "INSERT INTO mu VALUES (20, 'same@x', 20)")
    before = run(conn, "SELECT * FROM mu ORDER BY 1")
    for resolution in ("fail", "branch_wins", "target_wins"):
        got = message_of(conn, f"MERGE DATABASE BRANCH uq INTO main WITH (conflict_resolution = '{resolution}')")
        check(got is not None and got[0] == "23505",
              f"a merge that would break a UNIQUE constraint fails with 23505 ({resolution}): {got}")
    check(q(conn, "SELECT * FROM mu ORDER BY 1") == before, "and leaves main as it was, other rows included")
    b.close()
    run(conn, "DROP DATABASE BRANCH uq")

    run(conn, "CREATE DATABASE BRANCH fk FROM main AS OF NOW")
    b = connect(server, "db@fk")
    run(b, "INSERT INTO mc VALUES (1, 1)")  # the branch references parent row 1 ...
    run(b, "INSERT INTO mc VALUES (2, 2)")
    run(conn, "DELETE FROM mp WHERE id = 1")  # ... which main deletes
    got = message_of(conn, "MERGE DATABASE BRANCH fk INTO main WITH (conflict_resolution = 'branch_wins')")
    check(got is not None and got[0] == "23503", f"a merge that would leave a dangling foreign key: 23503: {got}")
    check(q(conn, "SELECT * FROM mc") == [], "nothing of it is applied")
    check(q(conn, "SELECT * FROM mp") == [(2,)], "main's parents are as they were")
    b.close()
    run(conn, "DROP DATABASE BRANCH fk")

    # The other way round: the branch deletes a parent main's new child references.
    run(conn, "CREATE DATABASE BRANCH fk2 FROM main AS OF NOW")
    b = connect(server, "db@fk2")
    run(b, "DELETE FROM mp WHERE id = 2")
    run(conn, "INSERT INTO mc VALUES (3, 2)")
    got = message_of(conn, "MERGE DATABASE BRANCH fk2 INTO main")
    check(got is not None and got[0] == "23503", f"deleting a parent that main's rows reference: 23503: {got}")
    check(q(conn, "SELECT * FROM mp") == [(2,)], "the parent stays")
    b.close()
    run(conn, "DROP DATABASE BRANCH fk2")


def test_merge_edge_cases(server):
    conn = connect(server)
    # The same table name created on both sides is a conflict, not two tables or mixed rows.
    run(conn, "CREATE DATABASE BRANCH twin FROM main AS OF NOW")
    b = connect(server, "db@twin")
    run(b, "CREATE TABLE twin_t (a INT PRIMARY KEY)")
    run(b, "INSERT INTO twin_t VALUES (1)")
    run(conn, "CREATE TABLE twin_t (b TEXT PRIMARY KEY)")
    run(conn, "INSERT INTO twin_t VALUES ('m')")
    got = q(conn, "MERGE DATABASE BRANCH twin INTO main")
    check(got[:2] == ("ERROR", "23000"), f"a table created on both sides under one name: a conflict, 23000: {got}")
    check(q(conn, "SELECT * FROM twin_t") == [("m",)], "main's table is as it was")
    got = q(conn, "MERGE DATABASE BRANCH twin INTO main WITH (conflict_resolution = 'branch_wins')")
    rows = q(conn, "SELECT * FROM twin_t")
    check(rows == [(1,)], f"with branch_wins main gets the branch's table and rows, no mixed rows: {got} {rows}")
    check(q(conn, "SELECT count(*) FROM pg_class WHERE relname = 'twin_t' AND relkind = 'r'") == [(1,)],
          "and one table of that name")
    b.close()
    run(conn, "DROP DATABASE BRANCH twin")

    # ADD COLUMN ... DEFAULT on a branch: main's rows, old and new, get the default in the merge.
    run(conn, "CREATE TABLE dflt (id INT PRIMARY KEY)")
    run(conn, "INSERT INTO dflt VALUES (1)")
    run(conn, "CREATE DATABASE BRANCH dflt_b FROM main AS OF NOW")
    b = connect(server, "db@dflt_b")
    run(b, "ALTER TABLE dflt ADD COLUMN score INT NOT NULL DEFAULT 7")
    run(b, "INSERT INTO dflt VALUES (2, 8)")
    run(b, "CREATE TABLE fresh (id INT PRIMARY KEY, tag TEXT)")
    run(b, "CREATE INDEX fresh_tag ON fresh(tag)")
    run(b, "INSERT INTO fresh VALUES (1, 'x'), (2, 'y')")
    run(conn, "INSERT INTO dflt VALUES (3)")
    b.close()
    check(q(conn, "MERGE DATABASE BRANCH dflt_b INTO main").__class__ is str, "merging a new column and a new table")
    check(q(conn, "SELECT id, score FROM dflt ORDER BY 1") == [(1, 7), (2, 8), (3, 7)],
          "rows main inserted meanwhile get the new column's default")
    check(q(conn, "SELECT id FROM fresh WHERE tag = 'y'") == [(2,)], "a table created on the branch arrives")
    plan = "\n".join(r[0] for r in run(conn, "EXPLAIN SELECT id FROM fresh WHERE tag = 'y'"))
    check("fresh_tag" in plan, f"with its index: {plan}")
    run(conn, "INSERT INTO fresh VALUES (3, 'y')")
    check(q(conn, "SELECT id FROM fresh WHERE tag = 'y' ORDER BY 1") == [(2,), (3,)], "which main maintains")
    run(conn, "DROP DATABASE BRANCH dflt_b")

    # Sequences: ids handed out on both sides never collide after a merge.
    run(conn, "CREATE TABLE ser (id SERIAL PRIMARY KEY, v TEXT)")
    run(conn, "INSERT INTO ser (v) VALUES ('a')")
    run(conn, "CREATE DATABASE BRANCH ser_b FROM main AS OF NOW")
    b = connect(server, "db@ser_b")
    for i in range(3):
        run(b, "INSERT INTO ser (v) VALUES (%s)", f"b{i}")
    b.close()
    run(conn, "INSERT INTO ser (v) VALUES ('m')")
    check(q(conn, "MERGE DATABASE BRANCH ser_b INTO main") == "MERGE 3", "the branch's three serial rows merge")
    errors = [e for e in (q(conn, "INSERT INTO ser (v) VALUES (%s)", f"m{i}") for i in range(80)) if e != "INSERT 0 1"]
    check(errors == [], f"main's later serial ids never collide with the merged ones: {errors[:1]}")
    check(q(conn, "SELECT count(*), count(DISTINCT id) FROM ser") == [(85, 85)], "all rows are there")
    run(conn, "DROP DATABASE BRANCH ser_b")

    # A parent merged into its child, a branch of a branch, renames and drops along the chain.
    run(conn, "CREATE TABLE chain (id INT PRIMARY KEY, v INT)")
    run(conn, "INSERT INTO chain VALUES (1, 1), (2, 2)")
    early = current_scn(conn)
    run(conn, "UPDATE chain SET v = 11 WHERE id = 1")
    run(conn, "CREATE DATABASE BRANCH pa FROM main AS OF NOW")
    pa = connect(server, "db@pa")
    run(pa, "UPDATE chain SET v = 22 WHERE id = 2")
    run(conn, "CREATE DATABASE BRANCH pb FROM pa AS OF NOW")
    run(conn, "CREATE DATABASE BRANCH pc FROM pa AS OF SCN %s", early)
    pc = connect(server, "db@pc")
    check(q(pc, "SELECT * FROM chain ORDER BY 1") == [(1, 1), (2, 2)],
          "a branch of a branch made AS OF a point before that branch's fork reads the parent's parent then")
    pc.close()
    run(conn, "UPDATE chain SET v = 111 WHERE id = 1")
    check(q(conn, "MERGE DATABASE BRANCH main INTO pa") == "MERGE 1", "merging main into its child")
    check(q(pa, "SELECT * FROM chain ORDER BY 1") == [(1, 111), (2, 22)], "the child gets main's change")
    pa.close()
    size = q(conn, "SELECT size_bytes FROM pg_database_branches() WHERE branch_name = 'pa'")
    check(isinstance(size, list) and size[0][0] > 0, f"a branch with its own rows has a size: {size}")
    run(conn, "ALTER DATABASE BRANCH pa RENAME TO pa_renamed")
    check(q(conn, "SELECT parent_branch FROM pg_database_branches() WHERE branch_name = 'pb'") == [("pa_renamed",)],
          "a child shows its parent's new name")
    run(conn, "DROP DATABASE BRANCH pa_renamed")
    check(sorted(branch_names(conn)) == ["main", "pb", "pc"], "the dropped parent leaves the list, its children stay")
    pb = connect(server, "db@pb")
    check(q(pb, "SELECT * FROM chain ORDER BY 1") == [(1, 11), (2, 22)], "a child reads through its retired parent")
    run(pb, "INSERT INTO chain VALUES (3, 33)")
    pb.close()
    check(q(conn, "MERGE DATABASE BRANCH pb INTO main") == "MERGE 2",
          "a child of a retired branch merges into main: the parent's change and its own")
    check(q(conn, "SELECT * FROM chain ORDER BY 1") == [(1, 111), (2, 22), (3, 33)], "main has both")
    run(conn, "CREATE DATABASE BRANCH pa_renamed FROM main AS OF NOW")
    check(q(connect(server, "db@pa_renamed"), "SELECT count(*) FROM chain") == [(3,)],
          "a dropped branch's name can be used again")
    for name in ("pa_renamed", "pb", "pc"):
        run(conn, f"DROP DATABASE BRANCH {name}")
    conn.close()


def test_merge_waits_for_row_locks(server):
    """A MERGE writes the target like an UPDATE: it waits for a row lock an open transaction holds there."""
    conn = connect(server)
    run(conn, "CREATE TABLE locked (id INT PRIMARY KEY, v INT)")
    run(conn, "INSERT INTO locked VALUES (1, 1), (2, 2)")
    run(conn, "CREATE DATABASE BRANCH lk FROM main AS OF NOW")
    b = connect(server, "db@lk")
    run(b, "UPDATE locked SET v = 100 WHERE id = 1")
    b.close()
    holder = connect(server)
    holder.autocommit = False
    run(holder, "UPDATE locked SET v = 50 WHERE id = 1")  # holds row 1 on main, not committed
    outcome = {}

    def merge():
        try:
            outcome["merge"] = run(connect(server), "MERGE DATABASE BRANCH lk INTO main")
        except psycopg2.Error as e:
            outcome["merge"] = ("ERROR", e.pgcode, e.diag.message_primary)

    t = threading.Thread(target=merge)
    t.start()
    t.join(0.5)
    check(t.is_alive(), f"the MERGE waits for the row lock: {outcome}")
    try:
        holder.commit()
        committed = True
    except psycopg2.Error as e:
        committed = (e.pgcode, e.diag.message_primary)
    check(committed is True,
              f"the lock holder's COMMIT (READ COMMITTED) succeeds: {committed}")
    t.join(30)
    got = outcome.get("merge")
    check(isinstance(got, tuple) and got[1] in ("23000", "40001"),
              f"then the merge meets main's change: a conflict (23000) or a serialization failure: {got}")
    check(q(conn, "SELECT * FROM locked ORDER BY 1") == [(1, 50), (2, 2)],
              "and the holder's update is not lost")
    holder.close()
    run(conn, "DROP DATABASE BRANCH lk")
    conn.close()


def test_branch_errors(server):
    conn = connect(server)
    conn.autocommit = False
    for sql in ("CREATE DATABASE BRANCH inblock FROM main AS OF NOW", "DROP DATABASE BRANCH IF EXISTS inblock",
                "USE BRANCH main", "MERGE DATABASE BRANCH main INTO main",
                "ALTER DATABASE BRANCH main RENAME TO other"):
        run(conn, "SELECT 1")  # a transaction block is open
        check(state_of(conn, sql) == "25001", f"{sql} inside a transaction block: 25001")
    conn.autocommit = True
    check(state_of(conn, "USE BRANCH nope") == "3D000", "USE BRANCH of an unknown branch: 3D000")
    check(state_of(conn, "SET heliosdb.branch = 'nope'") == "3D000",
              "SET heliosdb.branch to an unknown one: 3D000")
    check(state_of(conn, "CREATE DATABASE BRANCH x FROM nope AS OF NOW") == "3D000", "FROM an unknown parent: 3D000")
    check(state_of(conn, "ALTER DATABASE BRANCH nope RENAME TO x") == "3D000", "renaming an unknown branch: 3D000")
    check(state_of(conn, "DROP DATABASE BRANCH nope") == "3D000", "dropping an unknown branch: 3D000")
    run(conn, "CREATE DATABASE BRANCH dup FROM main AS OF NOW")
    check(state_of(conn, "CREATE DATABASE BRANCH dup FROM main AS OF NOW") == "42P04", "a duplicate name: 42P04")
    check(state_of(conn, "CREATE DATABASE BRANCH main FROM dup AS OF NOW") == "42P04", "main again: 42P04")
    check(state_of(conn, "ALTER DATABASE BRANCH dup RENAME TO main") == "42P04", "renaming onto a name in use: 42P04")
    run(conn, "USE BRANCH dup")
    check(state_of(conn, "DROP DATABASE BRANCH dup") == "55006", "dropping the branch you are on: 55006")
    check(q(conn, "SHOW heliosdb.branch") == [("dup",)], "SHOW heliosdb.branch after USE BRANCH")
    check(q(conn, "SET heliosdb.branch = 'main'") == "SET", "SET heliosdb.branch = 'main'")
    check(q(conn, "SHOW heliosdb.branch") == [("main",)], "SHOW heliosdb.branch after SET")
    check(q(conn, "SET heliosdb.branch TO dup") == "SET" and q(conn, "SHOW heliosdb.branch") ==
              [("dup",)], "SET heliosdb.branch TO name")
    run(conn, "USE BRANCH dup")
    check(q(conn, "RESET heliosdb.branch") == "RESET" and q(conn, "SHOW heliosdb.branch") ==
              [("main",)], "RESET heliosdb.branch goes back to main")
    run(conn, "USE BRANCH main")
    check(q(conn, "ALTER DATABASE BRANCH dup RENAME TO dup2") == "ALTER DATABASE BRANCH", "ALTER ... RENAME TO")
    check("dup2" in branch_names(conn) and "dup" not in branch_names(conn), "the branch has its new name")
    check(state_of(conn, "CREATE DATABASE BRANCH bad@name FROM main") is not None, "a name with '@' is refused")
    run(conn, "DROP DATABASE BRANCH dup2")

    # A branch another session is on.
    run(conn, "CREATE DATABASE BRANCH busy FROM main AS OF NOW")
    other = connect(server, "db@busy")
    got = state_of(conn, "DROP DATABASE BRANCH busy")
    check(got == "55006", f"DROP of a branch another session is on: 55006, as DROP DATABASE: {got}")
    check(q(other, "SELECT 1") == [(1,)], "and that session goes on")
    other.close()
    # The server ends the other session once it reads the Terminate: wait for it.
    for _ in range(50):
        if state_of(conn, "DROP DATABASE BRANCH busy") is None:
            break
        time.sleep(0.1)
    check("busy" not in branch_names(conn), "once that session has gone, the branch can be dropped")
    check(q(conn, "SELECT 1") == [(1,)], "the server goes on")


def test_sessions_on_branches_concurrently(server):
    conn = connect(server)
    run(conn, "CREATE TABLE counters (id INT PRIMARY KEY, n INT)")
    run(conn, "INSERT INTO counters VALUES (1, 0), (2, 0)")
    names = ["conc_a", "conc_b", "conc_c"]
    for name in names:
        run(conn, f"CREATE DATABASE BRANCH {name} FROM main AS OF NOW")
    errors = []
    steps = 40

    def work(name, how):
        try:
            if how == "dbname":
                c = connect(server, f"db@{name}")
            else:
                c = connect(server)
                run(c, f"USE BRANCH {name}")
            for i in range(steps):
                run(c, "UPDATE counters SET n = n + 1 WHERE id = 1")
                if i % 10 == 0:
                    run(c, "INSERT INTO counters VALUES (%s, %s)", 100 + i, i)
            c.close()
        except Exception as e:  # reported below
            errors.append(f"{name}: {e}")

    def main_work():
        try:
            c = connect(server)
            for _ in range(steps):
                run(c, "UPDATE counters SET n = n + 1 WHERE id = 2")
            c.close()
        except Exception as e:
            errors.append(f"main: {e}")

    threads = [threading.Thread(target=work, args=(n, "dbname" if i % 2 == 0 else "use")) for i, n in
               enumerate(names)] + [threading.Thread(target=main_work)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    check(errors == [], f"sessions on different branches work at the same time: {errors}")
    for name in names:
        c = connect(server, f"db@{name}")
        check(q(c, "SELECT id, n FROM counters ORDER BY 1") == [(1, steps), (2, 0), (100, 0), (110, 10), (120, 20),
                                                                   (130, 30)],
              f"{name} holds exactly its own session's changes")
        c.close()
    check(q(conn, "SELECT id, n FROM counters ORDER BY 1") == [(1, 0), (2, steps)], "main holds only its own")
    for name in names:
        run(conn, f"DROP DATABASE BRANCH {name}")


def test_db_at_branch(server):
    conn = connect(server)
    run(conn, "CREATE DATABASE BRANCH conn_b FROM main AS OF NOW")
    c = connect(server, "db@conn_b")
    check(c.get_parameter_status("heliosdb.branch") == "conn_b", "ParameterStatus heliosdb.branch for db@branch")
    check(q(c, "SHOW heliosdb.branch") == [("conn_b",)], "the session is on the branch")
    check(q(c, "SELECT current_database()") == [("db",)], "current_database() is the database without @branch")
    run(c, "USE BRANCH main")
    check(c.get_parameter_status("heliosdb.branch") == "main", "USE BRANCH reports the new branch as ParameterStatus")
    c.close()
    c = connect(server)
    check(c.get_parameter_status("heliosdb.branch") == "main", "a plain database name lands on main")
    c.close()
    got = startup_error(server, "db@no_such_branch")
    check(got is not None and got[0] == "3D000", f"db@unknown: FATAL 3D000: {got}")
    try:
        connect(server, "db@no_such_branch").close()
        check(False, "psycopg2 cannot connect to an unknown branch")
    except psycopg2.OperationalError as e:
        check("no_such_branch" in str(e), f"psycopg2's error names the branch: {e}")
    run(conn, "DROP DATABASE BRANCH conn_b")


def test_retention():
    """History older than --retention-days goes at VACUUM: reads before it get 72000, branches keep their forks."""
    server = Server("--memory", "--retention-days", "0.00002")  # 1.7 seconds
    try:
        conn = connect(server)
        run(conn, "CREATE TABLE kept_short (id INT PRIMARY KEY, v INT)")
        run(conn, "INSERT INTO kept_short VALUES (1, 1)")
        old_scn, old_t = current_scn(conn), now(conn)
        run(conn, "CREATE DATABASE BRANCH pinned FROM main AS OF NOW")
        run(conn, "UPDATE kept_short SET v = 2")
        time.sleep(2.0)
        run(conn, "UPDATE kept_short SET v = 3")
        last = current_scn(conn)
        check(q(conn, "VACUUM") == "VACUUM", "VACUUM compacts what the retention no longer keeps")
        check(state_of(conn, "SELECT * FROM kept_short AS OF SCN %s", old_scn) == "72000",
              "AS OF SCN before the retained history: 72000")
        check(state_of(conn, "SELECT * FROM kept_short AS OF TIMESTAMP %s", old_t) == "72000",
              "AS OF TIMESTAMP before the retained history: 72000")
        check(state_of(conn, "SELECT * FROM kept_short VERSIONS BETWEEN SCN %s AND %s", old_scn, last) == "72000",
              "VERSIONS BETWEEN from before the retained history: 72000")
        check(state_of(conn, "CREATE DATABASE BRANCH too_old FROM main AS OF SCN %s", old_scn) == "72000",
              "a branch AS OF a point before the retained history: 72000")
        check(q(conn, "SELECT v FROM kept_short AS OF SCN %s", last) == [(3,)], "the retained history reads")
        p = connect(server, "db@pinned")
        check(q(p, "SELECT v FROM kept_short") == [(1,)], "a branch forked before the floor still reads its fork")
        run(p, "INSERT INTO kept_short VALUES (2, 20)")
        p.close()
        check(q(conn, "MERGE DATABASE BRANCH pinned INTO main") == "MERGE 1", "and merges after the compaction")
        check(q(conn, "SELECT * FROM kept_short ORDER BY 1") == [(1, 3), (2, 20)], "with its change")
        conn.close()
    finally:
        check(server.stop() == 0, "the retention server exits cleanly")


def test_disaster_recovery():
    """The seed's recovery workflow, main dropped and replaced, on a server of its own."""
    server = Server("--memory")
    try:
        conn = connect(server)
        make_users(conn)
        run(conn, "CREATE DATABASE BRANCH backup_daily FROM main AS OF NOW")
        run(conn, "DELETE FROM users WHERE id > 1")  # the disaster
        run(conn, "UPDATE users SET name = 'oops'")
        run(conn, "CREATE DATABASE BRANCH main_new FROM backup_daily AS OF NOW")
        run(conn, "USE BRANCH main_new")
        check(q(conn, "SELECT COUNT(*) FROM users") == [(3,)], "main_new holds the backup's rows")
        chose = connect(server)
        run(chose, "USE BRANCH main_new")
        check(state_of(chose, "DROP DATABASE BRANCH main_new") == "55006",
              "a session cannot drop the branch it chose to work on")
        chose.close()
        # A session that goes with main may drop it (walkthrough.sql does, then renames main_new to main),
        # and goes on on the new main.
        follower = connect(server)
        check(state_of(follower, "SELECT 1") is None, "a session on main before the swap")
        check(q(conn, "DROP DATABASE BRANCH main") == "DROP DATABASE BRANCH",
              "DROP DATABASE BRANCH main, which has children")
        check("main" not in branch_names(conn), "main is gone from the list")
        check(q(conn, "SELECT COUNT(*) FROM users") == [(3,)], "main_new still reads through the retired main")
        got = startup_error(server, "db@backup_daily")
        check(got is None,
                  f"a connection to another branch works while there is no main: {got}")
        got = startup_error(server, "db")
        check(got is not None and got[0] == "3D000",
                  f"a connection to the missing main: FATAL 3D000: {got}")
        check(q(conn, "ALTER DATABASE BRANCH main_new RENAME TO main") == "ALTER DATABASE BRANCH",
              "ALTER DATABASE BRANCH main_new RENAME TO main")
        check(q(conn, "SHOW heliosdb.branch") == [("main",)], "the session's branch has the new name")
        check(q(follower, "SELECT count(*) FROM users") == [(3,)], "a session that went with main reads the new main")
        check(q(follower, "SHOW heliosdb.branch") == [("main",)], "and says it is on main")
        follower.close()
        try:
            fresh = connect(server)
            check(fresh.get_parameter_status("heliosdb.branch") == "main", "a new connection lands on main")
            check(q(fresh, "SELECT id, name FROM users ORDER BY 1") == [(1, "alice"), (2, "bob"), (3, "carol")],
                  "the new main holds the recovered data")
            run(fresh, "INSERT INTO users VALUES (4, 'dave', 'd@x')")
            check(q(fresh, "SELECT count(*) FROM users") == [(4,)], "and takes writes")
            fresh.close()
        except psycopg2.Error as e:
            check(False, f"a new connection after the recovery: {e}")
        b = connect(server, "db@backup_daily")
        check(q(b, "SELECT count(*) FROM users") == [(3,)], "the backup still reads through the retired main")
        check(q(b, "SELECT parent_branch FROM pg_database_branches() WHERE branch_name = 'backup_daily'") !=
              [("main",)], "its parent is not the new main")
        b.close()
        conn.close()
    finally:
        check(server.stop() == 0, "the recovery server exits cleanly")


def test_restart(data_dir, h, expected):
    """Branches, history and AS OF after the server is stopped and started again on the same directory."""
    server = Server("--data", data_dir)
    try:
        conn = connect(server)
        check(branch_names(conn) == ["keep", "main"], f"the branches are back: {branch_names(conn)}")
        cols = "order_id, customer_id, product_id, quantity, total, status"
        check(q(conn, f"SELECT {cols} FROM orders AS OF TIMESTAMP %s ORDER BY 1", h.t_b) == ORDERS_AT_B,
              "AS OF TIMESTAMP reads the same history after a restart")
        check(q(conn, "SELECT count(*) FROM orders AS OF SCN %s", h.scn_b) == [(4,)], "AS OF SCN too")
        check(q(conn, "SELECT count(*) FROM orders AS OF TRANSACTION %s", h.xid_b) == [(4,)], "AS OF TRANSACTION too")
        got = current_scn(conn)
        check(got >= expected["scn"], f"the SCN goes on from where it was: {got} vs {expected['scn']}")
        check(q(conn, "SELECT id, v FROM kept AS OF SCN %s ORDER BY 1", expected["scn"]) == expected["main"],
              "main AS OF the last SCN before the stop reads what it held then")
        k = connect(server, "db@keep")
        check(q(k, "SELECT id, v FROM kept ORDER BY 1") == expected["keep"], "the branch's own data is back")
        check(q(k, "SELECT v FROM kept AS OF SCN %s WHERE id = 1", expected["keep_scn"]) == [(1,)],
              "the branch's history is back")
        check(q(conn, "SELECT id, v FROM kept ORDER BY 1") == expected["main"], "main's own data is back")
        run(k, "UPDATE kept SET v = 99 WHERE id = 1")
        check(q(conn, "MERGE DATABASE BRANCH keep INTO main WITH (conflict_resolution = 'branch_wins')")
              .startswith("MERGE"), "a branch made before the restart merges after it")
        check(q(conn, "SELECT v FROM kept WHERE id = 1") == [(99,)], "with its changes")
        check(q(conn, "SELECT count(*) FROM heliosdb_commits WHERE branch = 'keep'")[0][0] >= 2,
              "heliosdb_commits still lists the branch's commits")
        k.close()
        conn.close()
    finally:
        check(server.stop() == 0, "the restarted server exits cleanly")


def prepare_restart(conn, server):
    run(conn, "CREATE TABLE kept (id INT PRIMARY KEY, v INT)")
    run(conn, "INSERT INTO kept VALUES (1, 1), (2, 2)")
    run(conn, "CREATE DATABASE BRANCH keep FROM main AS OF NOW")
    k = connect(server, "db@keep")
    run(k, "UPDATE kept SET v = 10 WHERE id = 2")
    keep_scn = current_scn(k)
    run(k, "UPDATE kept SET v = 2 WHERE id = 1")
    run(k, "INSERT INTO kept VALUES (3, 3)")
    run(conn, "UPDATE kept SET v = 0 WHERE id = 2")
    k.close()
    return {"keep": [(1, 2), (2, 10), (3, 3)], "main": [(1, 1), (2, 0)], "keep_scn": keep_scn,
            "scn": current_scn(conn)}


def timed(name, fn, *args):
    start = time.monotonic()
    try:
        fn(*args)
    except Exception as e:  # a test that stops early fails; the others go on
        check(False, f"{name} raised {type(e).__name__}: {e}")
    print(f"{name}: {time.monotonic() - start:.1f} s")


def main():
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="heliosdb-tt-") as data_dir:
        server = Server("--data", data_dir)
        try:
            conn = connect(server)
            h = record_history(conn)
            timed("AS OF TIMESTAMP", test_as_of_timestamp, conn, h)
            timed("indexes", test_as_of_uses_indexes, conn, h)
            timed("AS OF TRANSACTION and SCN", test_as_of_transaction_and_scn, conn, h)
            timed("bound parameters", test_bound_parameters, conn, h)
            timed("microseconds", test_microseconds, conn)
            timed("errors", test_errors, conn, h)
            timed("VERSIONS BETWEEN", test_versions_between, conn)
            timed("creating branches", test_creating_branches, server, h)
            timed("branch isolation", test_branch_isolation, server)
            timed("dev/staging/main", test_dev_staging_main, server)
            timed("blue-green", test_blue_green, server)
            timed("schema change", test_schema_change_merged, server)
            timed("A/B", test_ab, server)
            timed("conflicts", test_conflicts, server)
            timed("merge constraints", test_merge_constraints, server)
            timed("merge edge cases", test_merge_edge_cases, server)
            timed("merge and row locks", test_merge_waits_for_row_locks, server)
            timed("branch errors", test_branch_errors, server)
            timed("concurrent branches", test_sessions_on_branches_concurrently, server)
            timed("db@branch", test_db_at_branch, server)
            expected = prepare_restart(conn, server)
            conn.close()
        finally:
            check(server.stop() == 0, "the server exits cleanly on SIGTERM")
        timed("restart", test_restart, data_dir, h, expected)
    timed("disaster recovery", test_disaster_recovery)
    timed("retention", test_retention)
    for bug in sorted({b for b, _ in known_failures}):
        print(f"known bug [{bug}]: {KNOWN_BUGS[bug]}: {sum(b == bug for b, _ in known_failures)} checks")
    print(f"{len(failures)} failures, {len(known_failures)} checks failed by known bugs,"
          f" in {time.monotonic() - start:.1f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
