#!/usr/bin/python3
"""Roles, client authentication and TLS against `heliosdb-lite server`, with real
clients doing the exchanges (libpq through psycopg2 and psql, asyncpg's own
SCRAM): trust, password, md5 and scram-sha-256, wrong passwords, unknown
roles, NOLOGIN, hba files, the bootstrap superuser's password, and psql's
\\password path (a verifier made by libpq).

    auth_test.py PATH/TO/heliosdb-lite
"""
import asyncio
import os
import select
import socket
import struct
import subprocess
import sys
import tempfile
import time

import asyncpg
import psycopg2
import psycopg2.extensions

from harness import BIN, Server, check, error_of, failures, run  # noqa: F401


def connect(server, user, password=None, host="127.0.0.1"):
    return psycopg2.connect(host=host, port=server.port, user=user, password=password, dbname="db")


def login_error(server, user, password=None, host="127.0.0.1"):
    """(SQLSTATE-ish first line of the server's FATAL) or None if the login worked."""
    try:
        connect(server, user, password, host).close()
        return None
    except psycopg2.OperationalError as e:
        text = str(e)
        for line in text.splitlines():
            if "FATAL:" in line:
                return line[line.index("FATAL:") + 6:].strip()
        return text.strip()


def test_roles_and_trust():
    server = Server("--memory")
    try:
        su = connect(server, "postgres")
        su.autocommit = True
        check(run(su, "CREATE ROLE alice LOGIN PASSWORD 'secret'") == "CREATE ROLE", "CREATE ROLE")
        check(run(su, "CREATE USER bob WITH PASSWORD 'pw' CREATEDB CONNECTION LIMIT 5") == "CREATE ROLE",
              "CREATE USER says CREATE ROLE")
        check(run(su, "CREATE ROLE readers") == "CREATE ROLE", "a role without LOGIN")
        rows = run(su, "SELECT rolname, rolsuper, rolcanlogin, rolcreatedb, rolconnlimit, rolpassword "
                       "FROM pg_roles WHERE rolname IN ('alice', 'bob', 'readers') ORDER BY 1")
        check(rows == [("alice", False, True, False, -1, "********"), ("bob", False, True, True, 5, "********"),
                       ("readers", False, False, False, -1, "********")], f"pg_roles: {rows}")
        secret = run(su, "SELECT rolpassword FROM pg_authid WHERE rolname = 'alice'")[0][0]
        check(secret.startswith("SCRAM-SHA-256$4096:"), f"the password is stored as a SCRAM secret: {secret}")
        check(run(su, "SELECT usename FROM pg_user ORDER BY 1") == [("alice",), ("bob",), ("postgres",)] or
              run(su, "SELECT count(*) FROM pg_user WHERE usename IN ('alice', 'bob', 'postgres')") == [(3,)],
              "pg_user lists the roles that can log in")
        check(run(su, "SELECT rolsuper FROM pg_roles WHERE oid = 10") == [(True,)], "postgres is OID 10")
        check(error_of(su, "CREATE ROLE alice") == ("42710", 'ERROR:  role "alice" already exists'),
              "a taken role name is 42710")
        check(error_of(su, "CREATE ROLE pg_mine") == ("42939", 'ERROR:  role name "pg_mine" is reserved'),
              "pg_ names are reserved")
        check(error_of(su, "DROP ROLE nobody") == ("42704", 'ERROR:  role "nobody" does not exist'),
              "dropping a missing role is 42704")
        check(run(su, "DROP ROLE IF EXISTS nobody") == "DROP ROLE", "DROP ROLE IF EXISTS")
        check(error_of(su, "CREATE ROLE x SUPERUSER NOSUPERUSER")[0] == "42601", "conflicting options are 42601")

        # Over trust (loopback by default) the role must exist and may log in.
        check(login_error(server, "nobody") == 'role "nobody" does not exist', "trust still needs the role")
        check(login_error(server, "readers") == 'role "readers" is not permitted to log in', "NOLOGIN refused")
        alice = connect(server, "alice")
        check(run(alice, "SELECT current_user") == [("alice",)], "alice logs in over trust")
        check(error_of(alice, "CREATE ROLE eve") == ("42501", "ERROR:  permission denied to create role"),
              "a plain role cannot create roles")
        check(error_of(alice, "SELECT * FROM pg_authid")[0] == "42501", "nor read pg_authid")
        check(run(alice, "ALTER ROLE alice PASSWORD 'changed'") == "ALTER ROLE", "but may change its own password")
        alice.commit()
        check(error_of(alice, "ALTER ROLE bob PASSWORD 'x'")[0] == "42501", "and nobody else's")
        alice.close()
        check(run(su, "ALTER ROLE readers RENAME TO reader") == "ALTER ROLE", "ALTER ROLE RENAME")
        check(run(su, "ALTER USER reader LOGIN VALID UNTIL 'infinity'") == "ALTER ROLE", "ALTER USER ... LOGIN")
        check(login_error(server, "reader") is None, "a role given LOGIN logs in")
        check(error_of(su, "DROP ROLE postgres") == ("55006", "ERROR:  current user cannot be dropped"),
              "the current user cannot be dropped")
        run(su, "ALTER ROLE bob CONNECTION LIMIT 1")
        first = connect(server, "bob")
        check(login_error(server, "bob") == 'too many connections for role "bob"', "CONNECTION LIMIT is enforced")
        first.close()
        time.sleep(0.1)
        check(login_error(server, "bob") is None, "a slot frees when a connection ends")
        check(run(su, "DROP ROLE reader, bob") == "DROP ROLE", "DROP ROLE of several")
        su.close()
    finally:
        check(server.stop() == 0, "the server exits cleanly")


