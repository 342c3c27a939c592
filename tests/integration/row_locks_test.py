#!/usr/bin/python3
"""Concurrent writers of the same rows, over the wire with psycopg2: waiting
for row locks, READ COMMITTED going on with the newest version, REPEATABLE
READ failing with 40001, SELECT ... FOR UPDATE/SHARE with NOWAIT and SKIP
LOCKED, lock_timeout, cancel, deadlocks, and a lock wait that does not starve
the worker threads.

    row_locks_test.py PATH/TO/heliosdb-lite        against our server
    row_locks_test.py --dsn "host=... port=..."    against PostgreSQL, to check the expectations
"""
import sys
import threading
import time

import psycopg2
import psycopg2.extensions

if sys.argv[1] == "--dsn":
    DSN, BIN = sys.argv[2], None
    sys.argv[1:] = ["unused"]
from harness import Server, check, error_of, failures, run  # noqa: E402


class Target:
    """Where connections go: our server, or the PostgreSQL named by --dsn."""

    def __init__(self, *args):
        self.server = None if sys.argv[1] == "unused" else Server("--memory", *args)

    def connect(self, isolation="read committed"):
        conn = psycopg2.connect(DSN) if self.server is None else self.server.connect()
        cur = conn.cursor()
        cur.execute(f"SET default_transaction_isolation = '{isolation}'")
        conn.commit()
        return conn

    def stop(self):
        return 0 if self.server is None else self.server.stop()


class Background:
    """Runs one statement on a connection in a thread; result() gives what came of it."""

    def __init__(self, conn, sql):
        self.outcome = None
        self.thread = threading.Thread(target=self._run, args=(conn, sql))
        self.thread.start()

    def _run(self, conn, sql):
        cur = conn.cursor()
        try:
            cur.execute(sql)
            self.outcome = ("ok", cur.statusmessage, cur.fetchall() if cur.description else None)
        except psycopg2.Error as e:
            self.outcome = ("error", e.pgcode, e.pgerror.splitlines()[0] if e.pgerror else "")

    def waiting(self, seconds=0.3):
        self.thread.join(seconds)
        return self.thread.is_alive()

    def result(self):
        self.thread.join(30)
        return self.outcome


def after_wait(first, first_sql, second, second_sql, end_first, what):
    """Runs first_sql on `first`, then second_sql on `second` in the background;
    checks the second waits, ends the first transaction (end_first: "commit" or
    "rollback") and returns what came of the second statement."""
    run(first, first_sql)
    waiter = Background(second, second_sql)
    check(waiter.waiting(), f"{what}: the second statement waits for the first transaction")
    getattr(first, end_first)()
    return waiter.result()


def setup(conn):
    run(conn, "DROP TABLE IF EXISTS acct")
    run(conn, "CREATE TABLE acct (id int PRIMARY KEY, v int, tag text)")
    run(conn, "INSERT INTO acct VALUES (1, 0, 'a'), (2, 0, 'b'), (3, 0, 'c')")
    conn.commit()


