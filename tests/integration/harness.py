"""What the server integration tests share: the binary under test (argv[1]),
a server on a free port that stops when told, and failure bookkeeping."""
import signal
import socket
import subprocess
import sys
import time

import psycopg2

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
    def __init__(self, *args):
        self.port = free_port()
        self.proc = subprocess.Popen([BIN, "--log-level", "warn", "server", "--port", str(self.port), *args])
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def connect(self, **kwargs):
        return psycopg2.connect(host="127.0.0.1", port=self.port, user="tester", dbname="db", **kwargs)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=30)