def notices_of(conn, sql):
    """The notices (severity, SQLSTATE-less first line) a statement raises."""
    del conn.notices[:]
    run(conn, sql)
    return [n.strip() for n in conn.notices]


def test_role_membership():
    """GRANT role TO role over the wire: PostgreSQL 15's messages, and who may grant (checked as that role)."""
    server = Server("--memory")
    try:
        su = connect(server, "postgres")
        su.autocommit = True
        for sql in ("CREATE ROLE readers", "CREATE ROLE staff", "CREATE ROLE alice LOGIN", "CREATE ROLE carol LOGIN",
                    "CREATE ROLE boss SUPERUSER", "GRANT readers TO staff WITH ADMIN OPTION"):
            run(su, sql)
        check(run(su, "GRANT staff TO alice") == "GRANT ROLE", "GRANT role TO role")
        check(error_of(su, "GRANT staff TO staff") == ("0LP01", 'ERROR:  role "staff" is a member of role "staff"'),
              "a role cannot be its own member")
        check(error_of(su, "GRANT alice TO readers") == ("0LP01", 'ERROR:  role "alice" is a member of role "readers"'),
              "nor make a cycle")
        alice = connect(server, "alice")
        alice.autocommit = True
        check(run(alice, "GRANT readers TO carol") == "GRANT ROLE", "the admin option through staff lets alice grant")
        check(error_of(alice, "GRANT staff TO carol") == ("42501", 'ERROR:  must have admin option on role "staff"'),
              "but not a role she has no admin option on")
        check(error_of(alice, "GRANT boss TO carol") == ("42501", "ERROR:  must be superuser to alter superusers"),
              "nor a superuser role")
        check(error_of(alice, "GRANT readers TO carol GRANTED BY staff") ==
              ("42501", "ERROR:  must be superuser to set grantor"), "nor name another grantor")
        check(error_of(alice, "GRANT alice TO staff") == ("42501", 'ERROR:  must have admin option on role "alice"'),
              "a role has no admin option on itself")
        check(run(alice, "SELECT pg_has_role('alice', 'readers', 'USAGE WITH ADMIN OPTION'), "
                         "pg_has_role('staff', 'staff', 'MEMBER WITH ADMIN OPTION')") == [(True, False)],
              "pg_has_role WITH ADMIN OPTION")
        check(notices_of(alice, "GRANT readers TO carol") ==
              ['NOTICE:  role "carol" is already a member of role "readers"'], "granting twice is a NOTICE")
        check(notices_of(alice, "REVOKE readers FROM carol") == [], "REVOKE")
        check(notices_of(alice, "REVOKE readers FROM carol") ==
              ['WARNING:  role "carol" is not a member of role "readers"'], "revoking what is not there warns")
        alice.close()
        check(notices_of(su, "CREATE ROLE x IN ROLE readers, readers") ==
              ['NOTICE:  role "x" is already a member of role "readers"'], "CREATE ROLE ... IN ROLE")
        check(run(su, "SELECT count(*) FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.member "
                      "WHERE r.rolname = 'x'") == [(1,)], "one membership however often IN ROLE names it")
        check(run(su, "DROP ROLE x, readers, staff, alice, carol, boss") == "DROP ROLE", "DROP ROLE of members")
        check(run(su, "SELECT count(*) FROM pg_auth_members WHERE member >= 16384 OR roleid >= 16384") == [(0,)],
              "their memberships go with them")
        su.close()
    finally:
        check(server.stop() == 0, "the server exits cleanly")


