-- UNIQUE and CHECK constraints, column and table level, and what violating them does.
CREATE TABLE accounts (
  id INT PRIMARY KEY,
  email TEXT UNIQUE,
  balance INT NOT NULL CHECK (balance >= 0),
  lo INT,
  hi INT,
  CHECK (lo <= hi),
  UNIQUE (lo, hi)
);
INSERT INTO accounts VALUES (1, 'a@x.org', 10, 1, 2), (2, 'b@x.org', 20, 1, 3);
INSERT INTO accounts VALUES (3, 'a@x.org', 5, 5, 6);
INSERT INTO accounts VALUES (3, 'c@x.org', -1, 5, 6);
INSERT INTO accounts VALUES (3, 'c@x.org', 5, 7, 6);
INSERT INTO accounts VALUES (3, 'c@x.org', 5, 1, 2);
INSERT INTO accounts VALUES (3, NULL, 5, NULL, 9), (4, NULL, 6, NULL, 9);
INSERT INTO accounts VALUES (5, 'e@x.org', 5, NULL, NULL);
SELECT * FROM accounts ORDER BY id;
UPDATE accounts SET email = 'b@x.org' WHERE id = 1;
UPDATE accounts SET balance = balance - 15 WHERE id = 1;
UPDATE accounts SET balance = balance - 15 WHERE id = 2;
UPDATE accounts SET email = 'z@x.org' WHERE id = 1;
UPDATE accounts SET email = 'a@x.org' WHERE id = 2;
SELECT id, email, balance FROM accounts ORDER BY id;
-- a multi-row insert is all or nothing
INSERT INTO accounts VALUES (6, 'f@x.org', 1, 10, 11), (7, 'f@x.org', 1, 12, 13);
SELECT count(*) FROM accounts;
-- a deleted value can be used again
DELETE FROM accounts WHERE id = 2;
INSERT INTO accounts VALUES (6, 'a@x.org', 1, 10, 11);
SELECT id, email FROM accounts ORDER BY id;
-- NULL passes a CHECK
CREATE TABLE nulls_pass (x INT CHECK (x > 0));
INSERT INTO nulls_pass VALUES (NULL), (1);
INSERT INTO nulls_pass VALUES (0);
SELECT * FROM nulls_pass;
-- named constraints
CREATE TABLE named (a INT CONSTRAINT a_positive CHECK (a > 0), b TEXT CONSTRAINT b_once UNIQUE);
INSERT INTO named VALUES (1, 'x');
INSERT INTO named VALUES (-1, 'y');
INSERT INTO named VALUES (2, 'x');
SELECT * FROM named;
-- ALTER TABLE ADD CONSTRAINT checks the rows already there
CREATE TABLE later (a INT, b INT);
INSERT INTO later VALUES (1, 1), (2, 1), (3, NULL);
ALTER TABLE later ADD CONSTRAINT b_unique UNIQUE (b);
ALTER TABLE later ADD UNIQUE (a);
INSERT INTO later VALUES (1, 5);
ALTER TABLE later ADD CHECK (a < 3);
ALTER TABLE later ADD CHECK (a < 10);
INSERT INTO later VALUES (10, 5);
INSERT INTO later VALUES (9, 5);
SELECT * FROM later ORDER BY a;
-- constraints errors at definition time
CREATE TABLE bad1 (a INT UNIQUE, UNIQUE (nope));
CREATE TABLE bad2 (a INT CHECK (nope > 0));
CREATE TABLE bad3 (a INT CHECK (a + 1));
CREATE TABLE bad4 (a INT CONSTRAINT c1 CHECK (a > 0), b INT CONSTRAINT c1 CHECK (b > 0));
-- inside a transaction block a violation aborts the block
BEGIN;
INSERT INTO named VALUES (5, 'z');
INSERT INTO named VALUES (6, 'z');
SELECT 1;
ROLLBACK;
SELECT * FROM named ORDER BY a;
-- a CHECK using several columns and functions
CREATE TABLE ranges (lo INT, hi INT, label TEXT, CHECK (hi - lo BETWEEN 0 AND 10 AND length(label) > 1));
INSERT INTO ranges VALUES (1, 5, 'ok');
INSERT INTO ranges VALUES (1, 50, 'ok');
INSERT INTO ranges VALUES (1, 5, 'x');
UPDATE ranges SET hi = 100;
SELECT * FROM ranges;
