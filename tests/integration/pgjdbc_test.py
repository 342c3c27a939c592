"""pgjdbc (Debian's libpostgresql-jdbc-java) against the server: runs
PgjdbcTest.java, a single-file Java program, with the driver on its class
path. The same program passes against PostgreSQL 15."""
import os
import subprocess
import sys

from harness import Server

JAR = "/usr/share/java/postgresql.jar"
HERE = os.path.dirname(os.path.abspath(__file__))

server = Server("--memory")
try:
    done = subprocess.run(["java", "-cp", JAR, os.path.join(HERE, "PgjdbcTest.java"), str(server.port)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=240)
    print(done.stdout)
finally:
    server.stop()
sys.exit(0 if done.returncode == 0 else 1)
