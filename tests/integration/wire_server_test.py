#!/usr/bin/python3
"""`heliosdb-lite server` with a real driver (psycopg2, over libpq) and with
malformed protocol input sent over raw sockets: every client gets a clear
answer, the server keeps serving the others, and nothing committed is lost.

    wire_server_test.py PATH/TO/heliosdb-lite
"""
import datetime
import decimal
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

import asyncio

import asyncpg
import psycopg
import psycopg2

from harness import BIN, Server, check, error_code, failures, free_port, message, read_messages, startup_packet


def raw_session(server):
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(startup_packet({"user": "raw", "database": "db"}))
    read_messages(sock)
    return sock


def closed(sock):
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


# --- the tests -------------------------------------------------------------------

def test_driver_round_trip(server):
    conn = server.connect()
    cur = conn.cursor()
    cur.execute("SELECT current_database(), current_user, pg_backend_pid(), version()")
    database, user, pid, version = cur.fetchone()
    check((database, user) == ("db", "tester"), f"the session knows its database and user: {database}, {user}")
    check(pid == conn.get_backend_pid(), "pg_backend_pid() is the key the server gave at startup")
    check(version.startswith("PostgreSQL 15.0 "), f"version() reads as PostgreSQL 15: {version}")
    check(conn.server_version == 150000, f"libpq parses server_version: {conn.server_version}")
    cur.execute("CREATE TABLE things (id SERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, price NUMERIC(10,2), "
                "ok BOOLEAN, born DATE, seen TIMESTAMP, ratio DOUBLE PRECISION, raw BYTEA, doc JSONB)")
    cur.execute("INSERT INTO things (name, price, ok, born, seen, ratio, raw, doc) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                ("widget", decimal.Decimal("9.99"), True, datetime.date(2024, 1, 2),
                 datetime.datetime(2024, 1, 2, 3, 4, 5), 0.25, psycopg2.Binary(b"\x00\xff"), '{"a": [1, 2]}'))
    check(cur.fetchone() == (1,), "INSERT ... RETURNING gives the new id")
    conn.commit()
    cur.execute("SELECT id, name, price, ok, born, seen, ratio, raw, doc FROM things")
    row = cur.fetchone()
    check(row[:7] == (1, "widget", decimal.Decimal("9.99"), True, datetime.date(2024, 1, 2),
                      datetime.datetime(2024, 1, 2, 3, 4, 5), 0.25), f"typed values come back: {row}")
    check(bytes(row[7]) == b"\x00\xff" and row[8] == {"a": [1, 2]}, f"bytea and jsonb come back: {row[7:]}")
    check([d[1] for d in cur.description] == [23, 25, 1700, 16, 1082, 1114, 701, 17, 3802],
          f"RowDescription carries PostgreSQL's type OIDs: {[d[1] for d in cur.description]}")
    try:
        cur.execute("INSERT INTO things (name) VALUES ('widget')")
        check(False, "a duplicate key is refused")
    except psycopg2.Error as e:
        check(e.pgcode == "23505", f"duplicate key gives 23505, got {e.pgcode}")
        check("already exists" in (e.diag.message_detail or ""), "the error carries its detail")
        check((e.diag.schema_name, e.diag.table_name) == ("public", "things"),
              f"the error names its table: {e.diag.schema_name}.{e.diag.table_name}")
        check(e.diag.constraint_name == "things_name_key", f"and its constraint: {e.diag.constraint_name}")
    conn.rollback()
    try:
        cur.execute("INSERT INTO things (id, name) VALUES (DEFAULT, NULL)")
        check(False, "a NULL in a NOT NULL column is refused")
    except psycopg2.Error as e:
        check((e.pgcode, e.diag.table_name, e.diag.column_name) == ("23502", "things", "name"),
              f"a not-null violation names its column: {e.pgcode} {e.diag.table_name}.{e.diag.column_name}")
    conn.rollback()
    try:
        cur.execute("SELECT nosuch FROM things")
    except psycopg2.Error as e:
        check(e.pgcode == "42703" and e.diag.statement_position == "8", "an unknown column gives 42703 at its position")
    conn.rollback()
    # Several statements in one Query run in one implicit transaction: a
    # failure undoes the ones before it.
    conn.autocommit = True
    try:
        cur.execute("INSERT INTO things (name) VALUES ('gadget'); SELECT 1/0")
    except psycopg2.Error as e:
        check(e.pgcode == "22012", "division by zero gives 22012")
    cur.execute("SELECT count(*) FROM things")
    check(cur.fetchone() == (1,), "the failed multi-statement query left nothing behind")
    conn.close()


