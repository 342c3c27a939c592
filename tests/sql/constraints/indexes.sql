-- CREATE [UNIQUE] INDEX and DROP INDEX: results through indexes equal results without them.
CREATE TABLE items (id INT PRIMARY KEY, sku TEXT, category TEXT, price INT, stock INT);
INSERT INTO items VALUES
  (1, 'A-1', 'tools', 30, 5), (2, 'A-2', 'tools', 10, 0), (3, 'B-1', 'garden', 25, 12),
  (4, 'B-2', 'garden', NULL, 3), (5, 'C-1', NULL, 40, 7), (6, 'C-2', 'tools', 10, 2);
CREATE INDEX items_category ON items (category);
CREATE INDEX ON items (price DESC, stock);
CREATE UNIQUE INDEX items_sku ON items (sku);
CREATE INDEX ON items (category);
CREATE INDEX IF NOT EXISTS items_category ON items (price);
CREATE INDEX items_category ON items (price);
CREATE INDEX items ON items (price);
CREATE INDEX bad ON items (nope);
CREATE INDEX bad ON nowhere (x);
SELECT id FROM items WHERE category = 'tools' ORDER BY id;
SELECT id FROM items WHERE category IS NULL;
SELECT id, price FROM items WHERE price = 10 ORDER BY id;
SELECT id, price FROM items WHERE price > 20 ORDER BY price DESC;
SELECT id FROM items WHERE price BETWEEN 10 AND 25 ORDER BY id;
SELECT id FROM items WHERE sku = 'B-2';
INSERT INTO items VALUES (7, 'A-1', 'tools', 1, 1);
INSERT INTO items VALUES (7, 'D-1', 'tools', 1, 1);
UPDATE items SET category = 'garden' WHERE id = 1;
SELECT id FROM items WHERE category = 'garden' ORDER BY id;
SELECT id FROM items WHERE category = 'tools' ORDER BY id;
UPDATE items SET sku = 'A-2' WHERE id = 1;
UPDATE items SET id = 100 WHERE id = 1;
SELECT id, sku FROM items WHERE sku = 'A-1';
DELETE FROM items WHERE category = 'garden';
SELECT id FROM items WHERE category = 'garden';
SELECT count(*) FROM items;
-- a unique index over duplicate data cannot be built
CREATE UNIQUE INDEX items_price ON items (price);
CREATE UNIQUE INDEX items_price ON items (price, id);
INSERT INTO items VALUES (8, 'E-1', NULL, 10, 2);
SELECT id FROM items WHERE price = 10 ORDER BY id;
-- dropping
DROP INDEX items_category;
DROP INDEX items_category;
DROP INDEX IF EXISTS items_category;
DROP INDEX items_pkey;
DROP INDEX items;
SELECT id FROM items WHERE category = 'tools' ORDER BY id;
-- index names share the table namespace
CREATE TABLE items_sku (x INT);
CREATE INDEX ON items (sku, category);
CREATE INDEX ON items (sku, category);
-- rows keep their indexes through TRUNCATE and ALTER TABLE ADD PRIMARY KEY
CREATE TABLE plain (a INT, b TEXT);
CREATE UNIQUE INDEX plain_b ON plain (b);
INSERT INTO plain VALUES (1, 'x'), (2, 'y');
INSERT INTO plain VALUES (3, 'x');
ALTER TABLE plain ADD PRIMARY KEY (a);
INSERT INTO plain VALUES (3, 'x');
INSERT INTO plain VALUES (3, 'z');
SELECT * FROM plain WHERE b = 'z';
TRUNCATE plain;
INSERT INTO plain VALUES (1, 'x');
SELECT * FROM plain;
-- DESC and multi-column indexes keep SQL's answers
CREATE TABLE events (day INT, seq INT, what TEXT);
CREATE INDEX events_day_seq ON events (day DESC, seq);
INSERT INTO events VALUES (1, 2, 'b'), (1, 1, 'a'), (2, 1, 'c'), (NULL, 1, 'n'), (2, NULL, 'm');
SELECT what FROM events WHERE day = 1 ORDER BY seq;
SELECT what FROM events WHERE day = 2 AND seq = 1;
SELECT what FROM events WHERE day >= 2 ORDER BY what;
SELECT what FROM events WHERE day IS NULL;
DROP TABLE events;
CREATE INDEX ON events (day);
-- operator classes: the type's own and the pattern ones (LIKE 'x%')
CREATE TABLE op (a int, t text, v varchar(10), c char(3));
CREATE INDEX op_t_like ON op (t text_pattern_ops);
CREATE INDEX op_v_like ON op (v varchar_pattern_ops);
CREATE INDEX op_c_like ON op (c bpchar_pattern_ops);
CREATE INDEX op_a ON op (a int4_ops DESC);
CREATE INDEX op_v_text ON op (v text_ops);
CREATE INDEX ON op (a text_pattern_ops);
CREATE INDEX ON op (t int4_ops);
CREATE INDEX ON op (t nosuch_ops);
INSERT INTO op VALUES (1, 'abc', 'abc', 'abc'), (2, 'abd', 'xbd', 'ab'), (3, 'b', 'ab', 'b');
SELECT a FROM op WHERE t LIKE 'ab%' ORDER BY a;
SELECT a FROM op WHERE v LIKE 'ab%' ORDER BY a;
SELECT a FROM op WHERE c = 'ab' ORDER BY a;
-- ALTER INDEX ... RENAME TO
CREATE TABLE rn (id int PRIMARY KEY, code text UNIQUE, n int);
CREATE INDEX rn_n ON rn (n);
ALTER INDEX rn_n RENAME TO rn_n2;
ALTER INDEX rn_n RENAME TO rn_n3;
ALTER INDEX IF EXISTS rn_n RENAME TO rn_n3;
ALTER INDEX rn_n2 RENAME TO rn;
ALTER INDEX rn_n2 RENAME TO rn_code_key;
ALTER INDEX rn RENAME TO rn_x;
ALTER INDEX rn_x RENAME TO rn;
ALTER INDEX rn_view RENAME TO rn_view2;
ALTER INDEX rn_code_key RENAME TO rn_code_uq;
ALTER INDEX rn_pkey RENAME TO rn_pk;
SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE table_name = 'rn' AND constraint_name NOT LIKE '%not_null' ORDER BY 1;
INSERT INTO rn VALUES (1, 'a', 1);
INSERT INTO rn VALUES (2, 'a', 2);
INSERT INTO rn VALUES (1, 'b', 3);
DROP INDEX rn_n2;
DROP INDEX rn_n;
CREATE INDEX rn_n2 ON rn (n);
