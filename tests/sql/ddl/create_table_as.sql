-- CREATE TABLE ... AS, SELECT ... INTO: column names and types, WITH NO DATA, IF NOT EXISTS, VALUES, joins and expressions, errors.
CREATE TABLE src (id int PRIMARY KEY, name varchar(20) NOT NULL, price numeric(8,2) DEFAULT 0, qty int, active boolean, added date, ratio real, score double precision, big bigint);
CREATE TABLE cat (id int, label text, code varchar(5));
INSERT INTO src VALUES (1, 'apple', 1.50, 10, true, '2024-01-01', 0.5, 1.25, 10000000000), (2, 'pear', 2.25, 3, false, '2024-02-01', 0.25, 2.5, 2), (3, 'plum', 0.75, 7, true, '2024-03-01', 1, 3.75, 3), (4, 'fig', 4.00, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO cat VALUES (1, 'fruit', 'F'), (2, 'stone', 'S'), (3, 'stone', 'S');
-- the tag reports the rows written
CREATE TABLE t1 AS SELECT id, name, price FROM src WHERE active;
SELECT * FROM t1 ORDER BY id;
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 't1' ORDER BY ordinal_position;
CREATE TABLE t_all AS SELECT * FROM src;
SELECT * FROM t_all ORDER BY id;
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 't_all' ORDER BY ordinal_position;
-- constraints and defaults are not copied
SELECT column_name, is_nullable, column_default FROM information_schema.columns WHERE table_name = 't_all' ORDER BY ordinal_position;
INSERT INTO t_all (id, name) VALUES (1, NULL);
SELECT id, name, price FROM t_all WHERE id = 1 ORDER BY name;
SELECT count(*) AS n FROM information_schema.table_constraints WHERE table_name = 't_all' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK') AND constraint_name NOT LIKE '%not_null';
-- the new table is independent of its source
UPDATE src SET price = 99 WHERE id = 1;
SELECT id, price FROM t1 ORDER BY id;
INSERT INTO t1 VALUES (9, 'new', 9.99);
SELECT count(*) AS n FROM src;
-- a column list renames the columns
CREATE TABLE t2 (a, b) AS SELECT id, name FROM src WHERE id <= 2;
SELECT * FROM t2 ORDER BY a;
SELECT column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_name = 't2' ORDER BY ordinal_position;
-- fewer names than columns: the rest keep their own names
CREATE TABLE t3 (x) AS SELECT id, name, qty FROM src WHERE id = 3;
SELECT * FROM t3 ORDER BY x;
-- too many names
CREATE TABLE t4 (a, b, c) AS SELECT id, name FROM src;
-- duplicate column names
CREATE TABLE t4 AS SELECT id, name AS id FROM src;
CREATE TABLE t4 (a, a) AS SELECT id, name FROM src;
SELECT * FROM t4;
-- unnamed expressions: two of them clash on the name ?column?
CREATE TABLE t5 AS SELECT 1 + 1, id * 2 FROM src WHERE id = 1;
CREATE TABLE t5 AS SELECT 1 + 1, id * 2 AS double_id FROM src WHERE id = 1;
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't5' ORDER BY ordinal_position;
SELECT * FROM t5;
-- WITH NO DATA creates the empty table
CREATE TABLE t6 AS SELECT id, name, price FROM src WITH NO DATA;
SELECT count(*) AS n FROM t6;
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 't6' ORDER BY ordinal_position;
INSERT INTO t6 SELECT id, name, price FROM src WHERE id > 2;
SELECT * FROM t6 ORDER BY id;
CREATE TABLE t7 (k, v) AS SELECT id, name FROM src WHERE id = 1 WITH DATA;
SELECT * FROM t7 ORDER BY k;
-- an existing name
CREATE TABLE t1 AS SELECT 1 AS one;
CREATE TABLE src AS SELECT 1 AS one;
CREATE TABLE IF NOT EXISTS t1 AS SELECT 1 AS one;
CREATE TABLE IF NOT EXISTS t1 AS SELECT 1 AS one WITH NO DATA;
SELECT * FROM t1 ORDER BY id;
CREATE TABLE IF NOT EXISTS t8 AS SELECT 8 AS eight;
SELECT * FROM t8;
-- SELECT ... INTO
SELECT id, name, qty * 2 AS double_qty INTO t9 FROM src WHERE qty IS NOT NULL;
SELECT * FROM t9 ORDER BY id;
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't9' ORDER BY ordinal_position;
SELECT * INTO TABLE t10 FROM src WHERE false;
SELECT count(*) AS n FROM t10;
SELECT id INTO t9 FROM src;
SELECT id INTO nosuch_target FROM nosuch;
-- CREATE TABLE AS VALUES
CREATE TABLE tv AS VALUES (1, 'a', 1.5), (2, 'bb', 2.25);
SELECT * FROM tv ORDER BY column1;
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 'tv' ORDER BY ordinal_position;
CREATE TABLE tv2 (n, s) AS VALUES (1, 'x'), (2, NULL);
SELECT * FROM tv2 ORDER BY n;
-- the VALUES rows must agree on the column types
CREATE TABLE tv3 AS VALUES (1, 'x'), ('y', 2);
-- a join with expressions: the result types
CREATE TABLE tj AS
  SELECT s.id, s.name, c.label, s.name || '/' || c.code AS tagged, upper(s.name) AS uname,
         s.price * s.qty AS total, s.price::numeric(10,1) AS rounded, s.qty::bigint AS qty8,
         s.qty + s.big AS sum8, s.ratio * 2 AS ratio2, s.score / 2 AS half, s.added + 1 AS next_day,
         s.active AND c.label = 'stone' AS stone_and_active, 'lit' AS literal, 2.5 AS num_lit,
         CAST(s.name AS varchar(3)) AS short, c.code AS code, coalesce(s.qty, 0) AS q
  FROM src s JOIN cat c ON c.id = s.id;
SELECT * FROM tj ORDER BY id;
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 'tj' ORDER BY ordinal_position;
-- aggregates and grouping
CREATE TABLE tg AS SELECT c.label, count(*) AS n, sum(s.qty) AS qty_sum, avg(s.price) AS avg_price, max(s.name) AS max_name, min(s.added) AS first_added FROM src s JOIN cat c ON c.id = s.id GROUP BY c.label;
SELECT * FROM tg ORDER BY label;
SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_name = 'tg' ORDER BY ordinal_position;
-- ORDER BY / LIMIT, set operations, a CTE, a view, TABLE
CREATE TABLE tl AS SELECT id, name FROM src ORDER BY price DESC LIMIT 2;
SELECT * FROM tl ORDER BY id;
CREATE TABLE tu AS SELECT name FROM src WHERE id < 3 UNION SELECT label FROM cat;
SELECT * FROM tu ORDER BY name;
SELECT column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_name = 'tu' ORDER BY ordinal_position;
CREATE TABLE tc AS WITH cheap AS (SELECT id, price FROM src WHERE price < 3) SELECT id, price * 10 AS p10 FROM cheap;
SELECT * FROM tc ORDER BY id;
CREATE VIEW v_src AS SELECT id, name FROM src WHERE id > 2;
CREATE TABLE tw AS SELECT * FROM v_src;
SELECT * FROM tw ORDER BY id;
CREATE TABLE tt AS TABLE cat;
SELECT * FROM tt ORDER BY id;
-- the new table can be altered and indexed like any other
ALTER TABLE tt ADD PRIMARY KEY (id);
INSERT INTO tt VALUES (1, 'dup', 'D');
CREATE UNIQUE INDEX tw_name_idx ON tw (name);
-- errors in the query leave no table behind
CREATE TABLE te AS SELECT nosuch FROM src;
CREATE TABLE te AS SELECT 1 / 0 AS boom FROM src;
SELECT * FROM te;
CREATE TABLE te AS SELECT * FROM nosuch;
CREATE TABLE te AS SELECT id, name FROM src WHERE id = 1;
SELECT * FROM te;
