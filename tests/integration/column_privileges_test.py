#!/usr/bin/python3
"""Column privileges over the wire where PostgreSQL has nothing to compare
with, or where a driver's way of sending matters: prepared statements that
see a REVOKE made after they were prepared, time travel (AS OF and VERSIONS
BETWEEN are guarded by today's column privileges), and the privileges
surviving a restart.

    column_privileges_test.py PATH/TO/heliosdb-lite
"""
import sys
import tempfile

import psycopg
import psycopg2

from harness import Server, check, error_of, failures, run

data = tempfile.mkdtemp(prefix="column_privileges_test_")
server = Server("--data", data)
admin = server.connect()
admin.autocommit = True

run(admin, "CREATE TABLE people (id int PRIMARY KEY, name text, ssn text)")
run(admin, "INSERT INTO people VALUES (1, 'ann', '111'), (2, 'bob', '222')")
run(admin, "CREATE ROLE clerk LOGIN")
run(admin, "GRANT SELECT (id, name), UPDATE (name) ON people TO clerk")
scn = run(admin, "SELECT heliosdb_current_scn()")[0][0]

clerk = psycopg2.connect(host="127.0.0.1", port=server.port, user="clerk", dbname="db")
clerk.autocommit = True
check(run(clerk, "SELECT id, name FROM people ORDER BY id") == [(1, "ann"), (2, "bob")], "granted columns are read")
check(error_of(clerk, "SELECT ssn FROM people") == ("42501", "ERROR:  permission denied for table people"),
      "another is refused with PostgreSQL's message")
check(error_of(clerk, "SELECT * FROM people")[0] == "42501", "and so is *")
check(run(clerk, "UPDATE people SET name = upper(name) WHERE id = 1") == "UPDATE 1", "a granted column is updated")
check(error_of(clerk, "UPDATE people SET ssn = '0' WHERE id = 1")[0] == "42501", "another is not")

# Time travel is guarded by the privileges of today.
check(run(clerk, f"SELECT name FROM people AS OF SCN {scn} ORDER BY id") == [("ann",), ("bob",)],
      "AS OF reads granted columns")
check(error_of(clerk, f"SELECT ssn FROM people AS OF SCN {scn}")[0] == "42501", "and not the others")
now = run(admin, "SELECT heliosdb_current_scn()")[0][0]
versions = run(clerk, f"SELECT id, name FROM people VERSIONS BETWEEN SCN {scn} AND {now} ORDER BY 1, 2")
check(len(versions) >= 2, f"VERSIONS BETWEEN reads granted columns: {versions}")
check(error_of(clerk, f"SELECT ssn FROM people VERSIONS BETWEEN SCN {scn} AND {now}")[0] == "42501",
      "and not the others")

# Prepared statements, server-side (psycopg 3 prepares after one use with prepare=True).
with psycopg.connect(host="127.0.0.1", port=server.port, user="clerk", dbname="db", autocommit=True) as conn:
    query = "SELECT name FROM people WHERE id = %s"
    check(conn.execute(query, (2,), prepare=True).fetchall() == [("bob",)], "a prepared read of a granted column")
    run(admin, "REVOKE SELECT (name) ON people FROM clerk")
    try:
        conn.execute(query, (2,), prepare=True).fetchall()
        check(False, "a prepared statement still read a revoked column")
    except psycopg.Error as e:
        check(e.sqlstate == "42501", f"the REVOKE holds for a statement prepared before it: {e.sqlstate}")
    run(admin, "GRANT SELECT ON people TO clerk")
    check(conn.execute(query, (2,), prepare=True).fetchall() == [("bob",)], "a table GRANT covers every column")
    run(admin, "REVOKE SELECT ON people FROM clerk")
    try:
        conn.execute("SELECT count(*) FROM people")
        check(False, "count(*) ran without SELECT on any column")
    except psycopg.Error as e:
        check(e.sqlstate == "42501", "a table REVOKE takes the columns' SELECT too, and count(*) wants one")
clerk.close()

# The column lists are stored with the table.
admin.close()
server.stop()
server = Server("--data", data)
admin = server.connect()
admin.autocommit = True
acl = run(admin, "SELECT attname, attacl::text FROM pg_attribute WHERE attrelid = 'people'::regclass "
                 "AND attnum > 0 ORDER BY attnum")
check(acl == [("id", None), ("name", "{clerk=w/tester}"), ("ssn", None)], f"attacl after a restart: {acl}")
admin.close()
server.stop()

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("column privileges: all checks passed")
