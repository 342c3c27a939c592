-- Advisory locks in one session: counting, shared, two-int keys, transaction-level ones
-- released at COMMIT, unlock of a lock not held (false and a WARNING). Waiting
-- between sessions: tests/integration/row_locks_test.py.
SELECT pg_advisory_lock(42);
SELECT pg_try_advisory_lock(42);
SELECT pg_advisory_unlock(42), pg_advisory_unlock(42), pg_advisory_unlock(42);
SELECT pg_try_advisory_lock(1, 2), pg_try_advisory_lock_shared(7), pg_advisory_unlock_shared(7);
SELECT pg_advisory_unlock_all();
SELECT pg_advisory_unlock(1, 2);
BEGIN;
SELECT pg_advisory_xact_lock(5);
SELECT pg_try_advisory_xact_lock(5);
COMMIT;
SELECT pg_advisory_unlock(5);
SELECT pg_advisory_lock(NULL);
SELECT pg_advisory_lock('x');
SELECT pg_advisory_lock(1, 2, 3);
