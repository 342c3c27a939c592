#!/usr/bin/python3
"""Runs the sqllogictest sample (../shared/sqllogictest beside the
repository, or $HELIOS_SLT_CORPUS) against the server with slt_runner.py,
skipping the records PostgreSQL 15 itself fails (postgres_failures.txt,
made by scripts/regen_slt_exclusions.sh). Every other record must pass.
Exits 77 (skipped) when the corpus is not on this machine.

    slt_test.py PATH/TO/heliosdb-lite
"""
import glob
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "integration"))
from harness import Server  # noqa: E402  (reads the binary from argv[1])

candidates = [os.environ.get("HELIOS_SLT_CORPUS", ""),
              os.path.join(here, "..", "..", "..", "shared", "sqllogictest"),
              "/work/shared/sqllogictest"]
corpus = next((c for c in candidates if c and os.path.isdir(c)), None)
if corpus is None:
    print("sqllogictest sample not found: set HELIOS_SLT_CORPUS")
    sys.exit(77)
files = sorted(glob.glob(os.path.join(corpus, "**", "*.test"), recursive=True))
with tempfile.TemporaryDirectory(prefix="heliosdb-slt-") as data_dir:
    server = Server("--data", data_dir)
    try:
        rc = subprocess.call(["/usr/bin/python3", os.path.join(here, "slt_runner.py"), "--port", str(server.port),
                              "--user", "tester", "--dbname", "db", "--root", corpus,
                              "--exclude", os.path.join(here, "postgres_failures.txt"), *files])
    finally:
        stopped = server.stop()
sys.exit(rc or (1 if stopped != 0 else 0))
