-- ALTER TABLE column changes: DROP COLUMN, ALTER COLUMN TYPE [USING], SET/DROP DEFAULT, SET/DROP NOT NULL, RENAME COLUMN, several actions at once, errors.
CREATE TABLE items (id int PRIMARY KEY, name text, qty int, price numeric(8,3), code varchar(10), note text);
INSERT INTO items VALUES (1, 'apple', 10, 1.255, 'A1', 'red'), (2, 'pear', 20, 2.5, 'P2', NULL), (3, 'plum', NULL, 0.125, 'PL3', 'x');
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position;
-- DROP COLUMN; the remaining columns keep their order
ALTER TABLE items DROP COLUMN note;
SELECT * FROM items ORDER BY id;
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position;
ALTER TABLE items DROP COLUMN note;
ALTER TABLE items DROP COLUMN IF EXISTS note;
ALTER TABLE items DROP COLUMN IF EXISTS note CASCADE;
INSERT INTO items VALUES (4, 'fig', 4, 4.4444, 'F4');
-- the dropped column takes no value any more
INSERT INTO items VALUES (5, 'kiwi', 5, 5, 'K5', 'extra');
SELECT * FROM items ORDER BY id;
-- int -> bigint keeps the values and accepts bigger ones
ALTER TABLE items ALTER COLUMN qty TYPE bigint;
INSERT INTO items VALUES (6, 'lime', 5000000000, 16, 'L6');
SELECT id, qty, qty * 2 AS twice FROM items ORDER BY id;
-- numeric scale change rounds the stored values
ALTER TABLE items ALTER COLUMN price TYPE numeric(8,1);
SELECT id, price FROM items ORDER BY id;
-- a value that no longer fits fails the change
ALTER TABLE items ALTER COLUMN price TYPE numeric(3,2);
ALTER TABLE items ALTER COLUMN price SET DATA TYPE numeric(10,2);
INSERT INTO items VALUES (7, 'date', 7, 7.777, 'D7');
SELECT id, price FROM items ORDER BY id;
-- varchar length: shrinking fails when a value is too long, growing works
ALTER TABLE items ALTER COLUMN code TYPE varchar(2);
ALTER TABLE items ALTER COLUMN code TYPE varchar(3);
INSERT INTO items VALUES (8, 'nut', 8, 8, 'N888');
ALTER TABLE items ALTER COLUMN code TYPE varchar(20);
INSERT INTO items VALUES (8, 'nut', 8, 8, 'N888');
SELECT id, code, length(code) AS len FROM items ORDER BY id;
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position;
-- type change of the primary key column: the key still holds
ALTER TABLE items ALTER COLUMN id TYPE bigint;
INSERT INTO items VALUES (8, 'dup', 1, 1, 'X');
INSERT INTO items VALUES (9000000000, 'huge', 1, 1, 'H');
SELECT id, name FROM items WHERE id > 7 ORDER BY id;
-- type change of an indexed column: the index stays (its name is still taken)
CREATE INDEX items_name_idx ON items (name);
ALTER TABLE items ALTER COLUMN name TYPE varchar(10);
SELECT id, name FROM items WHERE name = 'pear';
CREATE INDEX items_name_idx ON items (code);
ALTER TABLE items ALTER COLUMN name TYPE varchar(3);
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position;
-- text -> int needs USING
CREATE TABLE conv (id int PRIMARY KEY, s text, flag text, d text);
INSERT INTO conv VALUES (1, '12', 'yes', '2024-01-31'), (2, ' 34 ', 'no', '2023-12-01'), (3, NULL, NULL, NULL);
ALTER TABLE conv ALTER COLUMN s TYPE int;
ALTER TABLE conv ALTER COLUMN s TYPE int USING s::int;
ALTER TABLE conv ALTER COLUMN flag TYPE boolean USING flag = 'yes';
ALTER TABLE conv ALTER COLUMN d TYPE date USING d::date;
SELECT id, s, s + 1 AS s1, flag, d, d + 1 AS next_day FROM conv ORDER BY id;
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'conv' ORDER BY ordinal_position;
-- a USING expression may use other columns
ALTER TABLE conv ALTER COLUMN s TYPE bigint USING s * 100 + id;
SELECT id, s FROM conv ORDER BY id;
-- a failing conversion leaves the column as it was
CREATE TABLE bad (id int, v text);
INSERT INTO bad VALUES (1, '7'), (2, 'abc');
ALTER TABLE bad ALTER COLUMN v TYPE int USING v::int;
SELECT id, v, v || '!' AS still_text FROM bad ORDER BY id;
DELETE FROM bad WHERE v = 'abc';
ALTER TABLE bad ALTER COLUMN v TYPE int USING v::int;
SELECT id, v, v + 1 AS plus FROM bad ORDER BY id;
-- a default that cannot be converted blocks the type change
CREATE TABLE defs (id int, label text DEFAULT 'none');
ALTER TABLE defs ALTER COLUMN label TYPE int USING length(label);
ALTER TABLE defs ALTER COLUMN label DROP DEFAULT;
INSERT INTO defs VALUES (1, 'abcd');
ALTER TABLE defs ALTER COLUMN label TYPE int USING length(label);
SELECT * FROM defs ORDER BY id;
-- SET DEFAULT / DROP DEFAULT affect only later inserts
ALTER TABLE conv ALTER COLUMN s SET DEFAULT 5;
ALTER TABLE conv ALTER COLUMN flag SET DEFAULT true;
INSERT INTO conv (id) VALUES (4);
SELECT id, s, flag, d FROM conv ORDER BY id;
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'conv' ORDER BY ordinal_position;
ALTER TABLE conv ALTER COLUMN s DROP DEFAULT;
ALTER TABLE conv ALTER COLUMN s DROP DEFAULT;
INSERT INTO conv (id) VALUES (5);
SELECT id, s, flag FROM conv ORDER BY id;
ALTER TABLE conv ALTER COLUMN nosuch SET DEFAULT 1;
-- SET NOT NULL fails while NULLs exist
ALTER TABLE conv ALTER COLUMN s SET NOT NULL;
UPDATE conv SET s = 0 WHERE s IS NULL;
ALTER TABLE conv ALTER COLUMN s SET NOT NULL;
INSERT INTO conv (id, s) VALUES (6, NULL);
INSERT INTO conv (id) VALUES (6);
INSERT INTO conv (id, s) VALUES (6, 66);
SELECT id, s, flag FROM conv ORDER BY id;
SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'conv' ORDER BY ordinal_position;
ALTER TABLE conv ALTER COLUMN s DROP NOT NULL;
INSERT INTO conv (id) VALUES (7);
SELECT id, s FROM conv WHERE s IS NULL ORDER BY id;
-- a primary key column cannot lose NOT NULL
ALTER TABLE conv ALTER COLUMN id DROP NOT NULL;
ALTER TABLE conv ALTER COLUMN nosuch SET NOT NULL;
-- RENAME COLUMN
ALTER TABLE conv RENAME COLUMN s TO amount;
ALTER TABLE conv RENAME flag TO ok;
SELECT id, amount, ok FROM conv WHERE id < 3 ORDER BY id;
SELECT s FROM conv;
ALTER TABLE conv RENAME COLUMN amount TO ok;
ALTER TABLE conv RENAME COLUMN nosuch TO other;
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'conv' ORDER BY ordinal_position;
-- several actions in one statement
ALTER TABLE conv ADD COLUMN active boolean DEFAULT false, ALTER COLUMN amount SET DEFAULT -1, DROP COLUMN d, ALTER COLUMN ok SET NOT NULL;
UPDATE conv SET ok = false WHERE ok IS NULL;
ALTER TABLE conv ADD COLUMN active boolean DEFAULT false, ALTER COLUMN amount SET DEFAULT -1, DROP COLUMN d, ALTER COLUMN ok SET NOT NULL;
INSERT INTO conv (id) VALUES (8);
SELECT * FROM conv ORDER BY id;
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'conv' ORDER BY ordinal_position;
-- one failing action undoes the others
ALTER TABLE conv ADD COLUMN extra int, ALTER COLUMN amount DROP DEFAULT, DROP COLUMN nosuch;
SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = 'conv' ORDER BY ordinal_position;
-- missing tables
ALTER TABLE nosuch DROP COLUMN a;
ALTER TABLE nosuch ALTER COLUMN a TYPE int;
ALTER TABLE IF EXISTS nosuch DROP COLUMN a;
ALTER TABLE IF EXISTS nosuch ALTER COLUMN a SET DEFAULT 1;
ALTER TABLE IF EXISTS conv DROP COLUMN IF EXISTS nosuch;
-- columns used by a view
CREATE TABLE emp (id int PRIMARY KEY, name text, dept text, salary int);
INSERT INTO emp VALUES (1, 'ann', 'ops', 100), (2, 'bob', 'dev', 200);
CREATE VIEW emp_names AS SELECT id, name FROM emp;
ALTER TABLE emp DROP COLUMN dept;
SELECT * FROM emp_names ORDER BY id;
ALTER TABLE emp DROP COLUMN name;
ALTER TABLE emp ALTER COLUMN name TYPE varchar(20);
SELECT * FROM emp_names ORDER BY id;
ALTER TABLE emp DROP COLUMN name CASCADE;
SELECT * FROM emp_names;
SELECT * FROM emp ORDER BY id;
-- an index on a dropped column goes away with it
CREATE INDEX emp_salary_idx ON emp (salary);
ALTER TABLE emp DROP COLUMN salary;
CREATE INDEX emp_salary_idx ON emp (id);
-- dropping the primary key column drops the key too
ALTER TABLE emp ADD COLUMN code text;
ALTER TABLE emp DROP COLUMN id;
INSERT INTO emp VALUES ('c'), ('c');
SELECT code, count(*) AS n FROM emp GROUP BY code ORDER BY code;
SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE table_name = 'emp' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK') AND constraint_name NOT LIKE '%not_null' ORDER BY constraint_name;
-- ... unless a foreign key references it
CREATE TABLE parent (id int PRIMARY KEY, v text);
CREATE TABLE child (pid int REFERENCES parent (id), w text);
INSERT INTO parent VALUES (1, 'p1');
INSERT INTO child VALUES (1, 'c1');
ALTER TABLE parent DROP COLUMN id;
ALTER TABLE parent DROP COLUMN id CASCADE;
INSERT INTO child VALUES (99, 'orphan');
SELECT * FROM child ORDER BY pid;
SELECT * FROM parent ORDER BY v;
-- a table may lose its only column
CREATE TABLE solo (x int);
INSERT INTO solo VALUES (1), (2);
ALTER TABLE solo DROP COLUMN x;
SELECT count(*) AS n FROM solo;
SELECT column_name FROM information_schema.columns WHERE table_name = 'solo' ORDER BY ordinal_position;
ALTER TABLE solo ADD COLUMN y int DEFAULT 7;
SELECT * FROM solo ORDER BY y;
