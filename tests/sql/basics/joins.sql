-- covers: INNER/LEFT/RIGHT/FULL/CROSS joins with ON, comma lists, multi-way joins, joins with GROUP BY, NULL join keys, ambiguity errors
CREATE TABLE customers (id INT PRIMARY KEY, name TEXT NOT NULL, city TEXT);
CREATE TABLE orders (order_id BIGINT PRIMARY KEY, customer_id INT, total FLOAT, status TEXT);
CREATE TABLE order_items (order_id BIGINT, line INT, product TEXT, qty INT, PRIMARY KEY (order_id, line));
INSERT INTO customers VALUES (1, 'Ann', 'Oslo'), (2, 'Ben', 'Rome'), (3, 'Cy', NULL), (4, 'Di', 'Oslo');
INSERT INTO orders VALUES (10, 1, 99.5, 'paid'), (11, 1, 15, 'open'), (12, 2, 250, 'paid'), (13, NULL, 5, 'open'), (14, 9, 1, 'lost');
INSERT INTO order_items VALUES (10, 1, 'pen', 2), (10, 2, 'ink', 1), (12, 1, 'desk', 1), (13, 1, 'clip', 100);
SELECT c.name, o.order_id, o.total FROM customers c INNER JOIN orders o ON o.customer_id = c.id ORDER BY o.order_id;
SELECT c.name, o.order_id FROM customers c JOIN orders o ON c.id = o.customer_id AND o.status = 'paid' ORDER BY 2;
SELECT c.name, o.order_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.id ORDER BY c.id, o.order_id;
SELECT c.name, o.order_id FROM customers c RIGHT JOIN orders o ON o.customer_id = c.id ORDER BY o.order_id;
SELECT c.name, o.order_id FROM customers c FULL JOIN orders o ON o.customer_id = c.id ORDER BY c.id, o.order_id;
SELECT c.name, o.order_id FROM customers c LEFT OUTER JOIN orders o ON o.customer_id = c.id WHERE o.order_id IS NULL ORDER BY 1;
SELECT count(*) FROM customers CROSS JOIN orders;
SELECT count(*) FROM customers, orders WHERE customers.id = orders.customer_id;
SELECT c.name, o.order_id, i.product, i.qty
FROM customers c
JOIN orders o ON o.customer_id = c.id
JOIN order_items i ON i.order_id = o.order_id
ORDER BY o.order_id, i.line;
SELECT c.name, count(o.order_id) AS orders, sum(o.total) AS spent
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.name ORDER BY spent DESC NULLS LAST, c.name;
SELECT c.city, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.city ORDER BY c.city;
SELECT a.name, b.name FROM customers a JOIN customers b ON a.city = b.city AND a.id < b.id;
SELECT a.name, b.name FROM customers a JOIN customers b ON a.id < b.id ORDER BY a.id, b.id;
SELECT * FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = 2;
SELECT o.order_id FROM orders o JOIN customers c ON o.total > c.id * 50 ORDER BY 1;
SELECT name FROM customers JOIN orders ON customer_id = id WHERE total > 50 ORDER BY 1;
SELECT id FROM customers c JOIN orders o ON o.customer_id = c.id;
SELECT order_id FROM orders o JOIN order_items i ON i.order_id = o.order_id;
SELECT * FROM customers c JOIN orders o ON o.nope = c.id;
SELECT * FROM customers c JOIN orders o ON o.customer_id;
SELECT * FROM customers, customers;
SELECT x.name FROM customers c;
DROP TABLE order_items, orders, customers;
