-- Indexes on expressions and partial indexes (WHERE): uniqueness over the
-- computed keys and only the rows the predicate admits, lookups through them,
-- and what happens to them when columns change.
CREATE TABLE users (id int PRIMARY KEY, email text, deleted_at timestamp, score int);
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));
INSERT INTO users VALUES (1, 'Ann@example.com', NULL, 10), (2, 'bob@example.com', NULL, 20);
INSERT INTO users VALUES (3, 'ANN@EXAMPLE.COM', NULL, 30);
INSERT INTO users VALUES (3, NULL, NULL, 30), (4, NULL, NULL, 40);
SELECT id FROM users WHERE lower(email) = 'ann@example.com';
SELECT id FROM users WHERE lower(email) IN ('bob@example.com', 'nobody') ORDER BY id;
SELECT id FROM users WHERE 'bob@example.com' = lower(email);
UPDATE users SET email = 'BOB@example.com' WHERE id = 1;
UPDATE users SET email = 'Carol@example.com' WHERE id = 1;
SELECT id, email FROM users WHERE lower(email) = 'carol@example.com';
SELECT id FROM users WHERE lower(email) = 'ann@example.com';
DELETE FROM users WHERE id = 1;
INSERT INTO users VALUES (1, 'carol@EXAMPLE.com', NULL, 10);
SELECT id FROM users WHERE lower(email) = 'carol@example.com';
-- Partial unique index: only live rows must be unique
CREATE TABLE accounts (id int PRIMARY KEY, name text, deleted boolean NOT NULL DEFAULT false);
CREATE UNIQUE INDEX accounts_live_name ON accounts (name) WHERE NOT deleted;
INSERT INTO accounts VALUES (1, 'acme', true), (2, 'acme', true), (3, 'acme', false);
INSERT INTO accounts VALUES (4, 'acme', false);
INSERT INTO accounts VALUES (4, 'acme', true);
UPDATE accounts SET deleted = false WHERE id = 1;
UPDATE accounts SET deleted = true WHERE id = 3;
UPDATE accounts SET deleted = false WHERE id = 1;
SELECT id FROM accounts WHERE name = 'acme' AND NOT deleted;
SELECT id FROM accounts WHERE name = 'acme' ORDER BY id;
SELECT count(*) FROM accounts WHERE deleted;
-- A partial index answers only queries its predicate covers
CREATE TABLE events (id int PRIMARY KEY, kind text, processed boolean, at int);
CREATE INDEX events_pending ON events (at) WHERE processed IS NOT TRUE;
INSERT INTO events SELECT g, CASE WHEN g % 3 = 0 THEN 'a' ELSE 'b' END, g % 2 = 0, g FROM generate_series(1, 50) g;
SELECT id FROM events WHERE processed IS NOT TRUE AND at < 8 ORDER BY id;
SELECT id FROM events WHERE at < 5 ORDER BY id;
UPDATE events SET processed = true WHERE id = 3;
SELECT id FROM events WHERE processed IS NOT TRUE AND at < 8 ORDER BY id;
-- Multi-column, with expressions and DESC
CREATE TABLE people (id int PRIMARY KEY, first text, last text, born date);
CREATE INDEX people_name ON people (lower(last), first DESC);
CREATE UNIQUE INDEX people_born_year ON people ((extract(year FROM born)), lower(first));
INSERT INTO people VALUES (1, 'Ann', 'Smith', '1990-01-01'), (2, 'Bo', 'smith', '1990-05-05'), (3, 'ann', 'Jones', '1991-01-01');
INSERT INTO people VALUES (4, 'ANN', 'Other', '1990-12-31');
SELECT id FROM people WHERE lower(last) = 'smith' ORDER BY id;
SELECT id FROM people WHERE lower(last) = 'smith' AND first = 'Bo';
-- Creating over existing rows checks them
CREATE TABLE tags (id int PRIMARY KEY, t text);
INSERT INTO tags VALUES (1, 'x'), (2, 'X'), (3, 'y');
CREATE UNIQUE INDEX tags_t ON tags (upper(t));
CREATE UNIQUE INDEX tags_t ON tags (upper(t)) WHERE id > 1;
CREATE UNIQUE INDEX tags_t2 ON tags (upper(t)) WHERE id <> 2;
INSERT INTO tags VALUES (4, 'Y');
INSERT INTO tags VALUES (5, 'X');
-- Errors
CREATE INDEX ON tags (nope(t));
CREATE INDEX ON tags (lower(missing));
CREATE INDEX ON tags (t) WHERE missing > 1;
CREATE INDEX ON tags (t) WHERE t;
CREATE INDEX ON tags ((SELECT 1));
CREATE INDEX ON tags (count(*));
-- Dropping or renaming a column an index expression uses
ALTER TABLE tags DROP COLUMN t;
INSERT INTO tags VALUES (6);
SELECT * FROM tags ORDER BY id;
