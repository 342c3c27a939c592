-- Generated columns: GENERATED ALWAYS AS (expr) STORED computed on INSERT and UPDATE (also ON CONFLICT, UPDATE ... FROM, foreign-key actions), RETURNING, ALTER TABLE ADD COLUMN / DROP EXPRESSION / TYPE / DROP COLUMN, catalogs, and every refusal.
CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL, price numeric(8,2), total numeric GENERATED ALWAYS AS (qty * price) STORED, label text GENERATED ALWAYS AS (upper(name) || '-' || id) STORED, name text);
INSERT INTO items (id, qty, price, name) VALUES (1, 2, 1.50, 'pen') RETURNING *;
INSERT INTO items VALUES (2, 3, 2.00, DEFAULT, DEFAULT, 'ink') RETURNING total, label;
INSERT INTO items (id, qty, price, total, name) VALUES (3, 1, 9.99, DEFAULT, 'pad'), (4, 5, NULL, DEFAULT, 'cap');
INSERT INTO items (id, qty, name) SELECT 5, 7, 'box';
SELECT * FROM items ORDER BY id;
UPDATE items SET qty = qty + 1 WHERE id = 1 RETURNING id, qty, total;
UPDATE items SET name = 'PEN', total = DEFAULT WHERE id = 1 RETURNING label, total;
UPDATE items SET (qty, label) = (10, DEFAULT) WHERE id = 2 RETURNING total, label;
INSERT INTO items (id, qty, price, total, name) VALUES (6, 1, 1, 5, 'bad');
INSERT INTO items VALUES (6, 1, 1, NULL, DEFAULT, 'bad');
INSERT INTO items (id, qty, price, total, name) VALUES (6, 1, 1, DEFAULT, 'ok'), (7, 1, 1, 2, 'bad');
INSERT INTO items (id, qty, total) SELECT 8, 1, 2;
INSERT INTO items (id, qty, price, total, name) OVERRIDING SYSTEM VALUE VALUES (9, 1, 1, 5, 'bad');
UPDATE items SET total = 0;
UPDATE items SET (qty, total) = (1, 2) WHERE id = 1;
SELECT count(*) FROM items;
-- ON CONFLICT: the arbiter is a generated column, and DO UPDATE recomputes the existing row
CREATE TABLE codes (raw text, code text GENERATED ALWAYS AS (lower(raw)) STORED UNIQUE, hits int DEFAULT 1);
INSERT INTO codes (raw) VALUES ('ABC'), ('Def');
INSERT INTO codes (raw) VALUES ('abc') ON CONFLICT (code) DO UPDATE SET hits = codes.hits + 1, raw = excluded.raw RETURNING *;
INSERT INTO codes (raw) VALUES ('DEF') ON CONFLICT (code) DO NOTHING RETURNING *;
INSERT INTO codes (raw) VALUES ('xyz') ON CONFLICT (code) DO UPDATE SET code = 'q';
INSERT INTO codes (raw) VALUES ('XYZ') ON CONFLICT (code) DO UPDATE SET code = DEFAULT RETURNING *;
INSERT INTO codes (raw) VALUES ('xyz') ON CONFLICT (code) DO UPDATE SET raw = 'Zed' RETURNING *;
SELECT * FROM codes ORDER BY code;
-- NOT NULL and CHECK see the computed value; a primary key may be generated
CREATE TABLE checked (a int, b int GENERATED ALWAYS AS (a * 2) STORED NOT NULL CHECK (b < 100));
INSERT INTO checked VALUES (1);
INSERT INTO checked VALUES (NULL);
INSERT INTO checked VALUES (60);
UPDATE checked SET a = 70;
UPDATE checked SET a = NULL;
CREATE TABLE keyed (a int, k int GENERATED ALWAYS AS (a + 1000) STORED PRIMARY KEY);
INSERT INTO keyed VALUES (1), (2);
INSERT INTO keyed VALUES (1);
SELECT * FROM keyed ORDER BY k;
-- UPDATE ... FROM
CREATE TABLE prices (id int, factor int);
INSERT INTO prices VALUES (1, 10), (3, 20);
UPDATE items SET qty = qty * prices.factor FROM prices WHERE items.id = prices.id RETURNING items.id, items.total, prices.factor;
-- a foreign-key action writes the referencing column: its generated columns follow
CREATE TABLE parents (id int PRIMARY KEY);
CREATE TABLE children (parent int REFERENCES parents ON UPDATE CASCADE ON DELETE SET NULL, tag text GENERATED ALWAYS AS ('p' || parent) STORED);
INSERT INTO parents VALUES (1), (2);
INSERT INTO children VALUES (1), (2);
UPDATE parents SET id = 10 WHERE id = 1;
DELETE FROM parents WHERE id = 2;
SELECT * FROM children ORDER BY parent;
CREATE TABLE bad_fk (a int, b int GENERATED ALWAYS AS (a) STORED REFERENCES parents ON UPDATE CASCADE);
CREATE TABLE bad_fk (a int, b int GENERATED ALWAYS AS (a) STORED REFERENCES parents ON DELETE SET NULL);
CREATE TABLE ok_fk (a int, b int GENERATED ALWAYS AS (a) STORED REFERENCES parents ON DELETE CASCADE);
INSERT INTO ok_fk VALUES (10);
INSERT INTO ok_fk VALUES (11);
-- catalogs
SELECT attname, attgenerated, atthasdef FROM pg_attribute WHERE attrelid = 'items'::regclass AND attnum > 0 ORDER BY attnum;
SELECT adnum, pg_get_expr(adbin, adrelid, true) FROM pg_attrdef WHERE adrelid = 'checked'::regclass;
SELECT column_name, column_default, is_generated, generation_expression, is_updatable FROM information_schema.columns WHERE table_name = 'checked' ORDER BY ordinal_position;
-- ALTER TABLE ADD COLUMN computes the column for the rows there
CREATE TABLE grow (a int, b text);
INSERT INTO grow VALUES (1, 'x'), (2, NULL);
ALTER TABLE grow ADD COLUMN c int GENERATED ALWAYS AS (a * 100) STORED;
ALTER TABLE grow ADD COLUMN d text GENERATED ALWAYS AS (coalesce(b, 'none')) STORED NOT NULL;
SELECT * FROM grow ORDER BY a;
ALTER TABLE grow ADD COLUMN e int GENERATED ALWAYS AS (c + 1) STORED;
ALTER TABLE grow ADD COLUMN e int DEFAULT 1 GENERATED ALWAYS AS (a) STORED;
ALTER TABLE grow ADD COLUMN e int GENERATED ALWAYS AS (a / 0) STORED;
ALTER TABLE grow ADD COLUMN e int GENERATED ALWAYS AS (CASE WHEN b IS NULL THEN NULL ELSE a END) STORED NOT NULL;
SELECT * FROM grow ORDER BY a;
-- DROP EXPRESSION keeps the values and makes a plain column
ALTER TABLE grow ALTER COLUMN c DROP EXPRESSION;
SELECT attname, attgenerated, atthasdef FROM pg_attribute WHERE attrelid = 'grow'::regclass AND attnum > 0 ORDER BY attnum;
INSERT INTO grow (a, b, c) VALUES (3, 'y', 7) RETURNING *;
UPDATE grow SET c = c + 1 WHERE a = 1 RETURNING *;
ALTER TABLE grow ALTER COLUMN c DROP EXPRESSION;
ALTER TABLE grow ALTER COLUMN c DROP EXPRESSION IF EXISTS;
ALTER TABLE grow ALTER COLUMN zz DROP EXPRESSION;
-- DEFAULT and identity on a generated column
ALTER TABLE grow ALTER COLUMN d SET DEFAULT 'q';
ALTER TABLE grow ALTER COLUMN d DROP DEFAULT;
ALTER TABLE grow ALTER COLUMN d ADD GENERATED ALWAYS AS IDENTITY;
ALTER TABLE keyed ALTER COLUMN k ADD GENERATED ALWAYS AS IDENTITY;
-- a column a generation expression reads: its type is fixed, and dropping it needs CASCADE
ALTER TABLE grow ALTER COLUMN b TYPE varchar(10);
ALTER TABLE grow ALTER COLUMN a TYPE bigint;
ALTER TABLE grow ALTER COLUMN d TYPE varchar(20);
SELECT * FROM grow ORDER BY a;
ALTER TABLE grow DROP COLUMN b;
ALTER TABLE grow DROP COLUMN b RESTRICT;
ALTER TABLE grow DROP COLUMN b CASCADE;
SELECT * FROM grow ORDER BY a;
ALTER TABLE grow DROP COLUMN d;
SELECT * FROM grow ORDER BY a;
-- what a generation expression may not be
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (a * 2) STORED, c int GENERATED ALWAYS AS (b + 1) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (b * 2) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (xmin::text::int) STORED);
CREATE TABLE bad (a int, b double precision GENERATED ALWAYS AS (random()) STORED);
CREATE TABLE bad (a int, b timestamptz GENERATED ALWAYS AS (now()) STORED);
CREATE TABLE bad (a timestamptz, b text GENERATED ALWAYS AS (a::text) STORED);
CREATE TABLE bad (a int, b date GENERATED ALWAYS AS (CURRENT_DATE) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (sum(a)) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (row_number() OVER ()) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS ((SELECT 1)) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (generate_series(1, a)) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (z * 2) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (other.a) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS ('x') STORED);
CREATE TABLE bad (a text, b int GENERATED ALWAYS AS (a || 'x') STORED);
CREATE TABLE bad (a int, b int DEFAULT 5 GENERATED ALWAYS AS (a * 2) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (a * 2) STORED DEFAULT 5);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS IDENTITY GENERATED ALWAYS AS (a * 2) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (a * 2) STORED GENERATED ALWAYS AS (a * 3) STORED);
CREATE TABLE bad (a int, b int GENERATED BY DEFAULT AS (a * 2) STORED);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL);
CREATE TABLE bad (a int, b int GENERATED ALWAYS AS (a * 2));
SELECT count(*) FROM pg_class WHERE relname = 'bad';
-- an expression may read a column defined after it, qualified by the table's name
CREATE TABLE later (b int GENERATED ALWAYS AS (later.a + length(c)) STORED, a int, c text);
INSERT INTO later (a, c) VALUES (1, 'abc') RETURNING *;
-- the type of a generated column changes; its values are computed again
CREATE TABLE retype (a int, b int GENERATED ALWAYS AS (a + 1) STORED);
INSERT INTO retype VALUES (1), (2);
ALTER TABLE retype ALTER COLUMN b TYPE date;
ALTER TABLE retype ALTER COLUMN b TYPE int USING 5;
ALTER TABLE retype ALTER COLUMN b TYPE text;
SELECT b, pg_typeof(b) FROM retype ORDER BY a;
INSERT INTO retype VALUES (3) RETURNING *;