def test_object_privileges():
    """Owners and GRANT over the wire: a login role reaches only what it was granted; the messages are PostgreSQL 15's."""
    server = Server("--memory")
    try:
        su = connect(server, "postgres")
        su.autocommit = True
        run(su, "CREATE TABLE early (x int)")
        run(su, "CREATE DATABASE BRANCH before_roles FROM main AS OF NOW")
        for sql in ("CREATE ROLE app LOGIN", "CREATE ROLE auditor LOGIN", "CREATE TABLE accounts (id serial PRIMARY KEY, "
                    "owner text)", "INSERT INTO accounts (owner) VALUES ('ann')"):
            run(su, sql)
        app = connect(server, "app")
        app.autocommit = True
        run(app, "USE BRANCH before_roles")
        check(error_of(app, "SELECT * FROM early") == ("42704", 'ERROR:  role "app" does not exist on this branch'),
              "a branch forked before the role was made gives it nothing (not a superuser's everything)")
        run(app, "USE BRANCH main")
        check(error_of(app, "SELECT * FROM accounts") == ("42501", "ERROR:  permission denied for table accounts"),
              "no SELECT without a GRANT")
        check(error_of(app, "DROP TABLE accounts") == ("42501", "ERROR:  must be owner of table accounts"),
              "only the owner drops")
        check(error_of(app, "CREATE TABLE mine (x int)") == ("42501", "ERROR:  permission denied for schema public"),
              "PostgreSQL 15: public takes no one's tables but the database owner's")
        run(su, "GRANT SELECT, INSERT ON accounts TO app")
        check(run(app, "SELECT owner FROM accounts") == [("ann",)], "SELECT once granted")
        check(error_of(app, "INSERT INTO accounts (owner) VALUES ('bo')") ==
              ("42501", "ERROR:  permission denied for sequence accounts_id_seq"),
              "a serial column's default needs USAGE on its sequence")
        run(su, "GRANT USAGE ON SEQUENCE accounts_id_seq TO app")
        check(run(app, "INSERT INTO accounts (owner) VALUES ('bo')") == "INSERT 0 1", "and then inserts")
        run(su, "GRANT CREATE ON SCHEMA public TO app")
        check(run(app, "CREATE TABLE mine (x int)") == "CREATE TABLE", "CREATE on public once granted")
        check(notices_of(app, "GRANT SELECT ON accounts TO auditor") ==
              ['WARNING:  no privileges were granted for "accounts"'], "no grant option: a WARNING, nothing granted")
        check(run(app, "GRANT SELECT ON mine TO auditor") == "GRANT", "the owner grants on its own table")
        auditor = connect(server, "auditor")
        check(run(auditor, "SELECT count(*) FROM mine") == [(0,)], "granted by app")
        auditor.close()
        out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-X", "-c", "\\dp"],
                             capture_output=True, text=True)
        check("app=arwdDxt/app" in out.stdout and "auditor=r/app" in out.stdout and
              "app=ar/postgres" in out.stdout, "psql's \\dp lists the access lists:\n" + out.stdout + out.stderr)
        try:
            run(su, "DROP ROLE app")
            check(False, "DROP ROLE of an owner fails")
        except psycopg2.Error as e:
            check(e.pgcode == "2BP01" and 'role "app" cannot be dropped because some objects depend on it' in e.pgerror
                  and "owner of table mine" in e.pgerror and "privileges for table accounts" in e.pgerror,
                  "DROP ROLE names what depends on the role: " + e.pgerror)
        app.close()
        # CONNECT on the database: REVOKE it from PUBLIC and only those granted it log in.
        run(su, "REVOKE CONNECT ON DATABASE db FROM PUBLIC")
        check(login_error(server, "auditor") == 'permission denied for database "db"',
              "no CONNECT, no login: " + str(login_error(server, "auditor")))
        run(su, "GRANT CONNECT ON DATABASE db TO auditor")
        check(login_error(server, "auditor") is None, "CONNECT granted, the login works")
        check(login_error(server, "postgres") is None, "superusers always connect")
        su.close()
    finally:
        server.stop()


