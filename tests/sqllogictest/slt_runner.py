#!/usr/bin/python3
"""A sqllogictest runner: runs sqllogictest files (SQLite's engine-neutral
test format) against a PostgreSQL-protocol server, as engine "postgresql".

    slt_runner.py --port P [--exclude FILE] [--failures OUT] FILE...

Records: `statement ok|error`, `query <types> [nosort|rowsort|valuesort]
[label]` with its expected values or "N values hashing to <md5>",
`hash-threshold N`, `skipif|onlyif <engine>` and `halt`. Values print as
the corpus's reference engine printed them: I as an integer, R with three
decimals, T as text ("(empty)" for an empty string, control characters as
@), NULL as NULL.

Every file runs on an empty database (the tables and views it made are
dropped after it). Records listed in --exclude (as "path:line", the path
relative to the corpus root given by --root) are skipped: those real
PostgreSQL 15 fails itself. --failures writes the records that failed, in
that same form, which is how the exclusion list is made (run against
PostgreSQL). Prints the pass rate per file and in all; exits 1 if a record
failed.
"""
import argparse
import decimal
import hashlib
import os
import re
import sys
import time

import psycopg2

ENGINE = "postgresql"


class Record:
    def __init__(self, line, kind, header, sql, expected):
        self.line = line
        self.kind = kind  # "statement" or "query"
        self.header = header  # the words after the kind
        self.sql = sql
        self.expected = expected  # lines after ----


