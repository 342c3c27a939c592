"""What the server integration tests share: the binary under test (argv[1]),
a server on a free port that stops when told, and failure bookkeeping."""
import atexit
import signal
import socket
import struct
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
        # A test that dies of an exception must not leave its server running (ctest would wait for it).
        atexit.register(self.kill)
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

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

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


# --- a tiny frontend for raw protocol tests ------------------------------------

def startup_packet(params, protocol=196608):
    body = struct.pack("!I", protocol) + b"".join(k.encode() + b"\0" + v.encode() + b"\0" for k, v in params.items())
    body += b"\0"
    return struct.pack("!I", len(body) + 4) + body


def message(kind, body):
    return kind + struct.pack("!I", len(body) + 4) + body


def read_messages(sock, until=b"Z"):
    """Backend messages up to one of type `until` or until the server closes."""
    out = []
    buf = b""
    while True:
        while len(buf) >= 5:
            kind, length = buf[:1], struct.unpack("!I", buf[1:5])[0]
            if len(buf) < 1 + length:
                break
            out.append((kind, buf[5:1 + length]))
            buf = buf[1 + length:]
            if kind == until:
                return out
        chunk = sock.recv(65536)
        if not chunk:
            return out
        buf += chunk


def error_code(body):
    for field in body.split(b"\0"):
        if field[:1] == b"C":
            return field[1:].decode()
    return None