def test_extended_protocol(server):
    """psycopg 3 binds its parameters with the extended query protocol."""
    with psycopg.connect(host="127.0.0.1", port=server.port, user="tester", dbname="db", autocommit=True) as conn:
        conn.execute("CREATE TABLE p3 (id INT PRIMARY KEY, name TEXT, price NUMERIC(8,2), at TIMESTAMP, ok BOOLEAN)")
        when = datetime.datetime(2024, 5, 6, 7, 8, 9)
        conn.execute("INSERT INTO p3 VALUES (%s, %s, %s, %s, %s)", (1, "one", decimal.Decimal("1.50"), when, True))
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO p3 (id, name) VALUES (%s, %s)", [(2, "two"), (3, None)])
            check(cur.rowcount == 2 or cur.rowcount == 1, f"executemany inserts: rowcount {cur.rowcount}")
        rows = conn.execute("SELECT id, name, price, at, ok FROM p3 WHERE id = %s", (1,)).fetchall()
        check(rows == [(1, "one", decimal.Decimal("1.50"), when, True)], f"parameters and typed results: {rows}")
        rows = conn.execute("SELECT name FROM p3 WHERE id > %s ORDER BY id", (1,), prepare=True).fetchall()
        check(rows == [("two",), (None,)], f"a prepared statement runs: {rows}")
        rows = conn.execute("SELECT name FROM p3 WHERE id > %s ORDER BY id", (2,), prepare=True).fetchall()
        check(rows == [(None,)], f"and runs again with other parameters: {rows}")
        # Protocol-level statements and SQL PREPARE share one namespace.
        conn.execute("PREPARE by_id (INT) AS SELECT name FROM p3 WHERE id = $1")
        check(conn.execute("EXECUTE by_id(2)").fetchone() == ("two",), "EXECUTE runs a SQL-prepared statement")
        # After a DROP psycopg sends DEALLOCATE ALL and prepares its names again:
        # that must clear the protocol-level statements too.
        conn.execute("CREATE TABLE scratch (x INT)")
        conn.execute("DROP TABLE scratch")
        rows = conn.execute("SELECT name FROM p3 WHERE id > %s ORDER BY id", (1,), prepare=True).fetchall()
        check(rows == [("two",), (None,)], f"after DEALLOCATE ALL statements are prepared again: {rows}")
        try:
            conn.execute("EXECUTE by_id(2)")
            check(False, "DEALLOCATE ALL dropped the SQL-prepared statement too")
        except psycopg.errors.InvalidSqlStatementName:
            pass
        with conn.cursor(binary=True) as cur:
            cur.execute("SELECT id, name, ok, at, 2.5::float8, 7::int8 FROM p3 WHERE id = %s", (1,))
            row = cur.fetchone()
            check(row == (1, "one", True, when, 2.5, 7), f"binary results decode: {row}")
        try:
            conn.execute("INSERT INTO p3 (id) VALUES (%s)", (1,))
            check(False, "a duplicate key is refused over the extended protocol")
        except psycopg.errors.UniqueViolation as e:
            check(e.sqlstate == "23505", "duplicate key gives 23505")
        try:
            conn.execute("SELECT * FROM p3 WHERE id = %s", ("abc",))
            check(False, "a malformed integer parameter is refused")
        except psycopg.Error as e:
            check(e.sqlstate == "22P02", f"a malformed parameter gives 22P02, got {e.sqlstate}")
        check(conn.execute("SELECT count(*) FROM p3").fetchone() == (3,), "the connection works after errors")
        with conn.transaction():
            conn.execute("UPDATE p3 SET name = %s WHERE id = %s", ("uno", 1))
        check(conn.execute("SELECT name FROM p3 WHERE id = 1").fetchone() == ("uno",), "a transaction block commits")
        # Pipeline mode: statements before a failing one, up to the Sync, are undone with it.
        try:
            with conn.pipeline():
                conn.execute("INSERT INTO p3 (id, name) VALUES (%s, %s)", (40, "kept?"))
                conn.execute("INSERT INTO p3 (id, name) VALUES (%s, %s)", (1, "duplicate"))
            check(False, "a pipeline with a duplicate key fails")
        except psycopg.errors.UniqueViolation:
            pass
        check(conn.execute("SELECT count(*) FROM p3 WHERE id = 40").fetchone() == (0,),
              "a failed pipeline keeps nothing before its Sync")
        with conn.pipeline():
            conn.execute("INSERT INTO p3 (id, name) VALUES (%s, %s)", (41, "a"))
            conn.execute("INSERT INTO p3 (id, name) VALUES (%s, %s)", (42, "b"))
        check(conn.execute("SELECT count(*) FROM p3 WHERE id IN (41, 42)").fetchone() == (2,), "a pipeline commits")


