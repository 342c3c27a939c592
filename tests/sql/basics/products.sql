-- covers: the seed's Basic Operations on products: DEFAULT, multi-row INSERT, INSERT ... SELECT, RETURNING, filters, ordering
CREATE TABLE products (
    id INT PRIMARY KEY,
    name TEXT NOT NULL,
    price FLOAT,
    stock INT DEFAULT 0
);
INSERT INTO products (id, name, price, stock) VALUES (1, 'Laptop', 1299.99, 50);
INSERT INTO products VALUES
    (2, 'Mouse', 29.99, 200),
    (3, 'Keyboard', 79.99, 150),
    (4, 'Monitor', 399.99, 75);
INSERT INTO products (id, name, price) VALUES (5, 'Headphones', 199.99) RETURNING id, name;
INSERT INTO products (id, name) VALUES (6, 'Cable') RETURNING *;
SELECT * FROM products ORDER BY id;
SELECT name, price FROM products ORDER BY id;
SELECT * FROM products WHERE price > 100 ORDER BY id;
SELECT * FROM products WHERE stock <= 50 ORDER BY id;
SELECT * FROM products WHERE price > 50 AND stock > 0 ORDER BY id;
SELECT * FROM products WHERE name = 'Laptop' OR name = 'Monitor' ORDER BY id;
SELECT * FROM products WHERE name LIKE '%top%';
SELECT * FROM products WHERE name LIKE 'Key%';
SELECT * FROM products WHERE price BETWEEN 50 AND 500 ORDER BY id;
SELECT * FROM products WHERE id IN (1, 3, 5, 7) ORDER BY id;
SELECT * FROM products WHERE stock IS NULL;
SELECT * FROM products WHERE stock IS NOT NULL ORDER BY id;
SELECT * FROM products ORDER BY price;
SELECT * FROM products ORDER BY price DESC;
SELECT * FROM products ORDER BY stock DESC, price ASC;
SELECT * FROM products ORDER BY price DESC LIMIT 3;
SELECT * FROM products ORDER BY id LIMIT 2 OFFSET 2;
CREATE TABLE high_value_products (id INT PRIMARY KEY, name TEXT, price FLOAT);
INSERT INTO high_value_products (id, name, price)
SELECT id, name, price FROM products WHERE price > 100;
SELECT * FROM high_value_products ORDER BY id;
UPDATE products SET price = price * 0.9, stock = stock - 10 WHERE id = 1 RETURNING id, price, stock;
UPDATE products SET stock = stock + 5 WHERE stock < 100;
SELECT id, stock FROM products ORDER BY id;
DELETE FROM products WHERE stock = 0 RETURNING name;
DELETE FROM products WHERE price IS NULL;
SELECT count(*) FROM products;
DROP TABLE high_value_products;
DROP TABLE products;
