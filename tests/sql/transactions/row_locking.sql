-- SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE in one session:
-- the rows returned, ORDER BY and LIMIT with locking, and where PostgreSQL
-- refuses a locking clause. (Waiting between sessions: tests/integration/row_locks_test.py.)
CREATE TABLE jobs (id int PRIMARY KEY, state text, prio int);
INSERT INTO jobs VALUES (1, 'new', 3), (2, 'done', 1), (3, 'new', 2), (4, 'new', 1);
BEGIN;
SELECT * FROM jobs WHERE state = 'new' ORDER BY prio, id FOR UPDATE;
SELECT id FROM jobs ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED;
SELECT id, prio FROM jobs j WHERE prio > 1 ORDER BY id DESC OFFSET 1 FOR NO KEY UPDATE OF j NOWAIT;
SELECT id FROM jobs WHERE id = 2 FOR SHARE;
SELECT count(*) FROM jobs WHERE id IN (SELECT id FROM jobs WHERE id > 2);
SELECT id FROM jobs WHERE id = 4 FOR KEY SHARE FOR UPDATE;
UPDATE jobs SET state = 'taken' WHERE id = 4 RETURNING *;
SELECT * FROM jobs WHERE id = 4 FOR UPDATE;
COMMIT;
SELECT 1 AS one FOR UPDATE;
SELECT * FROM jobs WHERE false FOR UPDATE;
-- Where PostgreSQL refuses it.
SELECT count(*) FROM jobs FOR UPDATE;
SELECT state FROM jobs GROUP BY state FOR UPDATE;
SELECT DISTINCT state FROM jobs FOR SHARE;
SELECT state FROM jobs GROUP BY state HAVING count(*) > 1 FOR KEY SHARE;
SELECT id FROM jobs UNION SELECT id FROM jobs FOR UPDATE;
VALUES (1) FOR UPDATE;
SELECT id FROM jobs FOR UPDATE OF nosuch;
SELECT id FROM jobs j FOR UPDATE OF jobs;
SELECT 1 FOR UPDATE OF jobs;
