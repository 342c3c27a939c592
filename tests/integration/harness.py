"""What the server integration tests share: the binary under test (argv[1]),
a server on a free port that stops when told, and failure bookkeeping."""
import signal
import socket
import subprocess
import sys
import time

import psycopg2
import psycopg2.errors

BIN = sys.argv[1]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *args, env=None):
        self.port = free_port()
        self.password = (env or {}).get("HELIOSDB_SUPERUSER_PASSWORD")
        self.proc = subprocess.Popen([BIN, "--log-level", "warn", "server", "--port", str(self.port), *args], env=env)
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                self.started()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def started(self):
        """Waits until the server answers, then adds the roles the tests connect as
        (the first start makes only the superusers postgres and the OS user)."""
        for _ in range(200):
            try:
                conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="db",
                                        password=self.password)
                break
            except psycopg2.OperationalError as e:
                if "authentication failed" in str(e) or "no password supplied" in str(e):
                    return self  # a server that wants passwords the test has not given
                time.sleep(0.05)
        else:
            raise RuntimeError("server did not accept postgres")
        conn.autocommit = True
        for role in ("tester", "raw"):
            try:
                conn.cursor().execute(f"CREATE ROLE {role} SUPERUSER LOGIN")
            except psycopg2.errors.DuplicateObject:
                pass  # a database that was served before
        conn.close()
        return self

    def connect(self, **kwargs):
        return psycopg2.connect(host="127.0.0.1", port=self.port, user="tester", dbname="db", **kwargs)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=30)


def run(conn, sql, *args):
    """Runs one statement: its rows, or its command tag."""
    cur = conn.cursor()
    cur.execute(sql, args or None)
    return cur.fetchall() if cur.description else cur.statusmessage


def error_of(conn, sql):
    """(SQLSTATE, first line of the message) of a statement that fails, rolled back; None if it worked."""
    try:
        run(conn, sql)
    except psycopg2.Error as e:
        conn.rollback()
        return e.pgcode, e.pgerror.splitlines()[0]
    return None