def test_copy(server):
    """COPY both ways with psycopg 3 (text and binary) and psycopg2; a
    client's CopyFail and a client that vanishes mid-COPY lose nothing."""
    dsn = dict(host="127.0.0.1", port=server.port, user="tester", dbname="db")
    when = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456)
    row = (1, "one\ttab", decimal.Decimal("-1234.5600"), when, True, 2.5, b"\x00\xff", datetime.date(2024, 2, 29),
           9000000000, decimal.Decimal("0.0001"))
    types = ["int4", "text", "numeric", "timestamp", "bool", "float8", "bytea", "date", "int8", "numeric"]
    with psycopg.connect(autocommit=True, **dsn) as conn:
        conn.execute("CREATE TABLE cp (id INT PRIMARY KEY, name TEXT, amount NUMERIC(12,4), at TIMESTAMP, ok BOOLEAN, "
                     "f FLOAT8, raw BYTEA, d DATE, big BIGINT, small NUMERIC)")
        with conn.cursor() as cur:
            with cur.copy("COPY cp FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(types)
                copy.write_row(row)
                copy.write_row((2,) + (None,) * 9)
            with cur.copy("COPY cp (id, name) FROM STDIN") as copy:
                for i in range(3, 20003):
                    copy.write_row((i, f"row {i}"))
            check(conn.execute("SELECT count(*) FROM cp").fetchone() == (20002,), "COPY FROM in binary and text")
            check(conn.execute("SELECT * FROM cp WHERE id = 1").fetchone() == row, "binary COPY keeps every value")
            with cur.copy("COPY (SELECT * FROM cp WHERE id <= 2 ORDER BY id) TO STDOUT (FORMAT BINARY)") as copy:
                copy.set_types(types)
                out = list(copy.rows())
            check(out == [row, (2,) + (None,) * 9], f"binary COPY TO: {out}")
            with cur.copy("COPY cp (id, name) TO STDOUT WITH (FORMAT csv)") as copy:
                text = b"".join(bytes(chunk) for chunk in copy).decode()
            check(text.count("\n") == 20002 and '1,"one\ttab"' not in text and "1,one\ttab\n" in text,
                  "CSV COPY TO over the wire")
        # An exception inside the copy block makes psycopg send CopyFail.
        try:
            with conn.cursor() as cur:
                with cur.copy("COPY cp (id) FROM STDIN") as copy:
                    copy.write_row((50000,))
                    raise RuntimeError("client gives up")
        except (RuntimeError, psycopg.Error):
            pass
        check(conn.execute("SELECT count(*) FROM cp WHERE id = 50000").fetchone() == (0,), "CopyFail keeps nothing")
        try:
            with conn.cursor() as cur:
                with cur.copy("COPY cp (id) FROM STDIN") as copy:
                    copy.write(b"60000\nnot a number\n")
            check(False, "bad COPY data is refused")
        except psycopg.Error as e:
            check(e.sqlstate == "22P02", f"bad COPY data gives 22P02, got {e.sqlstate}")
        check(conn.execute("SELECT count(*) FROM cp WHERE id = 60000").fetchone() == (0,), "a failed COPY keeps nothing")
    pg2 = server.connect()
    cur = pg2.cursor()
    import io
    cur.copy_from(io.StringIO("70000\tfrom psycopg2\n70001\t\\N\n"), "cp", columns=("id", "name"))
    pg2.commit()
    buf = io.StringIO()
    cur.copy_expert("COPY (SELECT id, name FROM cp WHERE id >= 70000 ORDER BY id) TO STDOUT WITH CSV HEADER", buf)
    check(buf.getvalue() == "id,name\n70000,from psycopg2\n70001,\n", f"psycopg2 copy_from/copy_expert: {buf.getvalue()!r}")
    pg2.close()
    # A client that disconnects in the middle of COPY FROM: nothing of it is kept, the server goes on.
    sock = raw_session(server)
    sock.sendall(message(b"Q", b"COPY cp (id) FROM STDIN\0"))
    kinds = [k for k, _ in read_messages(sock, until=b"G")]
    check(kinds[-1:] == [b"G"], f"CopyInResponse: {kinds}")
    sock.sendall(message(b"d", b"80000\n80001\n"))
    sock.close()
    time.sleep(0.2)
    with psycopg.connect(autocommit=True, **dsn) as conn:
        check(conn.execute("SELECT count(*) FROM cp WHERE id >= 80000").fetchone() == (0,),
              "a COPY cut off by a disconnect keeps nothing")


def test_asyncpg(server):
    """asyncpg: every statement named and described before it runs (Parse,
    Describe, Flush), parameters and results binary, binary COPY, and a
    cached statement prepared again after ALTER TABLE changes its rows."""
    async def run():
        conn = await asyncpg.connect(host="127.0.0.1", port=server.port, user="tester", database="db")
        try:
            await conn.execute("CREATE TABLE ap (id INT PRIMARY KEY, name TEXT, price NUMERIC(8,2), at TIMESTAMP, "
                               "ok BOOLEAN, f FLOAT8, big BIGINT, code CHAR(3))")
            when = datetime.datetime(2024, 1, 2, 3, 4, 5, 600000)
            row = (1, "one", decimal.Decimal("-1.50"), when, True, 2.5, 9000000000, "ab ")
            await conn.execute("INSERT INTO ap VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", *row)
            await conn.executemany("INSERT INTO ap (id, name) VALUES ($1, $2)", [(2, "two"), (3, None)])
            got = await conn.fetchrow("SELECT * FROM ap WHERE id = $1", 1)
            check(tuple(got) == row, f"asyncpg binary round trip: {tuple(got)}")
            check(await conn.fetchval("SELECT count(*) FROM ap WHERE id > $1 AND name LIKE $2", 1, "t%") == 1,
                  "parameters typed by their context")
            check(await conn.fetchval("SELECT $1::int + $2", 40, 2) == 42, "a parameter typed by the other operand")
            stmt = await conn.prepare("SELECT name, price FROM ap WHERE id = $1")
            check([t.name for t in stmt.get_parameters()] == ["int4"], "Describe reports the inferred type")
            check([a.name for a in stmt.get_attributes()] == ["name", "price"], "Describe reports the columns")
            async with conn.transaction():
                await conn.execute("UPDATE ap SET price = $1 WHERE id = $2", decimal.Decimal("9.99"), 2)
            check(await conn.fetchval("SELECT price FROM ap WHERE id = 2") == decimal.Decimal("9.99"),
                  "a transaction commits")
            await conn.copy_records_to_table("ap", records=[(10, "ten"), (11, None)], columns=["id", "name"])
            check(await conn.fetchval("SELECT count(*) FROM ap") == 5, "copy_records_to_table (binary COPY)")
            query = "SELECT * FROM ap WHERE id = $1"
            check(len(await conn.fetchrow(query, 1)) == 8, "cached statement before ALTER TABLE")
            await conn.execute("ALTER TABLE ap ADD COLUMN extra INT")
            check(len(await conn.fetchrow(query, 1)) == 9, "the cached statement is prepared again after ALTER")
            try:
                await conn.fetchval("SELECT * FROM missing_table WHERE id = $1", 1)
                check(False, "describing a query of a missing table fails")
            except asyncpg.UndefinedTableError:
                pass
            try:
                await conn.execute("INSERT INTO ap (id) VALUES ($1)", 1)
                check(False, "duplicate key")
            except asyncpg.UniqueViolationError as e:
                check(e.constraint_name is None or isinstance(e.constraint_name, str), "23505 over asyncpg")
            check(await conn.fetchval("SELECT 1") == 1, "the connection works after errors")
            # executemany is one pipeline with one Sync: all or nothing.
            try:
                await conn.executemany("INSERT INTO ap (id, name) VALUES ($1, $2)", [(20, "a"), (21, "b"), (1, "dup")])
                check(False, "executemany with a duplicate key fails")
            except asyncpg.UniqueViolationError:
                pass
            check(await conn.fetchval("SELECT count(*) FROM ap WHERE id IN (20, 21)") == 0,
                  "a failed executemany keeps none of its rows")
            await conn.executemany("INSERT INTO ap (id, name) VALUES ($1, $2)", [(20, "a"), (21, "b")])
            check(await conn.fetchval("SELECT count(*) FROM ap WHERE id IN (20, 21)") == 2, "executemany commits at Sync")
            # A pool resets each connection it takes back (pg_advisory_unlock_all,
            # CLOSE ALL, UNLISTEN *, RESET ALL) before lending it again.
            pool = await asyncpg.create_pool(host="127.0.0.1", port=server.port, user="tester", database="db",
                                             min_size=1, max_size=1)
            for i in range(3):
                async with pool.acquire() as pooled:
                    check(await pooled.fetchval("SELECT $1::int + 1", i) == i + 1, f"pooled connection, round {i}")
            await pool.close()
        finally:
            await conn.close()
    asyncio.run(run())


def test_arrays(server):
    """Arrays as drivers send and read them: psycopg2 spells lists as ARRAY[...]
    and parses '{...}'; psycopg 3 binds lists with array OIDs, text and binary;
    asyncpg binds and reads them binary, after introspecting int4[]."""
    conn = server.connect()
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE docs (id INT PRIMARY KEY, tags TEXT[], scores INT[], grid INT[][])")
    cur.execute("INSERT INTO docs VALUES (%s, %s, %s, %s)", (1, ["db", "a b", None], [3, 1], [[1, 2], [3, 4]]))
    cur.execute("INSERT INTO docs VALUES (2, '{ai}', '{}', NULL)")
    cur.execute("SELECT tags, scores, grid FROM docs WHERE id = 1")
    check(cur.fetchone() == (["db", "a b", None], [3, 1], [[1, 2], [3, 4]]), "psycopg2 reads arrays as lists")
    cur.execute("SELECT id FROM docs WHERE %s = ANY(tags) ORDER BY id", ("ai",))
    check(cur.fetchall() == [(2,)], "psycopg2: = ANY over an array column")
    cur.execute("SELECT tags FROM docs WHERE id = 2")
    check(cur.description[0][1] == 1009, f"text[] has OID 1009: {cur.description[0][1]}")
    conn.close()
    for binary in (False, True):
        with psycopg.connect(host="127.0.0.1", port=server.port, user="tester", dbname="db", autocommit=True) as c3:
            got = c3.execute("SELECT id FROM docs WHERE id = ANY(%s) ORDER BY id", ([1, 2, 5],), binary=binary).fetchall()
            check(got == [(1,), (2,)], f"psycopg 3 (binary={binary}): = ANY with a list parameter: {got}")
            got = c3.execute("SELECT tags, scores FROM docs WHERE id = 1", binary=binary).fetchone()
            check(got == (["db", "a b", None], [3, 1]), f"psycopg 3 (binary={binary}) reads arrays: {got}")
            c3.execute("UPDATE docs SET scores = %s WHERE id = 2", ([7, None],), binary=binary)
            got = c3.execute("SELECT scores FROM docs WHERE id = 2").fetchone()
            check(got == ([7, None],), f"psycopg 3 (binary={binary}) writes a list: {got}")

    async def run():
        ac = await asyncpg.connect(host="127.0.0.1", port=server.port, user="tester", database="db")
        try:
            # int4[] asyncpg does not know by itself: it runs its type
            # introspection query (recursive, over pg_type, pg_range and
            # pg_attribute, with oid[] and ::regtype) first.
            check(await ac.fetchval("SELECT grid FROM docs WHERE id = 1") == [[1, 2], [3, 4]],
                  "asyncpg reads a two-dimensional int4[]")
            rows = await ac.fetch("SELECT id FROM docs WHERE id = ANY($1) ORDER BY id", [2, 9])
            check([r["id"] for r in rows] == [2], "asyncpg: = ANY($1) binds an int4[]")
            rows = await ac.fetch("SELECT id FROM docs WHERE tags && $1 ORDER BY id", ["ai", "db"])
            check([r["id"] for r in rows] == [1, 2], "asyncpg: && with a text[] parameter")
            await ac.execute("INSERT INTO docs (id, tags) VALUES ($1, $2)", 3, ["x", None, "{y}"])
            check(await ac.fetchval("SELECT tags FROM docs WHERE id = 3") == ["x", None, "{y}"],
                  "asyncpg binary array round trip")
            check(await ac.fetchval("SELECT array_agg(id::text ORDER BY id) FROM docs") == ["1", "2", "3"],
                  "array_agg over asyncpg")
        finally:
            await ac.close()
    asyncio.run(run())


def test_uuid(server):
    """uuid over the wire: psycopg 3 and asyncpg bind and read uuid.UUID (asyncpg in binary)."""
    import uuid
    key = uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
    with psycopg.connect(host="127.0.0.1", port=server.port, user="tester", dbname="db", autocommit=True) as c3:
        c3.execute("CREATE TABLE ids (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), n INT)")
        c3.execute("INSERT INTO ids VALUES (%s, 1)", (key,))
        for binary in (False, True):
            got = c3.execute("SELECT id FROM ids WHERE id = %s", (key,), binary=binary).fetchone()
            check(got == (key,), f"psycopg 3 (binary={binary}) uuid round trip: {got}")

    async def run():
        ac = await asyncpg.connect(host="127.0.0.1", port=server.port, user="tester", database="db")
        try:
            new = await ac.fetchval("INSERT INTO ids (n) VALUES ($1) RETURNING id", 2)
            check(isinstance(new, uuid.UUID) and new.version == 4, f"gen_random_uuid() over asyncpg: {new!r}")
            check(await ac.fetchval("SELECT n FROM ids WHERE id = $1", new) == 2, "asyncpg binds a uuid")
        finally:
            await ac.close()
    asyncio.run(run())


def test_rows(server):
    """Row constructors and records over the wire: keyset pagination with
    bound parameters, records read as text by psycopg2 and in binary
    (record_send) by asyncpg and psycopg 3."""
    conn = server.connect()
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE pages (created DATE NOT NULL, id INT NOT NULL, title TEXT, PRIMARY KEY (created, id))")
    cur.execute("INSERT INTO pages SELECT DATE '2024-01-01' + (i % 3), i, 't' || i FROM generate_series(1, 9) i")
    cur.execute("SELECT id FROM pages WHERE (created, id) > (%s, %s) ORDER BY created, id LIMIT 3",
                ("2024-01-02", 4))
    check(cur.fetchall() == [(7,), (2,), (5,)], "psycopg2: keyset pagination with a row comparison")
    cur.execute("SELECT p FROM pages p WHERE id = 1")
    check(cur.fetchone() == ("(2024-01-02,1,t1)",), "psycopg2 reads a whole-row reference as record text")
    conn.close()
    with psycopg.connect(host="127.0.0.1", port=server.port, user="tester", dbname="db", autocommit=True) as c3:
        got = c3.execute("SELECT ROW(1, 'a b', NULL::int)", binary=True).fetchone()
        check(got == ((1, "a b", None),), f"psycopg 3 reads a binary record as a tuple: {got}")

    async def run():
        ac = await asyncpg.connect(host="127.0.0.1", port=server.port, user="tester", database="db")
        try:
            rows = await ac.fetch("SELECT id FROM pages WHERE (created, id) < ($1, $2) ORDER BY created DESC, id DESC",
                                  datetime.date(2024, 1, 2), 4)
            check([r["id"] for r in rows] == [1, 9, 6, 3], f"asyncpg: row comparison with parameters: {rows}")
            got = await ac.fetchval("SELECT p FROM pages p WHERE id = 2")
            check(tuple(got) == (datetime.date(2024, 1, 3), 2, "t2"), f"asyncpg reads a binary record: {got!r}")
            got = await ac.fetchval("SELECT (1, ROW(2.5::numeric, true), 'x'::text)")
            check(tuple(got)[0] == 1 and tuple(tuple(got)[1]) == (decimal.Decimal("2.5"), True)
                  and tuple(got)[2] == "x", f"asyncpg reads a nested record: {got!r}")
            got = await ac.fetchval("SELECT json_agg(p ORDER BY id) FROM pages p WHERE id < 3")
            check(json.loads(got) == [{"created": "2024-01-02", "id": 1, "title": "t1"},
                                      {"created": "2024-01-03", "id": 2, "title": "t2"}],
                  f"json_agg of whole rows: {got}")
        finally:
            await ac.close()
    asyncio.run(run())


def test_enums(server):
    """An enum column over the wire: RowDescription carries the enum's own OID;
    psycopg 3 reads labels as text, finds the type with EnumInfo (pg_type,
    pg_enum, ::regtype) and then binds and reads Python enums, text and binary;
    asyncpg introspects the type (typtype 'e') and binds and reads labels."""
    from psycopg.types.enum import EnumInfo, register_enum
    with psycopg.connect(host="127.0.0.1", port=server.port, user="tester", dbname="db", autocommit=True) as c3:
        c3.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')")
        c3.execute("CREATE TABLE feelings (id INT PRIMARY KEY, m mood, ms mood[])")
        c3.execute("INSERT INTO feelings VALUES (%s, %s, %s), (2, 'sad', '{ok,sad}')", (1, "happy", None))
        oid = c3.execute("SELECT 'mood'::regtype::oid").fetchone()[0]
        cur = c3.execute("SELECT m FROM feelings WHERE m > %s ORDER BY m", ("sad",))
        check(cur.description[0].type_code == oid, f"an enum column has its type's OID: {cur.description[0]}")
        check(cur.fetchall() == [("happy",)], "psycopg 3 reads an enum label as text")
        info = EnumInfo.fetch(c3, "mood")
        check(info is not None and info.labels == ["sad", "ok", "happy"], f"EnumInfo finds the labels: {info}")
        register_enum(info, c3)
        for binary in (False, True):
            got = c3.execute("SELECT m, ms FROM feelings WHERE m = %s", (info.enum.happy,), binary=binary).fetchone()
            check(got == (info.enum.happy, None), f"psycopg 3 (binary={binary}) enum round trip: {got}")
            got = c3.execute("SELECT ms FROM feelings WHERE id = 2", binary=binary).fetchone()
            check(got == ([info.enum.ok, info.enum.sad],), f"psycopg 3 (binary={binary}) reads an enum array: {got}")

    async def run():
        ac = await asyncpg.connect(host="127.0.0.1", port=server.port, user="tester", database="db")
        try:
            await ac.execute("INSERT INTO feelings (id, m) VALUES ($1, $2)", 3, "ok")
            rows = await ac.fetch("SELECT id, m FROM feelings WHERE m >= $1 ORDER BY m, id", "ok")
            check([(r["id"], r["m"]) for r in rows] == [(3, "ok"), (1, "happy")], f"asyncpg enum round trip: {rows}")
            await ac.execute("INSERT INTO feelings (id, ms) VALUES ($1, $2)", 4, ["happy", "ok"])
            check(await ac.fetchval("SELECT ms FROM feelings WHERE id = $1", 4) == ["happy", "ok"],
                  "asyncpg binds and reads an enum array (binary)")
            rows = await ac.fetch("SELECT id FROM feelings WHERE m = ANY($1) ORDER BY id", ["sad", "happy"])
            check([r["id"] for r in rows] == [1, 2], f"asyncpg: = ANY($1) of an enum array: {rows}")
        finally:
            await ac.close()
    asyncio.run(run())


def test_domains(server):
    """A domain column over the wire: RowDescription carries the base type's
    OID, as PostgreSQL sends it, so drivers decode its values as the base
    type's; a value the domain refuses fails with 23514 or 23502."""
    with psycopg.connect(host="127.0.0.1", port=server.port, user="tester", dbname="db", autocommit=True) as c3:
        c3.execute("CREATE DOMAIN qty AS int CHECK (VALUE > 0)")
        c3.execute("CREATE DOMAIN label AS varchar(10) NOT NULL")
        c3.execute("CREATE TABLE stock (id INT PRIMARY KEY, q qty, l label)")
        c3.execute("INSERT INTO stock VALUES (%s, %s, %s)", (1, 5, "box"))
        for binary in (False, True):
            cur = c3.execute("SELECT q, l FROM stock", binary=binary)
            check([d.type_code for d in cur.description] == [23, 1043],
                  f"domain columns carry their base types' OIDs: {cur.description}")
            check(cur.fetchall() == [(5, "box")], f"psycopg 3 (binary={binary}) reads domain values")
        for values, state in (((2, 0, "x"), "23514"), ((2, 1, None), "23502")):
            try:
                c3.execute("INSERT INTO stock VALUES (%s, %s, %s)", values)
                check(False, f"the domain refuses {values}")
            except psycopg.Error as e:
                check(e.sqlstate == state, f"a domain violation is {state}: {e.sqlstate}")


def test_listen_notify(server):
    """LISTEN/NOTIFY as psycopg2 users wait for it: an idle listener is told
    at once; NOTIFY in a transaction goes at commit, once per distinct
    payload, and never if it rolls back."""
    import select
    listener = server.connect()
    listener.autocommit = True
    listener.cursor().execute("LISTEN jobs")
    sender = server.connect()
    sender.autocommit = True
    scur = sender.cursor()
    scur.execute("SELECT pg_backend_pid()")
    sender_pid = scur.fetchone()[0]

    def received(wait=3.0):
        if select.select([listener], [], [], wait) != ([], [], []):
            listener.poll()
        out = [(n.pid, n.channel, n.payload) for n in listener.notifies]
        listener.notifies.clear()
        return out

    scur.execute("NOTIFY jobs, 'one'")
    check(received() == [(sender_pid, "jobs", "one")], "an idle listener gets a NOTIFY at once")
    sender.autocommit = False
    scur.execute("NOTIFY jobs, 'two'")
    check(received(0.3) == [], "nothing before the sender commits")
    sender.rollback()
    check(received(0.3) == [], "nothing from a rolled-back transaction")
    scur.execute("SELECT pg_notify('jobs', 'three')")
    scur.execute("NOTIFY jobs, 'three'")
    scur.execute("NOTIFY other, 'not listened to'")
    sender.commit()
    check(received() == [(sender_pid, "jobs", "three")], "at commit, once per distinct payload")
    sender.autocommit = True
    try:
        scur.execute("SELECT pg_notify('jobs', %s)", ("x" * 8000,))
        check(False, "a payload of 8000 bytes is refused")
    except psycopg2.Error as e:
        check(e.pgcode == "22023", f"payload too long gives 22023, got {e.pgcode}")
    lcur = listener.cursor()
    lcur.execute("NOTIFY jobs, 'self'")
    check([(c, p) for _, c, p in received(0.1)] == [("jobs", "self")], "a session hears its own NOTIFY")
    lcur.execute("UNLISTEN *")
    scur.execute("NOTIFY jobs, 'after unlisten'")
    check(received(0.3) == [], "UNLISTEN * stops delivery")
    listener.close()
    scur.execute("NOTIFY jobs, 'nobody listens'")
    check(scur.statusmessage == "NOTIFY", "NOTIFY with a closed listener still works")
    sender.close()


def test_cancel_and_timeout(server):
    """A long statement stops on a CancelRequest or its statement_timeout;
    the session and everyone else go on."""
    conn = server.connect()
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE big (n INT)")
    cur.execute("INSERT INTO big VALUES " + ", ".join(f"({i})" for i in range(3000)))
    slow = "SELECT count(*) FROM big a, big b, big c WHERE a.n + b.n + c.n < 0"
    other = server.connect()
    ocur = other.cursor()
    served = []

    def serve_other_then_cancel():
        # While the slow statement runs, another session is served.
        ocur.execute("SELECT n FROM big WHERE n = 7")
        served.append(ocur.fetchone())
        conn.cancel()

    timer = threading.Timer(0.3, serve_other_then_cancel)
    timer.start()
    started = time.monotonic()
    try:
        cur.execute(slow)
        check(False, "a cancelled statement fails")
    except psycopg2.errors.QueryCanceled as e:
        check("user request" in str(e), f"cancel gives 57014 for the user request: {e}")
    timer.join()
    check(time.monotonic() - started < 20, "the cancel stopped the statement promptly")
    check(served == [(7,)], "another session is served while a long statement runs")
    cur.execute("SET statement_timeout = '200ms'")
    try:
        cur.execute(slow)
        check(False, "a statement past its timeout fails")
    except psycopg2.errors.QueryCanceled as e:
        check("statement timeout" in str(e), f"statement_timeout gives 57014: {e}")
    cur.execute("SELECT count(*) FROM big WHERE n < 5")
    check(cur.fetchone() == (5,), "the session goes on after a cancel and a timeout")
    conn.close()
    other.close()

    # idle_in_transaction_session_timeout ends a connection that holds a
    # transaction open and says nothing; an idle one outside a transaction stays.
    idle = server.connect(options="-c idle_in_transaction_session_timeout=300ms")
    idle.autocommit = True
    cur = idle.cursor()
    cur.execute("SHOW idle_in_transaction_session_timeout")
    check(cur.fetchone() == ("300ms",), "the timeout comes from the startup options")
    time.sleep(0.5)
    cur.execute("SELECT 1")
    check(cur.fetchone() == (1,), "a connection idle outside a transaction is kept")
    cur.execute("BEGIN")
    cur.execute("SELECT 1")
    time.sleep(0.8)
    try:
        cur.execute("SELECT 2")
        check(False, "the idle transaction's connection is gone")
    except psycopg2.OperationalError as e:
        # libpq reports it as PostgreSQL's own server does: the FATAL came while it was not reading.
        check("idle-in-transaction timeout" in str(e) or "closed the connection" in str(e),
              f"the timeout ends the idle transaction's connection: {e}")
    # On the wire: FATAL 25P03 and the connection closes.
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(startup_packet({"user": "raw", "database": "db",
                                 "options": "-c idle_in_transaction_session_timeout=200ms"}))
    read_messages(sock)
    sock.sendall(message(b"Q", b"BEGIN\0"))
    read_messages(sock)
    replies = read_messages(sock, until=b"never")
    fatal = [body for kind, body in replies if kind == b"E"]
    check(fatal and b"C25P03" in fatal[0] and b"idle-in-transaction timeout" in fatal[0],
          f"the server sends FATAL 25P03 before closing: {replies}")
    sock.close()


def test_backend_activity(server):
    admin = server.connect(application_name="watcher")
    admin.autocommit = True
    cur = admin.cursor()
    other = server.connect()
    other_cur = other.cursor()
    other_cur.execute("SELECT pg_backend_pid()")
    other_pid = other_cur.fetchone()[0]
    other_cur.execute("SELECT 1")  # other now idle in transaction
    cur.execute("SELECT pid, usename, application_name, state, query, backend_type, client_addr, "
                "backend_start <= now(), xact_start IS NOT NULL FROM pg_stat_activity ORDER BY pid")
    rows = {r[0]: r[1:] for r in cur.fetchall()}
    cur.execute("SELECT pg_backend_pid()")
    me = cur.fetchone()[0]
    check(rows.get(other_pid) == ("tester", "", "idle in transaction", "SELECT 1", "client backend", "127.0.0.1",
                                  True, True), f"pg_stat_activity shows the other session: {rows.get(other_pid)}")
    check(rows.get(me, ())[:3] == ("tester", "watcher", "active"), f"and this one, running: {rows.get(me)}")
    cur.execute("SELECT pg_cancel_backend(999999), pg_terminate_backend(999999)")
    check(cur.fetchone() == (False, False), "an unknown pid is not signalled")
    check(cur.execute("SELECT pg_terminate_backend(%s)", (other_pid,)) is None and cur.fetchone() == (True,),
          "pg_terminate_backend says it signalled")
    time.sleep(0.2)
    try:
        other_cur.execute("SELECT 2")
        check(False, "a terminated session is gone")
    except psycopg2.OperationalError as e:
        check("administrator command" in str(e) or "closed the connection" in str(e), f"terminated: {e}")
    cur.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (other_pid,))
    check(cur.fetchone() == (0,), "and leaves pg_stat_activity")

    # A plain role may signal only its own role's backends.
    cur.execute("CREATE ROLE plain LOGIN")
    plain = psycopg2.connect(host="127.0.0.1", port=server.port, user="plain", dbname="db")
    plain.autocommit = True
    try:
        plain.cursor().execute("SELECT pg_terminate_backend(%s)", (me,))
        check(False, "a plain role cannot terminate a superuser's backend")
    except psycopg2.errors.InsufficientPrivilege as e:
        check("permission denied to terminate process" in str(e), f"42501: {e}")
    plain.close()

    # On the wire: an idle session gets FATAL 57P01 at once.
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(startup_packet({"user": "raw", "database": "db"}))
    replies = read_messages(sock)
    pid = [struct.unpack("!I", body[:4])[0] for kind, body in replies if kind == b"K"][0]
    cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
    replies = read_messages(sock, until=b"never")
    check(any(kind == b"E" and b"C57P01" in body for kind, body in replies),
          f"an idle terminated backend gets FATAL 57P01: {replies}")
    sock.close()
    admin.close()