def test_update_waits(target):
    a, b = target.connect(), target.connect()
    setup(a)
    run(a, "UPDATE acct SET v = v + 1 WHERE id = 1")
    waiter = Background(b, "UPDATE acct SET v = v + 10 WHERE id = 1")
    check(waiter.waiting(), "a second UPDATE of a row waits for the first writer")
    a.commit()
    check(waiter.result() == ("ok", "UPDATE 1", None), f"then it goes on under READ COMMITTED: {waiter.outcome}")
    b.commit()
    check(run(a, "SELECT v FROM acct WHERE id = 1") == [(11,)], "and no update is lost")
    a.commit()

    # The newest version is rechecked against WHERE.
    got = after_wait(a, "UPDATE acct SET v = 100 WHERE id = 2", b, "UPDATE acct SET v = -1 WHERE v = 0 RETURNING id",
                     "commit", "recheck")
    check(got == ("ok", "UPDATE 1", [(3,)]), f"a row that no longer qualifies is left alone, others are updated: {got}")
    b.commit()

    # A DELETE that waited for a DELETE finds nothing.
    got = after_wait(a, "DELETE FROM acct WHERE id = 3", b, "DELETE FROM acct WHERE id = 3", "commit", "delete")
    check(got == ("ok", "DELETE 0", None), f"then deletes nothing: {got}")
    b.commit()

    # A writer that rolls back lets the waiter have the row as it was.
    run(a, "UPDATE acct SET v = 5 WHERE id = 1")
    after = Background(b, "UPDATE acct SET v = v + 1 WHERE id = 1 RETURNING v")
    check(after.waiting(), "an UPDATE waits for a writer that will roll back")
    a.rollback()
    check(after.result() == ("ok", "UPDATE 1", [(12,)]), f"and then sees the row as it was: {after.outcome}")
    b.commit()
    a.close()
    b.close()


def test_repeatable_read(target):
    a, b = target.connect(), target.connect("repeatable read")
    setup(a)
    run(b, "SELECT count(*) FROM acct")  # b's snapshot
    run(a, "UPDATE acct SET v = 1 WHERE id = 1")
    loser = Background(b, "UPDATE acct SET v = 2 WHERE id = 1")
    check(loser.waiting(), "under REPEATABLE READ the second writer waits too")
    a.commit()
    check(loser.result() == ("error", "40001", "ERROR:  could not serialize access due to concurrent update"),
          f"then fails with 40001: {loser.outcome}")
    b.rollback()

    run(b, "SELECT count(*) FROM acct")
    run(a, "DELETE FROM acct WHERE id = 2")
    a.commit()
    check(error_of(b, "DELETE FROM acct WHERE id = 2") ==
          ("40001", "ERROR:  could not serialize access due to concurrent delete"),
          "a row deleted since the snapshot: 40001 without waiting")
    run(a, "UPDATE acct SET v = 7 WHERE id = 1")
    fine = Background(b, "UPDATE acct SET v = 8 WHERE id = 1")
    check(fine.waiting(), "a REPEATABLE READ writer waits for one that will roll back")
    a.rollback()
    check(fine.result() == ("ok", "UPDATE 1", None), f"and goes on after the rollback: {fine.outcome}")
    b.commit()
    a.close()
    b.close()


def test_select_for_update(target):
    a, b = target.connect(), target.connect()
    setup(a)
    check(run(a, "SELECT id, v FROM acct WHERE id <= 2 ORDER BY id FOR UPDATE") == [(1, 0), (2, 0)],
          "SELECT ... FOR UPDATE returns its rows")
    blocked = Background(b, "UPDATE acct SET v = 9 WHERE id = 2")
    check(blocked.waiting(), "FOR UPDATE makes an UPDATE of the row wait")
    check(error_of(target_conn := target.connect(), "SELECT * FROM acct WHERE id = 1 FOR UPDATE NOWAIT") ==
          ("55P03", 'ERROR:  could not obtain lock on row in relation "acct"'), "NOWAIT fails at once with 55P03")
    check(run(target_conn, "SELECT id FROM acct WHERE id = 3 FOR SHARE NOWAIT") == [(3,)],
          "NOWAIT on a free row locks it")
    target_conn.rollback()
    check(run(target_conn, "SELECT id FROM acct ORDER BY id FOR UPDATE SKIP LOCKED") == [(3,)],
          "SKIP LOCKED passes locked rows by")
    target_conn.rollback()
    a.commit()
    check(blocked.result() == ("ok", "UPDATE 1", None), "the UPDATE goes on once the lock is gone")
    b.commit()

    # A job queue: each worker takes the first job nobody else holds.
    run(a, "SELECT id FROM acct WHERE id = 1 FOR UPDATE")  # a takes job 1
    check(run(b, "SELECT id FROM acct ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED") == [(2,)],
          "LIMIT counts only the rows locked, not those skipped")
    check(run(target_conn, "SELECT id FROM acct ORDER BY id LIMIT 1 OFFSET 0 FOR NO KEY UPDATE SKIP LOCKED") == [(3,)],
          "a third worker gets the third job")
    a.commit()
    b.commit()
    target_conn.commit()

    # FOR UPDATE under READ COMMITTED returns the newest version of a row it waited for.
    run(a, "UPDATE acct SET v = 50 WHERE id = 1")
    reader = Background(b, "SELECT id, v FROM acct WHERE id = 1 FOR UPDATE")
    check(reader.waiting(), "FOR UPDATE waits for a writer")
    a.commit()
    check(reader.result() == ("ok", "SELECT 1", [(1, 50)]), f"and returns the committed version: {reader.outcome}")
    b.commit()

    # Shares go together; a writer waits for both.
    run(a, "SELECT * FROM acct WHERE id = 1 FOR SHARE")
    check(run(b, "SELECT id FROM acct WHERE id = 1 FOR KEY SHARE") == [(1,)], "two share locks go together")
    run(target_conn, "SET lock_timeout = '200ms'")
    check(error_of(target_conn, "UPDATE acct SET v = 0 WHERE id = 1") ==
          ("55P03", "ERROR:  canceling statement due to lock timeout"), "lock_timeout ends a wait with 55P03")
    a.commit()
    b.commit()
    target_conn.close()
    a.close()
    b.close()


