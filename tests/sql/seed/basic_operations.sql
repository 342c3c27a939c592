-- The seed's Quick Start, Core Concepts and Basic Operations, as ../shared/seed/walkthrough.sql
-- has them (lines 41-423), without psql's meta-commands and the VECTOR(8) stand-in
-- of Core Concepts (the vector issue's).
-- unordered
CREATE TABLE users (
    id INT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    age INT
);
INSERT INTO users VALUES (1, 'Alice Johnson', 'alice@example.com', 30);
INSERT INTO users VALUES (2, 'Bob Smith', 'bob@example.com', 25);
INSERT INTO users VALUES (3, 'Charlie Brown', 'charlie@example.com', 35);
SELECT * FROM users;
-- Find users older than 28
SELECT name, age FROM users WHERE age > 28;
-- Count total users
SELECT COUNT(*) as total_users FROM users;
-- Average age
SELECT AVG(age) as average_age FROM users;
-- Update Alice's age
UPDATE users SET age = 31 WHERE name = 'Alice Johnson';
-- Delete young users
DELETE FROM users WHERE age < 28;
-- Verify changes
SELECT * FROM users;
-- \q
-- (not run: it would end this script)
-- Table Structure (template with placeholders, not runnable as written):
-- CREATE TABLE table_name (
--     column1 TYPE constraints,
--     column2 TYPE constraints,
--     ...
-- );
-- Supported Data Types (a list, not an example): INT, BIGINT, FLOAT, DOUBLE, TEXT,
-- VARCHAR(n), BLOB, BYTEA, JSONB, VECTOR(n), TIMESTAMP, DATE, TIME, BOOLEAN
-- Standard B-Tree Index:
CREATE INDEX idx_users_email ON users(email);
-- Vector Index (HNSW):
-- (setup) the documents table is only created in "Vector Search"; a stand-in for this example
-- Composite Index:
CREATE INDEX idx_user_age_name ON users(age, name);
-- (Rust, not SQL)
-- In-Memory Mode:
--   let db = EmbeddedDatabase::new_in_memory()?;
-- Persistent Mode:
--   let db = EmbeddedDatabase::new("./my_database")?;
-- Encrypted Mode:
--   let config = Config {
--       encryption_key: Some(key),
--       ..Default::default()
--   };
--   let db = EmbeddedDatabase::with_config("./my_db", config)?;
-- Simple Table:
CREATE TABLE products (
    id INT PRIMARY KEY,
    name TEXT NOT NULL,
    price FLOAT,
    stock INT DEFAULT 0
);
-- Table with Constraints:
CREATE TABLE orders (
    order_id BIGINT PRIMARY KEY,
    customer_id INT NOT NULL,
    product_id INT NOT NULL,
    quantity INT CHECK (quantity > 0),
    total_price FLOAT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (customer_id) REFERENCES users(id),
    FOREIGN KEY (product_id) REFERENCES products(id)
);
-- Viewing Table Schema:
-- In REPL
-- SQL standard
SELECT column_name, data_type
FROM information_schema.columns
WHERE table_name = 'products';
-- Single Row:
INSERT INTO products (id, name, price, stock)
VALUES (1, 'Laptop', 1299.99, 50);
-- Multiple Rows:
INSERT INTO products VALUES
    (2, 'Mouse', 29.99, 200),
    (3, 'Keyboard', 79.99, 150),
    (4, 'Monitor', 399.99, 75);
-- Insert with SELECT:
-- (setup) the target table the example assumes
CREATE TABLE high_value_products (id INT PRIMARY KEY, name TEXT, price FLOAT);
INSERT INTO high_value_products (id, name, price)
SELECT id, name, price FROM products WHERE price > 100;
-- Returning Inserted Data:
INSERT INTO products (id, name, price)
VALUES (5, 'Headphones', 199.99)
RETURNING id, name;
-- Basic SELECT:
SELECT * FROM products;
SELECT name, price FROM products;
-- Filtering with WHERE:
-- Comparison operators
SELECT * FROM products WHERE price > 100;
SELECT * FROM products WHERE stock <= 50;
-- Logical operators
SELECT * FROM products WHERE price > 50 AND stock > 0;
SELECT * FROM products WHERE name = 'Laptop' OR name = 'Monitor';
-- Pattern matching
SELECT * FROM products WHERE name LIKE '%top%';
SELECT * FROM products WHERE name LIKE 'Key%';
-- Range queries
SELECT * FROM products WHERE price BETWEEN 50 AND 500;
SELECT * FROM products WHERE id IN (1, 3, 5, 7);
-- NULL checks
SELECT * FROM products WHERE stock IS NULL;
SELECT * FROM products WHERE stock IS NOT NULL;
-- Sorting with ORDER BY:
-- Ascending (default)
SELECT * FROM products ORDER BY price;
-- Descending
SELECT * FROM products ORDER BY price DESC;
-- Multiple columns
SELECT * FROM products ORDER BY price DESC, name ASC;
-- Limiting Results:
-- Top 5 most expensive products
SELECT * FROM products ORDER BY price DESC LIMIT 5;
-- Skip first 10, get next 20
SELECT * FROM products LIMIT 20 OFFSET 10;
-- Pagination (page 3, 10 items per page)
SELECT * FROM products LIMIT 10 OFFSET 20;
-- Distinct Values:
-- (setup) columns the following examples use (products.category, .discontinued,
-- .last_updated), a discontinued product with little stock, and some orders
ALTER TABLE products ADD COLUMN category TEXT;
ALTER TABLE products ADD COLUMN discontinued BOOLEAN DEFAULT false;
ALTER TABLE products ADD COLUMN last_updated DATE;
UPDATE products SET category = 'electronics', last_updated = '2025-10-01' WHERE id IN (1, 4);
UPDATE products SET category = 'accessories', last_updated = '2024-12-15' WHERE id IN (2, 3);
UPDATE products SET category = 'audio', last_updated = '2025-11-01' WHERE id = 5;
INSERT INTO products (id, name, price, stock, category, discontinued, last_updated)
VALUES (6, 'Webcam', 49.99, 5, 'electronics', true, '2024-06-01');
INSERT INTO orders (order_id, customer_id, product_id, quantity, total_price, created_at) VALUES
    (1, 1, 1, 1, 1299.99, '2025-11-01 10:00:00'),
    (2, 1, 2, 2, 59.98, '2025-11-02 11:30:00'),
    (3, 3, 3, 1, 79.99, '2025-11-03 09:15:00'),
    (4, 3, 4, 2, 799.98, '2025-11-04 16:45:00');
-- Unique categories
SELECT DISTINCT category FROM products;
-- Count unique customers
SELECT COUNT(DISTINCT customer_id) FROM orders;
-- Update Single Column:
UPDATE products SET price = 1199.99 WHERE id = 1;
-- Update Multiple Columns:
UPDATE products
SET price = price * 0.9, stock = stock - 10
WHERE category = 'electronics';
-- Conditional Updates:
-- Mark out-of-stock products
UPDATE products SET stock = 0 WHERE stock < 0;
-- Update with calculation
UPDATE products SET price = price * 1.1 WHERE last_updated < '2025-01-01';
-- Delete Specific Rows:
DELETE FROM products WHERE id = 5;
DELETE FROM products WHERE stock = 0 AND discontinued = true;
-- Delete All Rows (careful!):
-- (setup) orders references products: drop it so that the next three statements run as written
DROP TABLE orders;
DELETE FROM products; -- Keeps table structure
-- Drop Table:
DROP TABLE products; -- Removes table entirely
DROP TABLE IF EXISTS products; -- No error if doesn't exist
-- (setup) everything below queries products and orders again: re-create both as defined
-- in "Creating Tables", plus the columns later examples use (products: category,
-- discontinued, last_updated, product_id; orders: status, total, user_id), with rows.
-- The document uses products.id and products.product_id, orders.total_price and
-- orders.total, orders.customer_id and orders.user_id for the same things: here
-- product_id = id, total = total_price and user_id = customer_id.
CREATE TABLE products (
    id INT PRIMARY KEY,
    name TEXT NOT NULL,
    price FLOAT,
    stock INT DEFAULT 0,
    category TEXT,
    discontinued BOOLEAN DEFAULT false,
    last_updated DATE,
    product_id INT
);
INSERT INTO products VALUES
    (1, 'Laptop', 1299.99, 50, 'electronics', false, '2025-10-01', 1),
    (2, 'Mouse', 29.99, 200, 'accessories', false, '2024-12-15', 2),
    (3, 'Keyboard', 79.99, 150, 'accessories', false, '2024-12-15', 3),
    (4, 'Monitor', 399.99, 75, 'electronics', false, '2025-10-01', 4),
    (5, 'Headphones', 199.99, 0, 'audio', false, '2025-11-01', 5),
    (42, 'Widget', 19.99, 500, 'gadgets', false, '2025-09-01', 42),
    (123, 'Smart Speaker', 89.99, 60, 'audio', false, '2025-09-01', 123);
INSERT INTO users VALUES (123, 'Dana White', 'dana@example.com', 41);
CREATE TABLE orders (
    order_id BIGINT PRIMARY KEY,
    customer_id INT NOT NULL,
    product_id INT NOT NULL,
    quantity INT CHECK (quantity > 0),
    total_price FLOAT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    status TEXT,
    total FLOAT,
    user_id INT,
    FOREIGN KEY (customer_id) REFERENCES users(id),
    FOREIGN KEY (product_id) REFERENCES products(id)
);
INSERT INTO orders VALUES
    (1000, 3, 2, 1, 29.99, '2024-12-20 15:00:00', 'delivered', 29.99, 3),
    (1001, 1, 1, 1, 1299.99, '2025-07-15 10:00:00', 'delivered', 1299.99, 1),
    (1002, 1, 2, 2, 59.98, '2025-08-02 12:30:00', 'delivered', 59.98, 1),
    (1003, 3, 3, 1, 79.99, '2025-09-10 09:15:00', 'delivered', 79.99, 3),
    (1004, 123, 1, 8, 10399.92, '2025-09-28 16:45:00', 'delivered', 10399.92, 123),
    (1005, 123, 4, 1, 399.99, '2025-11-03 11:00:00', 'shipped', 399.99, 123),
    (1006, 3, 42, 3, 59.97, '2025-11-10 14:00:00', 'pending', 59.97, 3),
    (1007, 123, 123, 2, 179.98, '2025-11-12 08:20:00', 'pending', 179.98, 123);
-- Basic Aggregates:
SELECT COUNT(*) FROM products;
SELECT SUM(price) FROM products;
SELECT AVG(price) FROM products;
SELECT MIN(price) FROM products;
SELECT MAX(price) FROM products;
-- GROUP BY:
-- Products per category
SELECT category, COUNT(*) as product_count
FROM products
GROUP BY category;
-- Revenue per customer
SELECT customer_id, SUM(total_price) as total_revenue
FROM orders
GROUP BY customer_id;
-- Multiple aggregates
SELECT
    category,
    COUNT(*) as count,
    AVG(price) as avg_price,
    MIN(price) as min_price,
    MAX(price) as max_price
FROM products
GROUP BY category;
-- HAVING Clause:
-- Categories with more than 10 products
SELECT category, COUNT(*) as count
FROM products
GROUP BY category
HAVING COUNT(*) > 10;
-- High-value customers
SELECT customer_id, SUM(total_price) as revenue
FROM orders
GROUP BY customer_id
HAVING SUM(total_price) > 10000
ORDER BY revenue DESC;
-- INNER JOIN:
-- Orders with customer names
SELECT orders.order_id, users.name as customer_name, orders.total_price
FROM orders
INNER JOIN users ON orders.customer_id = users.id;
-- LEFT JOIN:
-- All customers, with or without orders
SELECT users.name, COUNT(orders.order_id) as order_count
FROM users
LEFT JOIN orders ON users.id = orders.customer_id
GROUP BY users.id, users.name;
-- Multiple Joins:
-- Full order details
SELECT
    orders.order_id,
    users.name as customer,
    products.name as product,
    orders.quantity,
    orders.total_price
FROM orders
INNER JOIN users ON orders.customer_id = users.id
INNER JOIN products ON orders.product_id = products.id;
-- Automatic Transaction (Rust, not SQL):
--   // Embedded API - auto-commit
--   db.execute("INSERT INTO users VALUES (1, 'Alice')")?;
-- Explicit Transaction (Rust, not SQL):
--   // Begin transaction
--   let tx = db.begin_transaction()?;
--   // Multiple operations
--   tx.execute("INSERT INTO accounts VALUES (1, 1000)")?;
--   tx.execute("INSERT INTO accounts VALUES (2, 500)")?;
--   tx.execute("UPDATE accounts SET balance = balance - 100 WHERE id = 1")?;
--   tx.execute("UPDATE accounts SET balance = balance + 100 WHERE id = 2")?;
--   // Commit (or rollback on error)
--   tx.commit()?;
-- SQL Transactions:
-- (setup) the accounts table, with the rows of the Rust example above
CREATE TABLE accounts (id INT PRIMARY KEY, balance INT);
INSERT INTO accounts VALUES (1, 1000);
INSERT INTO accounts VALUES (2, 500);
BEGIN TRANSACTION;
UPDATE accounts SET balance = balance - 100 WHERE id = 1;
UPDATE accounts SET balance = balance + 100 WHERE id = 2;
-- If everything looks good
COMMIT;
-- Or if there's an issue
-- (run as written, i.e. after the COMMIT: PostgreSQL answers
--  "WARNING: there is no transaction in progress" and changes nothing)
ROLLBACK;