def test_bad_input(server):
    # SSLRequest is answered 'N' and the startup goes on in the clear.
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(struct.pack("!II", 8, 80877103))
    check(sock.recv(1) == b"N", "SSLRequest is answered N")
    sock.sendall(startup_packet({"user": "raw"}))
    msgs = read_messages(sock)
    check(msgs and msgs[0] == (b"R", struct.pack("!I", 0)) and msgs[-1] == (b"Z", b"I"),
          "startup ends in AuthenticationOk ... ReadyForQuery(I)")
    check(any(k == b"S" and v.startswith(b"server_version\x0015") for k, v in msgs), "server_version is reported")
    check(any(k == b"K" for k, _ in msgs), "BackendKeyData is sent")
    # An empty query string gets EmptyQueryResponse.
    sock.sendall(message(b"Q", b"\0"))
    check([k for k, _ in read_messages(sock)] == [b"I", b"Z"], "an empty query gets EmptyQueryResponse")
    # Extended protocol: Parse, Bind, Describe, Execute with a row limit.
    sock.sendall(message(b"P", b"s1\0SELECT 1 UNION ALL SELECT 2\0\0\0") + message(b"B", b"\0s1\0\0\0\0\0\0\0") +
                 message(b"D", b"P\0") + message(b"E", b"\0" + struct.pack("!I", 1)) +
                 message(b"E", b"\0" + struct.pack("!I", 0)) + message(b"S", b""))
    kinds = [k for k, _ in read_messages(sock)]
    check(kinds == [b"1", b"2", b"T", b"D", b"s", b"D", b"C", b"Z"], f"a portal is fetched in pieces: {kinds}")
    # An error skips everything up to Sync, then the connection goes on.
    sock.sendall(message(b"P", b"\0SELEC 1\0\0\0") + message(b"B", b"\0\0\0\0\0\0\0\0") +
                 message(b"E", b"\0\0\0\0\0") + message(b"S", b""))
    msgs = read_messages(sock)
    check([k for k, _ in msgs] == [b"E", b"Z"] and error_code(msgs[0][1]) == "42601",
          f"an error in Parse skips to Sync: {msgs}")
    sock.sendall(message(b"P", b"\0SELECT 1/0\0\0\0") + message(b"B", b"\0\0\0\0\0\0\0\0") +
                 message(b"E", b"\0\0\0\0\0") + message(b"E", b"\0\0\0\0\0") + message(b"S", b""))
    msgs = read_messages(sock)
    check([k for k, _ in msgs] == [b"1", b"2", b"E", b"Z"] and error_code(msgs[2][1]) == "22012",
          f"an error in Execute skips to Sync: {msgs}")
    sock.sendall(message(b"B", b"\0nosuch\0\0\0\0\0\0\0") + message(b"S", b""))
    msgs = read_messages(sock)
    check(msgs and error_code(msgs[0][1]) == "26000", f"Bind of an unknown statement gives 26000: {msgs}")
    sock.sendall(message(b"B", b"\0s1\0\0\0\0\1\0\0\0\0\0\0") + message(b"S", b""))
    msgs = read_messages(sock)
    check(msgs and error_code(msgs[0][1]) == "08P01", f"Bind with the wrong parameter count gives 08P01: {msgs}")
    sock.sendall(message(b"Q", b"SELECT 2\0"))
    check([k for k, _ in read_messages(sock)] == [b"T", b"D", b"C", b"Z"], "the connection works after Sync")
    sock.close()

    cases = {
        "a startup packet of 1 GiB": (None, struct.pack("!I", 1 << 30) + b"\0" * 8, "08P01"),
        "protocol 2.0": (None, startup_packet({"user": "raw"}, protocol=2 << 16), "0A000"),
        "no user name": (None, startup_packet({"database": "db"}), "28000"),
        "a message of 1 GiB": ("raw", b"Q" + struct.pack("!I", 1 << 30), "08P01"),
        "an unknown message type": ("raw", message(b"?", b""), "08P01"),
        "a query without its terminator": ("raw", message(b"Q", b"SELECT 1"), "08P01"),
    }
    for what, (after_startup, payload, code) in cases.items():
        sock = raw_session(server) if after_startup else socket.create_connection(("127.0.0.1", server.port), timeout=10)
        sock.sendall(payload)
        msgs = read_messages(sock, until=b"E")
        check(msgs and msgs[-1][0] == b"E" and error_code(msgs[-1][1]) == code, f"{what} gives {code}: {msgs}")
        check(closed(sock), f"the server closes the connection after {what}")
        sock.close()
    # Clients that vanish mid-message or mid-startup.
    sock = raw_session(server)
    sock.sendall(b"Q" + struct.pack("!I", 100) + b"SELECT")
    sock.close()
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.sendall(struct.pack("!I", 40) + b"\0\3")
    sock.close()
    # Everyone else is unaffected.
    conn = server.connect()
    cur = conn.cursor()
    cur.execute("SELECT name FROM things")
    check(cur.fetchall() == [("widget",)], "after bad clients the data and the server are intact")
    conn.close()


