-- covers: the seed's Quick Start: CREATE TABLE, INSERT, SELECT *, WHERE, COUNT, UPDATE, DELETE
CREATE TABLE users (
    id INT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    age INT
);
INSERT INTO users VALUES (1, 'Alice Johnson', 'alice@example.com', 30);
INSERT INTO users VALUES (2, 'Bob Smith', 'bob@example.com', 25);
INSERT INTO users VALUES (3, 'Charlie Brown', 'charlie@example.com', 35);
SELECT * FROM users ORDER BY id;
SELECT name, age FROM users WHERE age > 28 ORDER BY id;
SELECT COUNT(*) as total_users FROM users;
UPDATE users SET age = 31 WHERE name = 'Alice Johnson';
DELETE FROM users WHERE age < 28;
SELECT * FROM users ORDER BY id;
DROP TABLE users;
