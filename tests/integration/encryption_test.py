"""Encryption at rest through the server and the REPL: `heliosdb-lite keygen`,
--encryption-key-file and HELIOSDB_ENCRYPTION_KEY; no table name, row,
index key or vector readable in any file of the data directory; a restart
with the key reads everything back (vector indexes from their sealed files,
not rebuilt); without the key, with another one, or with a malformed one
the server refuses to start and the data stays as it was."""
import os
import pathlib
import struct
import subprocess
import sys
import tempfile

from harness import BIN, Server, check, failures, run

SECRETS = [b"confidential_ledger", b"TOPSECRET-PAYLOAD", b"acct-owner-", b"ledger_owner_idx"]
DIMS = 8


def keygen():
    out = subprocess.run([BIN, "keygen"], capture_output=True, text=True, check=True).stdout.strip()
    check(len(out) == 64 and all(c in "0123456789abcdef" for c in out), f"keygen prints 64 hex digits: {out!r}")
    return out


def all_bytes(data_dir):
    return b"".join(p.read_bytes() for p in pathlib.Path(data_dir).rglob("*") if p.is_file())


def refused(args, env=None):
    """Starts the server expecting it to refuse: (exit code, stderr)."""
    proc = subprocess.run([BIN, "--log-level", "warn", "server", "--port", "1", *args], capture_output=True,
                          text=True, timeout=60, env=env)
    return proc.returncode, proc.stdout + proc.stderr  # the log goes to stdout


def vector(i):
    return "[" + ",".join(str((i * 7 + d * 13) % 17 / 4.0) for d in range(DIMS)) + "]"


with tempfile.TemporaryDirectory() as tmp:
    key = keygen()
    check(keygen() != key, "each key is new")
    key_file = os.path.join(tmp, "db.key")
    pathlib.Path(key_file).write_text(key + "\n")
    data = os.path.join(tmp, "data")

    server = Server("--data", data, "--encryption-key-file", key_file)
    conn = server.connect()
    conn.autocommit = True
    run(conn, "CREATE TABLE confidential_ledger (id int PRIMARY KEY, owner text, note text, embedding vector(8))")
    run(conn, "CREATE INDEX ledger_owner_idx ON confidential_ledger (owner)")
    run(conn, f"INSERT INTO confidential_ledger SELECT i, 'acct-owner-' || i, 'TOPSECRET-PAYLOAD ' || i, "
              f"('[' || array_to_string(ARRAY(SELECT ((i * 7 + d * 13) % 17) / 4.0 FROM generate_series(0, {DIMS - 1}) d), ',') || ']')::vector "
              f"FROM generate_series(1, 2000) i")
    run(conn, "CREATE INDEX ledger_vec ON confidential_ledger USING hnsw (embedding vector_l2_ops)")
    run(conn, "UPDATE confidential_ledger SET note = note || ' (revised)' WHERE id <= 10")
    check(run(conn, "SELECT count(*) FROM confidential_ledger WHERE owner = 'acct-owner-77'") == [(1,)],
          "index lookups work on an encrypted store")
    q = vector(5)
    run(conn, "SET hnsw.ef_search = 400")
    nearest = run(conn, f"SELECT id FROM confidential_ledger ORDER BY embedding <-> '{q}' LIMIT 5")
    check(len(nearest) == 5, f"vector search works on an encrypted store: {nearest}")
    stats = run(conn, "SELECT num_vectors, last_rebuild FROM pg_vector_index_stats() WHERE index_name = 'ledger_vec'")
    conn.close()
    check(server.stop() == 0, "clean stop")

    files = all_bytes(data)
    for secret in SECRETS:
        check(secret not in files, f"{secret!r} is not readable in the data directory")
    # A vector's float32 bytes (the first row's first elements) are not there either.
    needle = struct.pack("<3f", *[float(x) for x in vector(1)[1:-1].split(",")[:3]])
    check(needle not in files, "no stored vector is readable")
    check(any(p.suffix == ".faiss" for p in pathlib.Path(data).rglob("*")), "the vector index was saved")

    code, err = refused(["--data", data])
    check(code != 0 and "encryption key is needed" in err, f"no key: refused ({code}, {err.strip()})")
    other = os.path.join(tmp, "other.key")
    pathlib.Path(other).write_text(keygen())
    code, err = refused(["--data", data, "--encryption-key-file", other])
    check(code != 0 and "does not open" in err, f"another key: refused ({code}, {err.strip()})")
    bad = os.path.join(tmp, "bad.key")
    pathlib.Path(bad).write_text("not a key")
    code, err = refused(["--data", data, "--encryption-key-file", bad])
    check(code != 0 and "64 hexadecimal digits" in err, f"a malformed key: refused ({code}, {err.strip()})")
    code, err = refused(["--data", data, "--encryption-key-file", os.path.join(tmp, "missing.key")])
    check(code != 0 and "could not read" in err, f"a missing key file: refused ({code}, {err.strip()})")

    # The key from the environment, as a container would pass it.
    server = Server("--data", data, env={**os.environ, "HELIOSDB_ENCRYPTION_KEY": key})
    conn = server.connect()
    conn.autocommit = True
    check(run(conn, "SELECT count(*), max(note) FROM confidential_ledger WHERE id <= 10") ==
          [(10, "TOPSECRET-PAYLOAD 9 (revised)")], "everything reads back after the refusals and a restart")
    run(conn, "SET hnsw.ef_search = 400")
    check(run(conn, f"SELECT id FROM confidential_ledger ORDER BY embedding <-> '{q}' LIMIT 5") == nearest,
          "the same nearest rows after a restart")
    check(run(conn, "SELECT num_vectors, last_rebuild FROM pg_vector_index_stats() "
                    "WHERE index_name = 'ledger_vec'") == stats,
          "the vector index was read back from its sealed files, not built again")
    conn.close()
    check(server.stop() == 0, "clean stop")

    repl = subprocess.run([BIN, "repl", "--data", data, "--encryption-key-file", key_file, "--no-timing"],
                          input="SELECT count(*) FROM confidential_ledger;\n", capture_output=True, text=True,
                          timeout=60)
    check(repl.returncode == 0 and "2000" in repl.stdout, f"the REPL opens it with the key: {repl.stdout}{repl.stderr}")
    repl = subprocess.run([BIN, "repl", "--data", data], input="SELECT 1;\n", capture_output=True, text=True,
                          timeout=60)
    check(repl.returncode != 0 and "encryption key is needed" in repl.stderr, "and not without it")

    # A plain database is not encrypted by giving a key later.
    plain = os.path.join(tmp, "plain")
    server = Server("--data", plain)
    check(server.stop() == 0, "a plain database")
    code, err = refused(["--data", plain, "--encryption-key-file", key_file])
    check(code != 0 and "is not encrypted" in err, f"a key for a plain database: refused ({code}, {err.strip()})")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("encryption at rest: all checks passed")
