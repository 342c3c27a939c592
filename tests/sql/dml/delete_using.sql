-- DELETE ... USING: joins to other tables, aliases, RETURNING, subqueries and VALUES in USING, self-join deletes, errors.
-- unordered
CREATE TABLE customers (id int PRIMARY KEY, name text, country text, active boolean);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount numeric(8,2), status text);
CREATE TABLE blocked (country text, reason text);
INSERT INTO customers VALUES (1, 'ann', 'NL', true), (2, 'bob', 'DE', false), (3, 'cid', 'FR', true), (4, 'dee', 'XX', false), (5, 'eve', NULL, true);
INSERT INTO orders VALUES (10, 1, 5.00, 'open'), (11, 1, 15.00, 'done'), (12, 2, 7.50, 'open'), (13, 3, 1.25, 'open'), (14, 4, 9.00, 'done'), (15, 4, 2.00, 'open'), (16, 9, 3.00, 'open'), (17, NULL, 4.00, 'open');
INSERT INTO blocked VALUES ('XX', 'sanctions'), ('YY', 'fraud');
-- a plain join to another table
DELETE FROM orders USING customers WHERE customers.id = orders.customer_id AND NOT customers.active AND orders.status = 'done';
SELECT * FROM orders ORDER BY id;
-- aliases on the target and the USING table
DELETE FROM orders AS o USING customers AS c WHERE c.id = o.customer_id AND c.name = 'bob';
SELECT id, customer_id FROM orders ORDER BY id;
-- RETURNING columns of the target and of the USING table
DELETE FROM orders o USING customers c WHERE c.id = o.customer_id AND c.country = 'FR' RETURNING o.id, o.amount, c.name, c.country;
DELETE FROM orders o USING customers c, blocked b WHERE c.id = o.customer_id AND b.country = c.country RETURNING o.*, b.reason;
DELETE FROM orders o USING customers c WHERE c.id = o.customer_id AND c.id = 1 AND o.amount > 10 RETURNING *;
SELECT * FROM orders ORDER BY id;
-- USING with a JOIN inside
INSERT INTO orders VALUES (20, 3, 1.00, 'open'), (21, 2, 2.00, 'open'), (22, 5, 3.00, 'open');
DELETE FROM orders o USING customers c JOIN blocked b ON b.country IS DISTINCT FROM c.country WHERE c.id = o.customer_id AND c.country IS NULL AND b.country = 'XX' RETURNING o.id, c.name;
-- the target cannot be referenced inside a JOIN of the USING list
DELETE FROM orders o USING customers c JOIN blocked b ON b.country = c.country AND c.id = o.customer_id;
-- USING rows that match nothing delete nothing
DELETE FROM orders o USING customers c WHERE c.id = o.customer_id AND c.name = 'nobody';
DELETE FROM orders o USING blocked b WHERE b.country = 'ZZ' RETURNING o.id;
-- orders whose customer does not exist survive an inner join
DELETE FROM orders o USING customers c WHERE c.id = o.customer_id AND o.status = 'open' AND o.id > 16;
SELECT * FROM orders ORDER BY id;
-- USING a subquery
CREATE TABLE stock (sku text PRIMARY KEY, qty int, warehouse text);
INSERT INTO stock VALUES ('a', 0, 'w1'), ('b', 5, 'w1'), ('c', 0, 'w2'), ('d', 9, 'w2'), ('e', 1, 'w3'), ('f', 2, 'w3');
DELETE FROM stock s USING (SELECT warehouse, min(qty) AS lo FROM stock GROUP BY warehouse) m WHERE m.warehouse = s.warehouse AND s.qty = m.lo RETURNING s.sku, s.qty, m.lo;
SELECT * FROM stock ORDER BY sku;
-- USING a VALUES list
INSERT INTO stock VALUES ('g', 3, 'w4'), ('h', 4, 'w4'), ('i', 5, 'w4');
DELETE FROM stock s USING (VALUES ('g', 3), ('h', 99), ('zz', 1)) AS v(sku, qty) WHERE v.sku = s.sku AND v.qty = s.qty RETURNING s.sku, v.qty;
SELECT * FROM stock ORDER BY sku;
DELETE FROM stock USING (VALUES ('h'), ('i')) v(sku) WHERE v.sku = stock.sku;
SELECT * FROM stock ORDER BY sku;
-- a one-row USING without a join condition
DELETE FROM stock s USING (SELECT 5 AS cut) x WHERE s.qty >= x.cut;
SELECT * FROM stock ORDER BY sku;
-- self-join: delete duplicates keeping the lowest id
CREATE TABLE contacts (id int PRIMARY KEY, email text, name text);
INSERT INTO contacts VALUES (1, 'a@x', 'a1'), (2, 'b@x', 'b1'), (3, 'a@x', 'a2'), (4, 'c@x', 'c1'), (5, 'a@x', 'a3'), (6, 'b@x', 'b2'), (7, NULL, 'n1'), (8, NULL, 'n2');
SELECT email, count(*) AS n FROM contacts GROUP BY email ORDER BY email;
DELETE FROM contacts a USING contacts b WHERE a.email = b.email AND a.id > b.id;
SELECT * FROM contacts ORDER BY id;
SELECT email, count(*) AS n FROM contacts GROUP BY email ORDER BY email;
DELETE FROM contacts a USING contacts b WHERE a.email = b.email AND a.id > b.id;
-- self-join with RETURNING of both sides, each target row matched once
INSERT INTO contacts VALUES (10, 'c@x', 'c2'), (11, 'b@x', 'b3');
DELETE FROM contacts a USING contacts b WHERE b.id = (SELECT min(id) FROM contacts k WHERE k.email = a.email) AND a.id <> b.id RETURNING a.id, a.name, b.id AS kept_id, b.name AS kept_name;
SELECT * FROM contacts ORDER BY id;
-- the target row is deleted once even if several USING rows match
CREATE TABLE t (id int PRIMARY KEY, v text);
CREATE TABLE u (t_id int, tag text);
INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');
INSERT INTO u VALUES (1, 'x'), (1, 'y'), (1, 'z'), (3, 'x');
DELETE FROM t USING u WHERE u.t_id = t.id AND t.id = 1;
SELECT * FROM t ORDER BY id;
SELECT * FROM u ORDER BY t_id, tag;
DELETE FROM t USING u WHERE u.t_id = t.id RETURNING t.id, t.v, u.tag;
SELECT * FROM t ORDER BY id;
-- USING with EXISTS and NOT EXISTS in WHERE
INSERT INTO t VALUES (4, 'four'), (5, 'five'), (6, 'six');
INSERT INTO u VALUES (4, 'keep'), (5, 'drop');
DELETE FROM t USING u WHERE u.t_id = t.id AND u.tag = 'drop' AND NOT EXISTS (SELECT 1 FROM u u2 WHERE u2.t_id = t.id AND u2.tag = 'keep');
SELECT * FROM t ORDER BY id;
-- errors: ambiguous columns
DELETE FROM t USING t AS t2 WHERE t2.id = t.id AND v = 'two';
DELETE FROM contacts a USING contacts b WHERE email = 'a@x';
DELETE FROM contacts a USING contacts b WHERE a.id = b.id RETURNING name;
-- errors: unknown tables, the aliased target referred to by its table name
DELETE FROM nosuch USING t WHERE t.id = 1;
DELETE FROM t USING nosuch n WHERE n.id = t.id;
DELETE FROM t AS x USING u WHERE u.t_id = t.id;
DELETE FROM t USING u WHERE nosuch.id = t.id;
-- errors: the target table named again without an alias, unknown columns
DELETE FROM t USING t WHERE t.id = 1;
DELETE FROM t USING u, u WHERE u.t_id = t.id;
DELETE FROM t USING u WHERE u.nosuch = t.id;
DELETE FROM t USING u WHERE u.t_id = t.id RETURNING u.nosuch;
SELECT * FROM t ORDER BY id;
SELECT * FROM u ORDER BY t_id, tag;