def test_connection_limit():
    server = Server("--memory", "--max-connections", "2")
    try:
        a, b = server.connect(), server.connect()
        try:
            server.connect()
            check(False, "a third connection past max_connections is refused")
        except psycopg2.OperationalError as e:
            check("too many clients" in str(e), f"past max_connections: {e}")
        a.close()
        time.sleep(0.2)
        c = server.connect()
        c.cursor().execute("SELECT 1")
        check(True, "a freed slot can be used")
        b.close()
        c.close()
    finally:
        check(server.stop() == 0, "the server exits cleanly on SIGTERM")


def test_unix_socket():
    with tempfile.TemporaryDirectory() as sockets:
        port = free_port()
        # A socket file left by a server that died is replaced.
        stale = os.path.join(sockets, f".s.PGSQL.{port}")
        with socket.socket(socket.AF_UNIX) as s:
            s.bind(stale)
        proc = subprocess.Popen([BIN, "--log-level", "warn", "server", "--memory", "--port", str(port),
                                 "--unix-socket-dir", sockets])
        try:
            for _ in range(200):
                try:
                    conn = psycopg2.connect(host=sockets, port=port, user="postgres", dbname="db")
                    break
                except psycopg2.OperationalError:
                    time.sleep(0.05)
            cur = conn.cursor()
            cur.execute("SELECT current_user")
            check(cur.fetchone() == ("postgres",), "a client connects over the Unix-domain socket")
            conn.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            check(proc.wait(timeout=30) == 0, "the server exits cleanly")
        check(not os.path.exists(stale), "the socket file is removed on shutdown")