def test_password_methods():
    for method in ("scram-sha-256", "md5", "password"):
        env_server = Server("--memory", "--local-auth", method)
        try:
            # The first start's superusers have no password: only an hba rule other than trust can refuse them.
            check(login_error(env_server, "postgres", "guess") == 'password authentication failed for user "postgres"',
                  f"{method}: a superuser without a password cannot log in")
        finally:
            check(env_server.stop() == 0, "the server exits cleanly")

    env = dict(os.environ, HELIOSDB_SUPERUSER_PASSWORD="su-secret")
    for method in ("scram-sha-256", "md5", "password"):
        server = Server("--memory", "--local-auth", method, env=env)
        try:
            check(login_error(server, "postgres", "su-secret") is None, f"{method}: the bootstrap password works")
            check(login_error(server, "postgres", "wrong") == 'password authentication failed for user "postgres"',
                  f"{method}: a wrong password is refused")
            check(login_error(server, "ghost", "x") == 'password authentication failed for user "ghost"',
                  f"{method}: an unknown role looks like a wrong password")
            su = connect(server, "postgres", "su-secret")
            su.autocommit = True
            run(su, "SET password_encryption = 'md5'")
            run(su, "CREATE ROLE m LOGIN PASSWORD 'md5pw'")
            run(su, "RESET password_encryption")
            run(su, "CREATE ROLE s LOGIN PASSWORD 'scrampw'")
            check(run(su, "SELECT rolpassword FROM pg_authid WHERE rolname = 'm'")[0][0].startswith("md5"),
                  "password_encryption = md5 stores an md5 hash")
            expect_md5 = None if method in ("md5", "password") else 'password authentication failed for user "m"'
            check(login_error(server, "m", "md5pw") == expect_md5,
                  f"{method}: an md5 password {'works' if expect_md5 is None else 'cannot answer SCRAM'}")
            check(login_error(server, "s", "scrampw") is None, f"{method}: a SCRAM password works")
            check(login_error(server, "s", "nope") is not None, f"{method}: a wrong SCRAM password fails")

            # psql's \password: libpq makes the verifier, the server stores it as given.
            verifier = psycopg2.extensions.encrypt_password("fresh", "s", su)
            check(verifier.startswith("SCRAM-SHA-256$"), "libpq encrypts with the server's password_encryption")
            run(su, "ALTER ROLE s PASSWORD %s", verifier)
            check(run(su, "SELECT rolpassword FROM pg_authid WHERE rolname = 's'") == [(verifier,)],
                  "a verifier given as the password is stored unchanged")
            check(login_error(server, "s", "fresh") is None, f"{method}: the new password works")
            run(su, "ALTER ROLE s VALID UNTIL '2001-01-01'")
            check(login_error(server, "s", "fresh") is not None, f"{method}: an expired password fails")
            su.close()

            async def asyncpg_login():
                conn = await asyncpg.connect(host="127.0.0.1", port=server.port, user="postgres",
                                             password="su-secret", database="db")
                value = await conn.fetchval("SELECT 42")
                await conn.close()
                return value
            check(asyncio.run(asyncpg_login()) == 42, f"{method}: asyncpg logs in")

            out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-d", "db",
                                  "-X", "-A", "-t", "-c", "SELECT current_user"],
                                 env=dict(os.environ, PGPASSWORD="su-secret"), capture_output=True, text=True)
            check(out.stdout.strip() == "postgres", f"{method}: psql logs in with PGPASSWORD: {out.stderr}")
        finally:
            check(server.stop() == 0, "the server exits cleanly")