def test_deadlock_and_cancel(target):
    a, b = target.connect(), target.connect()
    setup(a)
    run(a, "UPDATE acct SET v = 1 WHERE id = 1")
    run(b, "UPDATE acct SET v = 2 WHERE id = 2")
    first = Background(a, "UPDATE acct SET v = 1 WHERE id = 2")
    check(first.waiting(), "a waits for b")
    second = Background(b, "UPDATE acct SET v = 2 WHERE id = 1")
    outcomes = sorted([first.result(), second.result()])
    check(outcomes[0][:2] == ("error", "40P01") and outcomes[0][2] == "ERROR:  deadlock detected",
          f"one of two transactions waiting for each other fails with 40P01: {outcomes}")
    check(outcomes[1] == ("ok", "UPDATE 1", None), f"the other goes on: {outcomes}")
    a.rollback()
    b.rollback()

    run(a, "UPDATE acct SET v = 1 WHERE id = 1")
    waiter = Background(b, "DELETE FROM acct WHERE id = 1")
    check(waiter.waiting(), "a DELETE waits")
    b.cancel()
    check(waiter.result() == ("error", "57014", "ERROR:  canceling statement due to user request"),
          f"a cancel request ends the wait: {waiter.outcome}")
    b.rollback()
    run(b, "SET statement_timeout = '200ms'")
    check(error_of(b, "DELETE FROM acct WHERE id = 1") == ("57014", "ERROR:  canceling statement due to statement timeout"),
          "statement_timeout ends a wait")
    a.rollback()
    a.close()
    b.close()


def test_concurrent_inserts(target):
    a, b = target.connect(), target.connect()
    setup(a)
    got = after_wait(a, "INSERT INTO acct VALUES (10, 0, 'a')", b, "INSERT INTO acct VALUES (10, 1, 'b')", "commit",
                     "a second INSERT of the same new key")
    check(got[:2] == ("error", "23505"), f"fails with 23505 once the first commits: {got}")
    b.rollback()
    got = after_wait(a, "INSERT INTO acct VALUES (11, 0, 'a')", b, "INSERT INTO acct VALUES (11, 1, 'b')", "rollback",
                     "an INSERT behind one that rolls back")
    check(got == ("ok", "INSERT 0 1", None), f"inserts once the first rolls back: {got}")
    b.commit()
    # Under snapshot isolation a key committed since the snapshot is a duplicate too.
    c = target.connect("repeatable read")
    run(c, "SELECT count(*) FROM acct")
    run(a, "INSERT INTO acct VALUES (12, 0, 'a')")
    a.commit()
    check(error_of(c, "INSERT INTO acct VALUES (12, 1, 'c')")[0] == "23505", "REPEATABLE READ gets 23505 as well")
    for conn in (a, b, c):
        conn.close()


