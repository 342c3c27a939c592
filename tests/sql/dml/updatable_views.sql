-- Automatically updatable views: INSERT, UPDATE and DELETE through a view
-- change its table; views that cannot take a change refuse it.
CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2) DEFAULT 9.99, qty int DEFAULT 0, note text);
INSERT INTO item VALUES (1, 'apple', 1.50, 10, NULL), (2, 'pear', 2.25, 0, 'soft'), (3, 'plum', 0.75, 5, NULL);
CREATE VIEW all_items AS SELECT * FROM item;
CREATE VIEW cheap AS SELECT id, name, price FROM item WHERE price < 2;
CREATE VIEW renamed (code, label) AS SELECT id, name FROM item;
CREATE VIEW priced AS SELECT id, name, price * 2 AS doubled, qty FROM item;
CREATE VIEW twice AS SELECT id, name, id AS id_again FROM item;
-- inserts
INSERT INTO all_items VALUES (4, 'fig', 3.00, 2, 'dried');
INSERT INTO cheap VALUES (5, 'lime', 0.40);
INSERT INTO cheap (id, name) VALUES (6, 'kiwi');
INSERT INTO renamed VALUES (7, 'date');
INSERT INTO renamed (label, code) VALUES ('nut', 8) RETURNING *;
INSERT INTO cheap VALUES (9, 'melon', 5.00) RETURNING id, name, price;
INSERT INTO priced (id, name, qty) VALUES (10, 'grape', 7) RETURNING *;
SELECT * FROM item ORDER BY id;
-- a row a view would not show still goes in without a check option
SELECT * FROM cheap ORDER BY id;
-- inserting into a computed column fails
INSERT INTO priced (id, name, doubled) VALUES (11, 'x', 1);
INSERT INTO priced VALUES (11, 'x', 1);
INSERT INTO priced VALUES (11, 'x');
INSERT INTO twice (id, id_again, name) VALUES (12, 12, 'y');
INSERT INTO twice (id, name) VALUES (12, 'y');
INSERT INTO renamed (nosuch) VALUES (1);
INSERT INTO renamed (code, code) VALUES (1, 1);
INSERT INTO cheap VALUES (13, 'a', 1, 2);
INSERT INTO cheap VALUES (1, 'dup', 1);
INSERT INTO cheap (id) VALUES (14);
INSERT INTO cheap VALUES (15, 'q', 'not a number');
INSERT INTO cheap SELECT id + 100, name || '!', price FROM item WHERE id < 3;
INSERT INTO cheap DEFAULT VALUES;
-- updates
UPDATE cheap SET price = price + 0.10 WHERE name = 'lime';
UPDATE cheap SET price = 10 WHERE id = 4;
WITH u AS (UPDATE cheap SET name = upper(name) RETURNING *) SELECT * FROM u ORDER BY id;
WITH u AS (UPDATE renamed SET label = label || '?' WHERE code > 100 RETURNING code, label) SELECT * FROM u ORDER BY code;
WITH u AS (UPDATE priced SET qty = qty + 1 WHERE doubled > 4 RETURNING id, doubled, qty) SELECT * FROM u ORDER BY id;
UPDATE priced SET doubled = 1;
UPDATE priced SET nosuch = 1;
UPDATE twice SET id = 20, id_again = 21 WHERE id = 1;
UPDATE twice SET id_again = 21 WHERE id = 1 RETURNING *;
UPDATE cheap SET price = DEFAULT WHERE id = 21 RETURNING *;
INSERT INTO cheap VALUES (40, 'x', DEFAULT) RETURNING *;
INSERT INTO all_items VALUES (41, 'y', DEFAULT, DEFAULT) RETURNING *;
UPDATE all_items SET price = DEFAULT, qty = DEFAULT WHERE id = 41 RETURNING *;
UPDATE cheap AS c SET name = c.name || '.' WHERE c.id = 5 RETURNING c.*;
SELECT * FROM item ORDER BY id;
-- deletes
WITH d AS (DELETE FROM cheap WHERE name LIKE 'K%' RETURNING *) SELECT * FROM d ORDER BY id;
WITH d AS (DELETE FROM priced WHERE doubled > 100 RETURNING id) SELECT * FROM d ORDER BY id;
WITH d AS (DELETE FROM renamed WHERE code IN (SELECT id FROM item WHERE note IS NOT NULL) RETURNING label) SELECT * FROM d ORDER BY label;
DELETE FROM cheap WHERE id = 3;
SELECT * FROM item ORDER BY id;
-- a subquery reading the view itself
UPDATE all_items SET qty = (SELECT max(qty) FROM all_items) WHERE id = 21;
SELECT id, qty FROM item WHERE id = 21;
-- prepared statements through a view
PREPARE up (int, text) AS UPDATE renamed SET label = $2 WHERE code = $1 RETURNING *;
EXECUTE up(21, 'twenty-one');
EXECUTE up(999, 'none');
DEALLOCATE up;
-- views over views
CREATE VIEW cheap_names AS SELECT name AS n, id FROM cheap WHERE id < 100;
INSERT INTO cheap_names VALUES ('cherry', 30);
UPDATE cheap_names SET n = 'CHERRY' WHERE id = 30 RETURNING *;
SELECT id, name, price FROM item WHERE id = 30;
DELETE FROM cheap_names WHERE n = 'CHERRY';
SELECT count(*) FROM item WHERE id = 30;
-- views that cannot be changed
CREATE VIEW v_distinct AS SELECT DISTINCT name FROM item;
CREATE VIEW v_group AS SELECT name, count(*) AS c FROM item GROUP BY name;
CREATE VIEW v_agg AS SELECT max(id) AS m FROM item;
CREATE VIEW v_window AS SELECT id, row_number() OVER () AS r FROM item;
CREATE VIEW v_union AS SELECT id FROM item UNION SELECT id FROM item;
CREATE VIEW v_limit AS SELECT id FROM item LIMIT 2;
CREATE VIEW v_join AS SELECT a.id, b.name FROM item a JOIN item b ON a.id = b.id;
CREATE VIEW v_nofrom AS SELECT 1 AS one;
CREATE VIEW v_sub AS SELECT id FROM (SELECT id FROM item) s;
CREATE VIEW v_with AS WITH w AS (SELECT id FROM item) SELECT id FROM w;
CREATE VIEW v_over_distinct AS SELECT * FROM v_distinct;
CREATE VIEW v_exprs AS SELECT id + 1 AS next, upper(name) AS big FROM item;
INSERT INTO v_distinct VALUES ('a');
UPDATE v_group SET name = 'b';
DELETE FROM v_agg;
DELETE FROM v_window;
DELETE FROM v_union;
DELETE FROM v_limit;
DELETE FROM v_join;
DELETE FROM v_nofrom;
DELETE FROM v_sub;
DELETE FROM v_with;
DELETE FROM v_over_distinct;
INSERT INTO v_exprs VALUES (1, 'a');
UPDATE v_exprs SET next = 1;
DELETE FROM v_exprs WHERE next = 3 RETURNING *;
SELECT count(*) FROM item WHERE id = 2;
-- information_schema reports what can change
SELECT table_name, is_updatable, is_insertable_into, check_option FROM information_schema.views WHERE table_schema = 'public' ORDER BY table_name;
SELECT table_name, is_insertable_into FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;
SELECT table_name, column_name, is_updatable FROM information_schema.columns WHERE table_name IN ('priced', 'twice', 'v_group') ORDER BY table_name, ordinal_position;
-- WITH CHECK OPTION
CREATE TABLE account (id int PRIMARY KEY, owner text, balance int);
CREATE VIEW positive AS SELECT * FROM account WHERE balance >= 0 WITH CHECK OPTION;
CREATE VIEW local_rich AS SELECT * FROM positive WHERE balance > 100 WITH LOCAL CHECK OPTION;
CREATE VIEW cascaded_rich AS SELECT * FROM positive WHERE balance > 100 WITH CASCADED CHECK OPTION;
CREATE VIEW unchecked_rich AS SELECT * FROM positive WHERE balance > 100;
CREATE VIEW option_form WITH (check_option = local) AS SELECT * FROM account WHERE owner IS NOT NULL;
INSERT INTO positive VALUES (1, 'ann', 50);
INSERT INTO positive VALUES (2, 'bob', -5);
INSERT INTO positive VALUES (2, 'bob', NULL);
UPDATE positive SET balance = balance - 100 WHERE id = 1;
UPDATE positive SET balance = balance - 10 WHERE id = 1 RETURNING *;
INSERT INTO local_rich VALUES (3, 'cy', 500);
INSERT INTO local_rich VALUES (4, 'di', 50);
INSERT INTO local_rich VALUES (4, 'di', -50);
INSERT INTO cascaded_rich VALUES (5, 'ed', 50);
INSERT INTO unchecked_rich VALUES (6, 'fi', 50);
INSERT INTO unchecked_rich VALUES (7, 'gu', -50);
UPDATE local_rich SET balance = 10 WHERE id = 3;
UPDATE unchecked_rich SET balance = 10 WHERE id = 3 RETURNING *;
INSERT INTO option_form VALUES (8, NULL, 1);
INSERT INTO option_form VALUES (8, 'hal', 1);
SELECT * FROM account ORDER BY id;
CREATE VIEW bad_option AS SELECT DISTINCT owner FROM account WITH CHECK OPTION;
CREATE VIEW bad_option WITH (check_option = sometimes) AS SELECT * FROM account;
SELECT table_name, check_option FROM information_schema.views WHERE table_name LIKE '%rich' OR table_name IN ('positive', 'option_form') ORDER BY 1;
-- changes through a view in a transaction roll back with it
BEGIN;
DELETE FROM positive;
SELECT count(*) FROM account;
ROLLBACK;
SELECT count(*) FROM account;
-- a view's WHERE is checked on the row's newest version within the transaction
BEGIN;
UPDATE account SET balance = -1 WHERE id = 3;
UPDATE positive SET owner = 'never' WHERE id = 3;
SELECT owner FROM account WHERE id = 3;
COMMIT;
DROP VIEW cascaded_rich, local_rich, unchecked_rich, option_form, positive;
DROP TABLE account;