def test_bad_sasl_messages():
    """Malformed SCRAM input over a raw socket: FATAL 08P01, and the server keeps serving."""
    def exchange(initial):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        body = struct.pack("!I", 196608) + b"user\0postgres\0database\0db\0\0"
        sock.sendall(struct.pack("!I", len(body) + 4) + body)
        kind, _ = sock.recv(1), sock.recv(4096)
        check(kind == b"R", "the server asks for SASL")
        sock.sendall(b"p" + struct.pack("!I", len(initial) + 4) + initial)
        reply = b""
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
        sock.close()
        return reply

    env = dict(os.environ, HELIOSDB_SUPERUSER_PASSWORD="pw")
    server = Server("--memory", "--local-auth", "scram-sha-256", env=env)
    try:
        data = b"n,,n=,r=abc"
        reply = exchange(b"PLAIN\0" + struct.pack("!I", len(data)) + data)
        check(b"C08P01" in reply and b"invalid SASL authentication mechanism" in reply,
              f"an unknown mechanism is FATAL 08P01: {reply}")
        reply = exchange(b"SCRAM-SHA-256\0" + struct.pack("!I", 1) + b"x")
        check(b"C08P01" in reply and b"malformed SCRAM message" in reply, f"a malformed client-first: {reply}")
        reply = exchange(b"SCRAM-SHA-256\0" + struct.pack("!I", 100) + b"short")
        check(b"C08P01" in reply, f"a truncated SASLInitialResponse: {reply}")
        check(login_error(server, "postgres", "pw") is None, "the server still serves after bad SASL input")
    finally:
        check(server.stop() == 0, "the server exits cleanly")


def test_hba_file():
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write("host all blocked 127.0.0.1/32 reject\n"
                "host all postgres 127.0.0.1/32 trust\n"
                "host db all 127.0.0.0/8 scram-sha-256\n")
        path = f.name
    server = Server("--memory", "--hba-file", path)
    try:
        su = connect(server, "postgres")
        su.autocommit = True
        run(su, "CREATE ROLE blocked LOGIN PASSWORD 'x'")
        run(su, "CREATE ROLE carol LOGIN PASSWORD 'c'")
        su.close()
        check(login_error(server, "blocked", "x") ==
              'pg_hba.conf rejects connection for host "127.0.0.1", user "blocked", database "db", no encryption',
              "a reject rule refuses")
        check(login_error(server, "carol", "c") is None, "a scram rule asks for the password")
        try:
            psycopg2.connect(host="127.0.0.1", port=server.port, user="carol", password="c", dbname="other").close()
            check(False, "no rule for database other")
        except psycopg2.OperationalError as e:
            check('no pg_hba.conf entry for host "127.0.0.1", user "carol", database "other"' in str(e),
                  f"no matching rule is refused: {e}")
    finally:
        check(server.stop() == 0, "the server exits cleanly")
        os.unlink(path)
    bad = subprocess.run([BIN, "server", "--memory", "--port", "1", "--hba-file", "/nonexistent/hba.conf"],
                         capture_output=True, text=True, timeout=30)
    check(bad.returncode != 0, "a missing hba file stops the server from starting")


