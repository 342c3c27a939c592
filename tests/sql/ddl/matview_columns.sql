-- Changing the columns of a table a materialized view reads: only the
-- columns the view's query uses are held, as PostgreSQL's dependencies hold them.
CREATE TABLE sales (id int PRIMARY KEY, region text, amount numeric(10,2), unused text, note text, spare int);
INSERT INTO sales VALUES (1, 'north', 10.50, 'u', 'a', 1), (2, 'south', 20.00, 'u', 'b', 2), (3, 'north', 5.25, 'u', 'c', 3);
CREATE MATERIALIZED VIEW by_region AS SELECT region, sum(amount) AS total, count(*) AS n FROM sales GROUP BY region;
CREATE MATERIALIZED VIEW notes AS SELECT id, note FROM sales WHERE spare > 0;
-- A column no view uses goes; the views refresh as before. One read only
-- in WHERE is held as much as one in the select list.
ALTER TABLE sales DROP COLUMN unused;
ALTER TABLE sales DROP COLUMN spare;
ALTER TABLE sales DROP COLUMN note;
ALTER TABLE sales DROP COLUMN note CASCADE;
SELECT relname FROM pg_class WHERE relname IN ('by_region', 'notes') ORDER BY relname;
INSERT INTO sales VALUES (4, 'south', 1.00);
REFRESH MATERIALIZED VIEW by_region;
SELECT * FROM by_region ORDER BY region;
-- A column one uses is held; CASCADE drops the view with it.
ALTER TABLE sales DROP COLUMN amount;
ALTER TABLE sales DROP COLUMN region;
BEGIN;
ALTER TABLE sales DROP COLUMN amount CASCADE;
SELECT relname FROM pg_class WHERE relname = 'by_region';
ROLLBACK;
SELECT count(*) FROM by_region;
-- Its type cannot change under it; another column's can.
ALTER TABLE sales ALTER COLUMN amount TYPE numeric(12,2);
ALTER TABLE sales ADD COLUMN code int;
ALTER TABLE sales ALTER COLUMN code TYPE bigint;
ALTER TABLE sales RENAME COLUMN code TO code2;
ALTER TABLE sales DROP COLUMN code2;
REFRESH MATERIALIZED VIEW by_region;
SELECT * FROM by_region ORDER BY region;
-- A view over the materialized view goes too, with CASCADE.
CREATE VIEW big_regions AS SELECT region FROM by_region WHERE total > 10;
ALTER TABLE sales DROP COLUMN region;
ALTER TABLE sales DROP COLUMN region CASCADE;
SELECT relname FROM pg_class WHERE relname IN ('by_region', 'big_regions');
SELECT * FROM sales ORDER BY id;
-- SELECT * reads every column there was when the view was made.
CREATE TABLE items (a int, b text, c int);
INSERT INTO items VALUES (1, 'x', 2);
CREATE MATERIALIZED VIEW all_items AS SELECT * FROM items;
ALTER TABLE items DROP COLUMN c;
ALTER TABLE items ALTER COLUMN b TYPE varchar(10);
CREATE MATERIALIZED VIEW starred AS SELECT i.* FROM items i;
ALTER TABLE items DROP COLUMN a;
DROP TABLE items CASCADE;
-- Columns read only in WHERE, ORDER BY, joins and subqueries count too.
CREATE TABLE p (id int PRIMARY KEY, flag boolean, rank int, extra text);
CREATE TABLE q (pid int, label text);
INSERT INTO p VALUES (1, true, 2, 'e'), (2, false, 1, 'f');
INSERT INTO q VALUES (1, 'one'), (2, 'two');
CREATE MATERIALIZED VIEW joined AS
  SELECT q.label FROM p JOIN q ON q.pid = p.id WHERE p.flag ORDER BY p.rank;
ALTER TABLE p DROP COLUMN flag;
ALTER TABLE p DROP COLUMN rank;
ALTER TABLE q DROP COLUMN pid;
ALTER TABLE p DROP COLUMN extra;
SELECT * FROM joined;
DROP TABLE p, q CASCADE;
DROP TABLE sales CASCADE;
