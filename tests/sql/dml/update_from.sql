-- UPDATE ... FROM: joins to other tables, aliases, RETURNING, subqueries and VALUES in FROM, self-joins, errors.
-- unordered
CREATE TABLE categories (id int PRIMARY KEY, name text, discount numeric(4,2));
CREATE TABLE products (id int PRIMARY KEY, name text, price numeric(8,2), category_id int, supplier_id int, stock int);
CREATE TABLE suppliers (id int PRIMARY KEY, name text, country text);
CREATE TABLE price_changes (product_id int, new_price numeric(8,2));
INSERT INTO categories VALUES (1, 'fruit', 0.10), (2, 'veg', 0.25), (3, 'dairy', 0);
INSERT INTO suppliers VALUES (1, 'acme', 'NL'), (2, 'bolt', 'DE'), (3, 'cory', 'FR');
INSERT INTO products VALUES (1, 'apple', 1.00, 1, 1, 10), (2, 'pear', 2.00, 1, 2, 0), (3, 'leek', 3.00, 2, 2, 5), (4, 'milk', 4.00, 3, 3, 7), (5, 'kale', 5.00, 2, NULL, 1), (6, 'misc', 6.00, NULL, 1, 2);
INSERT INTO price_changes VALUES (1, 1.50), (3, 3.50), (99, 9.99);
-- a plain join to another table
UPDATE products SET price = price_changes.new_price FROM price_changes WHERE price_changes.product_id = products.id;
SELECT id, name, price FROM products ORDER BY id;
-- aliases on the target and the FROM table
UPDATE products AS p SET price = p.price * (1 - c.discount) FROM categories AS c WHERE c.id = p.category_id AND c.name = 'fruit';
SELECT id, name, price FROM products ORDER BY id;
UPDATE products p SET stock = p.stock + 1 FROM suppliers s WHERE s.id = p.supplier_id AND s.country = 'DE';
SELECT id, stock FROM products ORDER BY id;
-- RETURNING columns of the target and of the FROM table
UPDATE products p SET stock = 0 FROM suppliers s WHERE s.id = p.supplier_id AND s.name = 'cory' RETURNING p.id, p.name, p.stock, s.name AS supplier, s.country;
UPDATE products p SET stock = p.stock * 10 FROM suppliers s WHERE s.id = p.supplier_id AND s.country = 'NL' RETURNING p.id, p.stock, s.name;
UPDATE products p SET name = upper(p.name) FROM categories c WHERE c.id = p.category_id AND c.id = 3 RETURNING *;
UPDATE products p SET name = lower(p.name) FROM categories c WHERE c.id = p.category_id AND c.id = 3 RETURNING c.*, p.name;
-- FROM with a join of two tables
UPDATE products p SET name = p.name || '/' || s.country FROM categories c JOIN suppliers s ON s.id <= 2 WHERE c.id = p.category_id AND s.id = p.supplier_id AND c.name = 'veg';
SELECT id, name FROM products ORDER BY id;
-- several FROM tables separated by commas
UPDATE products p SET name = c.name || ':' || s.name FROM categories c, suppliers s WHERE c.id = p.category_id AND s.id = p.supplier_id AND p.id IN (1, 4);
SELECT id, name FROM products ORDER BY id;
-- the target cannot be referenced inside a JOIN of the FROM list
UPDATE products p SET stock = 1 FROM categories c JOIN suppliers s ON s.id = p.supplier_id WHERE c.id = p.category_id;
-- FROM a subquery
UPDATE products p SET price = a.avg_price FROM (SELECT category_id, round(avg(price), 2) AS avg_price FROM products WHERE category_id IS NOT NULL GROUP BY category_id) AS a WHERE a.category_id = p.category_id AND p.category_id = 2 RETURNING p.id, p.price, a.avg_price;
SELECT id, price FROM products ORDER BY id;
-- a one-row FROM without a join condition applies to every target row
UPDATE products p SET stock = p.stock + m.bump FROM (SELECT 100 AS bump) m WHERE p.stock < 5;
SELECT id, stock FROM products ORDER BY id;
-- FROM a VALUES list
UPDATE products p SET name = v.name, stock = v.stock FROM (VALUES (1, 'apple', 11), (2, 'pear', 22)) AS v(id, name, stock) WHERE v.id = p.id RETURNING p.id, p.name, p.stock;
SELECT id, name, stock FROM products ORDER BY id;
UPDATE products AS p SET price = v.price FROM (VALUES (5, 5.55), (6, 6.66), (77, 7.77)) AS v(id, price) WHERE v.id = p.id;
SELECT id, price FROM products ORDER BY id;
-- row-valued SET from the FROM table
UPDATE products p SET (name, price) = (v.n, v.pr) FROM (VALUES (3, 'leek', 3.33)) v(id, n, pr) WHERE v.id = p.id;
SELECT * FROM products WHERE id = 3;
-- FROM rows that match nothing leave the target unchanged
UPDATE products p SET price = 0 FROM price_changes pc WHERE pc.product_id = p.id AND pc.product_id > 50;
UPDATE products p SET price = 0 FROM categories c WHERE c.id = p.category_id AND c.name = 'nothing';
UPDATE products p SET price = 0 FROM (VALUES (500)) v(id) WHERE v.id = p.id RETURNING p.id;
SELECT id, price FROM products ORDER BY id;
-- a target row without a partner (NULL category) is not updated by an inner join
UPDATE products p SET stock = -1 FROM categories c WHERE c.id = p.category_id;
SELECT id, category_id, stock FROM products ORDER BY id;
-- self-join: the target table again under another alias
CREATE TABLE emp (id int PRIMARY KEY, name text, manager_id int, dept text, salary int);
INSERT INTO emp VALUES (1, 'boss', NULL, 'hq', 500), (2, 'ann', 1, NULL, 100), (3, 'bob', 1, NULL, 150), (4, 'cid', 2, NULL, 90), (5, 'dee', NULL, NULL, 80);
UPDATE emp e SET dept = m.dept FROM emp m WHERE m.id = e.manager_id;
SELECT * FROM emp ORDER BY id;
UPDATE emp e SET dept = m.name || '-team' FROM emp m WHERE m.id = e.manager_id AND e.dept IS NULL RETURNING e.id, e.dept, m.name AS manager;
SELECT * FROM emp ORDER BY id;
-- the FROM side sees the rows as they were before the update
UPDATE emp e SET salary = m.salary + 1 FROM emp m WHERE m.id = e.manager_id OR (e.manager_id IS NULL AND m.id = e.id);
SELECT id, salary FROM emp ORDER BY id;
UPDATE emp AS e SET salary = e.salary - o.salary FROM emp AS o WHERE o.id = e.id + 1 RETURNING e.id, e.salary, o.id AS next_id;
SELECT id, salary FROM emp ORDER BY id;
-- a FROM subquery over the target table itself
UPDATE emp e SET salary = t.total FROM (SELECT manager_id, sum(salary) AS total FROM emp WHERE manager_id IS NOT NULL GROUP BY manager_id) t WHERE t.manager_id = e.id;
SELECT id, salary FROM emp ORDER BY id;
-- WHERE may use EXISTS on the FROM table as well
UPDATE emp e SET name = e.name || '*' FROM emp m WHERE m.id = e.manager_id AND EXISTS (SELECT 1 FROM emp x WHERE x.manager_id = e.id);
SELECT id, name FROM emp ORDER BY id;
-- the count in the command tag counts target rows
CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE TABLE u (id int, w int);
INSERT INTO t VALUES (1, 0), (2, 0), (3, 0);
INSERT INTO u VALUES (1, 10), (2, 20), (3, 30), (4, 40);
UPDATE t SET v = u.w FROM u WHERE u.id = t.id AND u.w >= 20;
SELECT * FROM t ORDER BY id;
UPDATE t SET v = t.v + u.w FROM u WHERE u.id = t.id RETURNING t.id, t.v, u.w;
SELECT * FROM t ORDER BY id;
-- errors: the target table named again without an alias
UPDATE t SET v = 1 FROM t WHERE t.id = 1;
UPDATE t x SET v = 1 FROM t x WHERE x.id = 1;
UPDATE t SET v = 1 FROM u, u WHERE u.id = t.id;
-- errors: an ambiguous column
UPDATE t SET v = 1 FROM u WHERE id = 1;
UPDATE t SET v = w FROM u WHERE u.id = t.id AND id > 1;
UPDATE t SET v = 1 FROM u RETURNING id;
-- errors: the aliased target referred to by its table name
UPDATE t AS x SET v = 1 FROM u WHERE u.id = t.id;
-- errors: a SET column qualified by the alias, unknown columns and tables
UPDATE t AS x SET x.v = 1 FROM u WHERE u.id = x.id;
UPDATE t SET v = u.nosuch FROM u WHERE u.id = t.id;
UPDATE t SET nosuch = 1 FROM u WHERE u.id = t.id;
UPDATE t SET v = 1 FROM nosuch n WHERE n.id = t.id;
UPDATE nosuch SET v = 1 FROM u WHERE u.id = 1;
-- a FROM table column cannot be a SET target
UPDATE t SET w = 1 FROM u WHERE u.id = t.id;
SELECT * FROM t ORDER BY id;
SELECT * FROM u ORDER BY id;