def records(path):
    """The file's records, with the conditions that apply to each."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    i = 0
    conditions = []
    while i < len(lines):
        line = lines[i].rstrip("\r")
        words = line.split()
        if not words or line.startswith("#"):
            i += 1
            continue
        if words[0] in ("skipif", "onlyif"):
            conditions.append((words[0], words[1] if len(words) > 1 else ""))
            i += 1
            continue
        if words[0] == "hash-threshold":
            yield conditions, Record(i + 1, "hash-threshold", words[1:], "", [])
            conditions = []
            i += 1
            continue
        if words[0] == "halt":
            yield conditions, Record(i + 1, "halt", [], "", [])
            conditions = []
            i += 1
            continue
        if words[0] not in ("statement", "query"):
            raise ValueError(f"{path}:{i + 1}: unknown record {line!r}")
        start = i + 1
        i += 1
        sql = []
        while i < len(lines) and lines[i].strip() and lines[i].strip() != "----":
            sql.append(lines[i].rstrip("\r"))
            i += 1
        expected = []
        if i < len(lines) and lines[i].strip() == "----":
            i += 1
            while i < len(lines) and lines[i].strip():
                expected.append(lines[i].rstrip("\r"))
                i += 1
        yield conditions, Record(start, words[0], words[1:], "\n".join(sql), expected)
        conditions = []


def applies(conditions):
    for kind, engine in conditions:
        if kind == "skipif" and engine == ENGINE:
            return False
        if kind == "onlyif" and engine != ENGINE:
            return False
    return True


def as_number(v):
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, (int, float, decimal.Decimal)):
        return v
    m = re.match(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", str(v))
    return float(m.group(0)) if m else 0


def formatted(v, type_char):
    if v is None:
        return "NULL"
    if type_char == "I":
        n = as_number(v)
        try:
            return str(int(n))  # truncated toward zero, as the reference engine reads a real as an integer
        except (OverflowError, ValueError):
            return "0"
    if type_char == "R":
        return "%.3f" % float(as_number(v))
    if isinstance(v, bool):
        s = "t" if v else "f"
    elif isinstance(v, float) and v == int(v) and abs(v) < 1e15:
        s = str(int(v))
    else:
        s = str(v)
    if s == "":
        return "(empty)"
    return "".join(c if " " <= c <= "~" else "@" for c in s)


class Runner:
    def __init__(self, conn, exclude, root):
        self.conn = conn
        self.exclude = exclude
        self.root = root
        self.threshold = 0
        self.labels = {}

    def fail(self, failures, name, record, why):
        failures.append((f"{name}:{record.line}", why))

    def run_file(self, path):
        name = os.path.relpath(path, self.root)
        self.threshold = 0
        self.labels = {}
        made = []
        passed = total = 0
        failures = []
        cur = self.conn.cursor()
        for conditions, record in records(path):
            if record.kind == "halt":
                if applies(conditions):
                    break
                continue
            if record.kind == "hash-threshold":
                self.threshold = int(record.header[0])
                continue
            if not applies(conditions) or f"{name}:{record.line}" in self.exclude:
                continue
            total += 1
            m = re.match(r"\s*CREATE\s+(TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", record.sql, re.I)
            if m:
                made.append((m.group(1).upper(), m.group(2)))
            if record.kind == "statement":
                want_error = record.header[:1] == ["error"]
                try:
                    cur.execute(record.sql)
                    ok = not want_error
                    why = "succeeded, but an error was expected"
                except psycopg2.Error as e:
                    ok = want_error
                    why = f"{e.pgcode}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"
                    if e.pgcode is None and self.conn.closed:
                        raise
                if ok:
                    passed += 1
                else:
                    self.fail(failures, name, record, why)
                continue
            ok, why = self.run_query(cur, record)
            if ok:
                passed += 1
            else:
                self.fail(failures, name, record, why)
        for kind, obj in reversed(made):
            try:
                cur.execute(f"DROP {kind} IF EXISTS {obj} CASCADE")
            except psycopg2.Error:
                pass
        return name, passed, total, failures

    def run_query(self, cur, record):
        types = record.header[0] if record.header else ""
        sort = record.header[1] if len(record.header) > 1 else "nosort"
        label = record.header[2] if len(record.header) > 2 else None
        try:
            cur.execute(record.sql)
            rows = cur.fetchall()
        except psycopg2.Error as e:
            msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
            return False, f"{e.pgcode}: {msg}"
        if rows and len(rows[0]) != len(types):
            return False, f"{len(rows[0])} columns, {len(types)} expected"
        rows = [[formatted(v, types[i]) for i, v in enumerate(row)] for row in rows]
        if sort == "rowsort":
            rows.sort()
        values = [v for row in rows for v in row]
        if sort == "valuesort":
            values.sort()
        if self.threshold > 0 and len(values) > self.threshold:
            digest = hashlib.md5("".join(v + "\n" for v in values).encode()).hexdigest()
            got = [f"{len(values)} values hashing to {digest}"]
        else:
            got = values
        expected = record.expected
        # A result small enough to list may still be given as a hash.
        if len(expected) == 1 and " values hashing to " in expected[0] and got != expected:
            digest = hashlib.md5("".join(v + "\n" for v in values).encode()).hexdigest()
            got = [f"{len(values)} values hashing to {digest}"]
        if label is not None:
            seen = self.labels.setdefault(label, got)
            if seen != got:
                return False, f"label {label} differs from its earlier result"
        if got != expected:
            shown = " ".join(got[:8]) + (" ..." if len(got) > 8 else "")
            return False, f"got {shown}"
        return True, ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", default=os.environ.get("USER", "postgres"))
    parser.add_argument("--dbname", default="postgres")
    parser.add_argument("--root", default=None, help="corpus root the names in --exclude are relative to")
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("--failures", help="write the failed records here")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    root = args.root or os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in args.files])
    exclude = set()
    for path in args.exclude:
        with open(path) as f:
            exclude |= {line.split("#")[0].strip() for line in f if line.split("#")[0].strip()}
    conn = psycopg2.connect(host=args.host, port=args.port, user=args.user, dbname=args.dbname)
    conn.autocommit = True
    runner = Runner(conn, exclude, root)
    all_passed = all_total = 0
    all_failures = []
    start = time.monotonic()
    for path in args.files:
        t = time.monotonic()
        name, passed, total, failures = runner.run_file(os.path.abspath(path))
        all_passed += passed
        all_total += total
        all_failures += failures
        print(f"{name}: {passed}/{total} ({100.0 * passed / max(total, 1):.2f}%) in {time.monotonic() - t:.1f} s",
              flush=True)
    print(f"sqllogictest: {all_passed}/{all_total} records passed ({100.0 * all_passed / max(all_total, 1):.2f}%) "
          f"in {time.monotonic() - start:.1f} s")
    if args.failures:
        with open(args.failures, "w") as f:
            for where, why in all_failures:
                f.write(f"{where}  # {why}\n")
    for where, why in all_failures[:20]:
        print(f"FAIL {where}: {why}")
    sys.exit(1 if all_failures else 0)


if __name__ == "__main__":
    main()