def test_tls():
    with tempfile.TemporaryDirectory() as d:
        cert, key = os.path.join(d, "server.crt"), os.path.join(d, "server.key")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-subj", "/CN=localhost", "-days", "2"], check=True, capture_output=True)
        hba = os.path.join(d, "hba.conf")
        with open(hba, "w") as f:
            f.write("local all all trust\n"
                    "hostssl all all 127.0.0.1/32 scram-sha-256\n"
                    "hostnossl all postgres 127.0.0.1/32 trust\n"
                    "hostnossl all all 127.0.0.1/32 reject\n")
        server = Server("--memory", "--ssl-cert", cert, "--ssl-key", key, "--hba-file", hba)
        try:
            su = psycopg2.connect(host="127.0.0.1", port=server.port, user="postgres", dbname="db", sslmode="disable")
            su.autocommit = True
            check(not su.info.ssl_in_use, "sslmode=disable stays in the clear, where hostnossl trusts postgres")
            check(login_error(server, "postgres") is not None, "sslmode=prefer gets TLS, where hostssl wants a password")
            run(su, "CREATE ROLE tls_user LOGIN PASSWORD 'tlspw'")
            run(su, "CREATE TABLE t (id int)")
            run(su, "GRANT SELECT, INSERT ON t TO tls_user")
            su.close()
            conn = psycopg2.connect(host="127.0.0.1", port=server.port, user="tls_user", password="tlspw",
                                    dbname="db", sslmode="require")
            check(conn.info.ssl_in_use, "sslmode=require gets TLS")
            cur = conn.cursor()
            cur.copy_expert("COPY t FROM STDIN", __import__("io").StringIO("1\n2\n3\n"))
            cur.execute("SELECT sum(id) FROM t")
            check(cur.fetchone() == (6,), "queries and COPY go over TLS")
            conn.commit()
            conn.close()
            try:
                psycopg2.connect(host="127.0.0.1", port=server.port, user="tls_user", password="tlspw",
                                 dbname="db", sslmode="disable").close()
                check(False, "hostnossl reject refuses the cleartext connection")
            except psycopg2.OperationalError as e:
                check("rejects connection" in str(e), f"a hostnossl reject rule refuses a cleartext client: {e}")

            async def asyncpg_tls():
                import ssl
                context = ssl.create_default_context()
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
                conn = await asyncpg.connect(host="127.0.0.1", port=server.port, user="tls_user", password="tlspw",
                                             database="db", ssl=context)
                value = await conn.fetchval("SELECT count(*) FROM t")
                await conn.close()
                return value
            check(asyncio.run(asyncpg_tls()) == 3, "asyncpg connects over TLS")

            # A notification wakes an idle TLS connection (its pending read is cancelled) and it goes on.
            listener = psycopg2.connect(host="127.0.0.1", port=server.port, user="tls_user", password="tlspw",
                                        dbname="db", sslmode="require")
            listener.autocommit = True
            notifier = psycopg2.connect(host="127.0.0.1", port=server.port, user="postgres", dbname="db",
                                        sslmode="disable")
            notifier.autocommit = True
            run(listener, "LISTEN ch")
            got = []
            for i in range(3):
                run(notifier, f"NOTIFY ch, 'n{i}'")
                if select.select([listener], [], [], 5)[0]:
                    listener.poll()
                    got += [n.payload for n in listener.notifies]
                    listener.notifies.clear()
                check(run(listener, "SELECT %s", i) == [(i,)], "the woken TLS connection goes on")
            check(got == ["n0", "n1", "n2"], f"notifications reach an idle TLS connection: {got}")
            listener.close()
            notifier.close()
            out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(server.port), "-U", "tls_user", "-d", "db",
                                  "-X", "-A", "-t", "-c", "SELECT 'over tls'"],
                                 env=dict(os.environ, PGPASSWORD="tlspw", PGSSLMODE="require"),
                                 capture_output=True, text=True)
            check(out.stdout.strip() == "over tls", f"psql with PGSSLMODE=require: {out.stderr}")
        finally:
            check(server.stop() == 0, "the TLS server exits cleanly")
        bad = subprocess.run([BIN, "server", "--memory", "--port", "1", "--ssl-cert", cert, "--ssl-key", "/nonexistent"],
                             capture_output=True, text=True, timeout=30)
        check(bad.returncode != 0, "a key that cannot be read stops the server from starting")
    plain = Server("--memory")
    try:
        psycopg2.connect(host="127.0.0.1", port=plain.port, user="postgres", dbname="db", sslmode="require").close()
        check(False, "no certificate: sslmode=require fails")
    except psycopg2.OperationalError as e:
        check("does not support SSL" in str(e), f"without a certificate the server declines TLS: {e}")
    finally:
        check(plain.stop() == 0, "the server exits cleanly")


def main():
    test_roles_and_trust()
    test_role_membership()
    test_object_privileges()
    test_password_methods()
    test_bad_sasl_messages()
    test_hba_file()
    test_tls()
    print(f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