def test_shutdown_drains():
    """SIGTERM: new connections are refused, a running statement gets the
    grace period, then is cancelled; the server exits cleanly."""
    server = Server("--memory", "--shutdown-grace", "1")
    conn = server.connect()
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE big (n INT)")
    cur.execute("INSERT INTO big VALUES " + ", ".join(f"({i})" for i in range(3000)))
    outcome = []

    def slow():
        try:
            cur.execute("SELECT count(*) FROM big a, big b, big c WHERE a.n + b.n + c.n < 0")
            outcome.append("finished")
        except psycopg2.Error as e:
            outcome.append(e.pgcode or "closed")

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.3)
    started = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    try:
        server.connect().close()
        check(False, "no new connection once shutdown began")
    except psycopg2.OperationalError:
        pass
    check(server.proc.wait(timeout=30) == 0, "the server exits cleanly after draining")
    elapsed = time.monotonic() - started
    check(0.9 < elapsed < 10, f"the running statement had its grace period, then was stopped: {elapsed:.1f}s")
    worker.join(timeout=30)
    check(outcome and outcome[0] in ("57014", "closed"), f"the running statement was cancelled: {outcome}")


def test_long_statements_share_the_threads():
    """One worker thread (one lane): while two sessions run long statements
    on it, a third session's point selects are still served, by a spare, and
    then the spares end; a statement that ends meanwhile leaves no trace."""
    server = Server("--memory", "--worker-threads", "1")
    try:
        setup = server.connect()
        setup.autocommit = True
        cur = setup.cursor()
        cur.execute("CREATE TABLE big (n INT PRIMARY KEY)")
        cur.execute("INSERT INTO big SELECT g FROM generate_series(1, 3000) g")
        slow = "SELECT count(*) FROM big a, big b, big c WHERE a.n + b.n + c.n < 0"
        # The timeout only bounds the test if spares never came.
        long_sessions = [server.connect(options="-c statement_timeout=20s") for _ in range(2)]
        outcomes = []

        def run_slow(conn):
            try:
                conn.cursor().execute(slow)
                outcomes.append("finished")
            except psycopg2.Error as e:
                outcomes.append(e.pgcode)

        runners = [threading.Thread(target=run_slow, args=(c,)) for c in long_sessions]
        for r in runners:
            r.start()
        time.sleep(0.3)
        other = server.connect()
        other.autocommit = True
        ocur = other.cursor()
        started = time.monotonic()
        for i in range(1, 51):
            ocur.execute("SELECT n FROM big WHERE n = %s", (i,))
            check(ocur.fetchone() == (i,), "the point select's row")
        # Liveness, not speed: the long statements run for many seconds.
        check(time.monotonic() - started < 5, "point selects are served while two long statements hold the thread")
        check(not outcomes, f"the long statements were still running: {outcomes}")
        for c in long_sessions:
            c.cancel()
        for r in runners:
            r.join(timeout=30)
        check(outcomes == ["57014", "57014"], f"both long statements were cancelled: {outcomes}")
        for i in range(20):
            cur.execute("SELECT count(*) FROM big WHERE n <= %s", (i,))
            check(cur.fetchone() == (i,), "short statements go on after the spares")
        for c in long_sessions + [other, setup]:
            c.close()
    finally:
        check(server.stop() == 0, "the one-thread server exits cleanly")