def test_advisory_locks(target):
    a, b = target.connect(), target.connect()
    a.autocommit = b.autocommit = True
    run(a, "SELECT pg_advisory_lock(7)")
    check(run(b, "SELECT pg_try_advisory_lock(7)") == [(False,)], "another session cannot take a held advisory lock")
    check(run(b, "SELECT pg_try_advisory_lock_shared(8), pg_try_advisory_lock(7, 0)") == [(True, True)],
          "other keys are free")
    waiter = Background(b, "SELECT pg_advisory_lock(7)")
    check(waiter.waiting(), "pg_advisory_lock waits for the holder")
    check(run(a, "SELECT pg_advisory_unlock(7)") == [(True,)], "the holder unlocks")
    check(waiter.result() == ("ok", "SELECT 1", [("",)]), f"and the waiter gets it: {waiter.outcome}")
    check(run(a, "SELECT pg_try_advisory_lock(7)") == [(False,)], "now held by the other session")
    b.close()  # a session's advisory locks end with it
    time.sleep(0.1)
    check(run(a, "SELECT pg_try_advisory_lock(7)") == [(True,)], "a closed session's locks are released")
    run(a, "SELECT pg_advisory_unlock_all()")
    c = target.connect()
    run(c, "SELECT pg_advisory_xact_lock(9)")
    check(run(a, "SELECT pg_try_advisory_lock(9)") == [(False,)], "a transaction-level lock is held")
    c.commit()
    check(run(a, "SELECT pg_try_advisory_lock(9)") == [(True,)], "until the transaction ends")
    run(a, "SELECT pg_advisory_unlock_all()")
    a.close()
    c.close()


def test_waiters_do_not_starve_the_pool():
    # One worker thread: two statements waiting for a lock must not keep the
    # holder's COMMIT from running.
    target = Target("--worker-threads", "1")
    try:
        a, b, c = target.connect(), target.connect(), target.connect()
        setup(a)
        run(a, "UPDATE acct SET v = 1 WHERE id = 1")
        waiters = [Background(b, "UPDATE acct SET v = v + 1 WHERE id = 1"),
                   Background(c, "UPDATE acct SET v = v + 1 WHERE id = 1")]
        check(waiters[0].waiting() and waiters[1].waiting(), "both wait")
        done = Background(a, "COMMIT")
        check(done.result() == ("ok", "COMMIT", None), "the holder's COMMIT runs while two others wait")
        # One waiter gets the row and holds it until it commits; then the other.
        pending = {0: b, 1: c}
        for _ in range(100):
            for i, conn in list(pending.items()):
                if not waiters[i].waiting(0.05):
                    check(waiters[i].result() == ("ok", "UPDATE 1", None), f"waiter {i} goes on: {waiters[i].outcome}")
                    conn.commit()
                    del pending[i]
            if not pending:
                break
        check(not pending, "both waiters finished")
        check(run(a, "SELECT v FROM acct WHERE id = 1") == [(3,)], "every update counted")
        for conn in (a, b, c):
            conn.close()
    finally:
        check(target.stop() == 0, "the one-worker server exits cleanly")


def main():
    target = Target()
    try:
        test_update_waits(target)
        test_repeatable_read(target)
        test_select_for_update(target)
        test_deadlock_and_cancel(target)
        test_advisory_locks(target)
        test_concurrent_inserts(target)
    finally:
        check(target.stop() == 0, "the server exits cleanly on SIGTERM")
    test_waiters_do_not_starve_the_pool()
    print(f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
