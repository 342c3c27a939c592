-- FOREIGN KEY ... REFERENCES: checks on the referencing side, actions on the referenced side.
CREATE TABLE customers (id INT PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE);
CREATE TABLE orders (
  id INT PRIMARY KEY,
  customer_id INT REFERENCES customers(id),
  email TEXT REFERENCES customers(email) ON UPDATE CASCADE,
  total INT
);
INSERT INTO customers VALUES (1, 'Ann', 'ann@x.org'), (2, 'Bob', 'bob@x.org'), (3, 'Cy', NULL);
INSERT INTO orders VALUES (100, 1, 'ann@x.org', 10), (101, 1, NULL, 20), (102, 2, 'bob@x.org', 30);
INSERT INTO orders VALUES (103, 9, NULL, 5);
INSERT INTO orders VALUES (103, NULL, 'nobody@x.org', 5);
INSERT INTO orders VALUES (103, NULL, NULL, 5);
UPDATE orders SET customer_id = 7 WHERE id = 100;
UPDATE orders SET customer_id = 3 WHERE id = 100;
SELECT * FROM orders ORDER BY id;
DELETE FROM customers WHERE id = 2;
UPDATE customers SET id = 20 WHERE id = 2;
UPDATE customers SET email = 'robert@x.org' WHERE id = 2;
SELECT * FROM orders ORDER BY id;
DELETE FROM customers WHERE id = 3;
DELETE FROM orders WHERE customer_id = 3;
DELETE FROM customers WHERE id = 3;
SELECT * FROM customers ORDER BY id;
-- a statement may insert the row it references later in the same statement
CREATE TABLE tree (id INT PRIMARY KEY, parent INT REFERENCES tree);
INSERT INTO tree VALUES (2, 1), (1, NULL), (3, 1);
INSERT INTO tree VALUES (4, 40);
SELECT * FROM tree ORDER BY id;
DELETE FROM tree WHERE id = 1;
DELETE FROM tree WHERE id IN (1, 2, 3);
SELECT count(*) FROM tree;
-- ON DELETE CASCADE / SET NULL / SET DEFAULT / RESTRICT
CREATE TABLE authors (id INT PRIMARY KEY, name TEXT);
CREATE TABLE books (id INT PRIMARY KEY, author_id INT REFERENCES authors ON DELETE CASCADE, title TEXT);
CREATE TABLE reviews (id INT PRIMARY KEY, book_id INT REFERENCES books ON DELETE SET NULL, stars INT);
CREATE TABLE prizes (id INT PRIMARY KEY, author_id INT DEFAULT 0 REFERENCES authors ON DELETE SET DEFAULT);
CREATE TABLE quotes (id INT PRIMARY KEY, author_id INT REFERENCES authors ON DELETE RESTRICT);
INSERT INTO authors VALUES (0, 'nobody'), (1, 'Le Guin'), (2, 'Borges'), (3, 'Calvino');
INSERT INTO books VALUES (10, 1, 'Earthsea'), (11, 1, 'Lathe'), (12, 2, 'Ficciones');
INSERT INTO reviews VALUES (100, 10, 5), (101, 11, 4), (102, 12, 5);
INSERT INTO prizes VALUES (1000, 2), (1001, 1);
INSERT INTO quotes VALUES (7, 3);
DELETE FROM authors WHERE id = 1;
SELECT * FROM books ORDER BY id;
SELECT * FROM reviews ORDER BY id;
SELECT * FROM prizes ORDER BY id;
DELETE FROM authors WHERE id = 3;
DELETE FROM authors WHERE id = 0;
SELECT * FROM authors ORDER BY id;
-- composite keys
CREATE TABLE regions (country TEXT, code INT, PRIMARY KEY (country, code));
CREATE TABLE offices (id INT, country TEXT, code INT, FOREIGN KEY (country, code) REFERENCES regions (country, code));
INSERT INTO regions VALUES ('fr', 1), ('fr', 2), ('de', 1);
INSERT INTO offices VALUES (1, 'fr', 2), (2, 'de', 1), (3, NULL, 9);
INSERT INTO offices VALUES (4, 'de', 2);
DELETE FROM regions WHERE country = 'fr' AND code = 1;
DELETE FROM regions WHERE country = 'fr' AND code = 2;
SELECT * FROM offices ORDER BY id;
-- definition errors
CREATE TABLE bad1 (x INT REFERENCES nowhere);
CREATE TABLE bad2 (x INT REFERENCES customers (name));
CREATE TABLE bad3 (x INT REFERENCES customers (id, email));
CREATE TABLE bad4 (x TEXT REFERENCES customers (id));
CREATE TABLE nopk (a INT);
CREATE TABLE bad5 (x INT REFERENCES nopk);
CREATE TABLE bad6 (x INT, FOREIGN KEY (y) REFERENCES customers);
-- dropping and truncating referenced tables
DROP TABLE customers;
TRUNCATE customers;
TRUNCATE customers, orders;
SELECT count(*) FROM orders;
DROP TABLE customers CASCADE;
INSERT INTO orders VALUES (200, 12345, NULL, 1);
SELECT id, customer_id FROM orders;
-- ALTER TABLE ADD FOREIGN KEY checks existing rows
CREATE TABLE parents (id INT PRIMARY KEY);
CREATE TABLE kids (id INT, parent_id INT);
INSERT INTO parents VALUES (1), (2);
INSERT INTO kids VALUES (1, 1), (2, 3);
ALTER TABLE kids ADD FOREIGN KEY (parent_id) REFERENCES parents;
DELETE FROM kids WHERE parent_id = 3;
ALTER TABLE kids ADD CONSTRAINT kids_parent FOREIGN KEY (parent_id) REFERENCES parents;
INSERT INTO kids VALUES (3, 5);
DELETE FROM parents WHERE id = 1;
SELECT * FROM kids;