def test_config_file():
    """--config: session defaults from the file; SIGHUP reloads it, keeps
    what needs a restart, and ignores a file that no longer parses."""
    with tempfile.TemporaryDirectory() as d:
        conf = os.path.join(d, "heliosdb.conf")
        with open(conf, "w") as f:
            f.write("statement_timeout = '2s'\nmax_connections = 50\n")
        server = Server("--memory", "--config", conf)
        try:
            def timeout():
                conn = server.connect()
                try:
                    cur = conn.cursor()
                    cur.execute("SHOW statement_timeout")
                    return cur.fetchone()[0]
                finally:
                    conn.close()
            check(timeout() == "2s", "a session default from the config file")
            with open(conf, "w") as f:
                f.write("statement_timeout = '3s'\nmax_connections = 60\n")
            server.proc.send_signal(signal.SIGHUP)
            time.sleep(0.3)
            check(timeout() == "3s", "SIGHUP reloads session defaults")
            with open(conf, "w") as f:
                f.write("statement_timeout = '4s'\nno_such_parameter = 1\n")
            server.proc.send_signal(signal.SIGHUP)
            time.sleep(0.3)
            check(timeout() == "3s", "a reload of a bad file changes nothing")
        finally:
            check(server.stop() == 0, "the server with a config file exits cleanly")
        bad = subprocess.run([BIN, "server", "--memory", "--config", conf], capture_output=True, text=True, timeout=30)
        check(bad.returncode == 2 and "no_such_parameter" in bad.stderr, f"a bad config file stops the start: {bad.stderr}")
        # The shipped file with every setting uncommented is a valid file of the defaults.
        shipped = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "conf", "heliosdb.conf")
        with open(shipped) as f, open(conf, "w") as out:
            for line in f:
                out.write(line[1:] if re.match(r"#[A-Za-z_]+ = ", line) else line)
        server = Server("--memory", "--config", conf)
        check(server.stop() == 0, "conf/heliosdb.conf with every default set starts the server")


def test_persistence():
    with tempfile.TemporaryDirectory() as data:
        server = Server("--data", data)
        conn = server.connect()
        conn.autocommit = True
        conn.cursor().execute("CREATE TABLE kept (id INT PRIMARY KEY, v TEXT); INSERT INTO kept VALUES (1, 'one')")
        open_txn = server.connect()
        open_txn.cursor().execute("INSERT INTO kept VALUES (2, 'uncommitted')")
        check(server.stop() == 0, "SIGTERM with clients connected exits cleanly")
        server = Server("--data", data)
        conn = server.connect()
        cur = conn.cursor()
        cur.execute("SELECT id, v FROM kept ORDER BY id")
        check(cur.fetchall() == [(1, "one")], "committed rows survive a restart; uncommitted ones do not")
        conn.close()
        check(server.stop() == 0, "the restarted server exits cleanly")


def main():
    server = Server("--memory")
    try:
        test_driver_round_trip(server)
        test_extended_protocol(server)
        test_copy(server)
        test_asyncpg(server)
        test_arrays(server)
        test_uuid(server)
        test_rows(server)
        test_enums(server)
        test_domains(server)
        test_listen_notify(server)
        test_cancel_and_timeout(server)
        test_backend_activity(server)
        test_bad_input(server)
    finally:
        check(server.stop() == 0, "the server exits cleanly on SIGTERM")
    test_connection_limit()
    test_unix_socket()
    test_shutdown_drains()
    test_long_statements_share_the_threads()
    test_persistence()
    test_config_file()
    print(f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
