-- Materialized views: made by a query, read like tables, written only by REFRESH.
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, total numeric(10,2), created_at timestamp);
INSERT INTO orders VALUES (1, 1, 10.50, '2025-11-20 09:00'), (2, 1, 4.50, '2025-11-20 10:00'),
  (3, 2, 100.00, '2025-11-21 09:00'), (4, 3, 7.25, '2025-11-22 12:00');
CREATE MATERIALIZED VIEW customer_stats AS
SELECT customer_id, count(*) AS order_count, sum(total) AS revenue, avg(total) AS avg_order_value
FROM orders GROUP BY customer_id;
SELECT * FROM customer_stats ORDER BY customer_id;
SELECT * FROM customer_stats WHERE customer_id = 2;
CREATE MATERIALIZED VIEW daily (day, n) AS SELECT date(created_at), count(*) FROM orders GROUP BY date(created_at) WITH NO DATA;
SELECT * FROM daily;
SELECT count(*) FROM daily;
CREATE MATERIALIZED VIEW IF NOT EXISTS daily AS SELECT 1;
CREATE MATERIALIZED VIEW daily AS SELECT 1;
CREATE MATERIALIZED VIEW orders AS SELECT 1;
-- The rows stay as they were until a refresh.
INSERT INTO orders VALUES (5, 2, 50.00, '2025-11-22 13:00');
SELECT customer_id, order_count FROM customer_stats ORDER BY customer_id;
REFRESH MATERIALIZED VIEW customer_stats;
SELECT customer_id, order_count, revenue FROM customer_stats ORDER BY customer_id;
REFRESH MATERIALIZED VIEW daily;
SELECT * FROM daily ORDER BY day;
-- CONCURRENTLY needs a populated view (PostgreSQL's also a unique index; ours
-- works without one, as the integration test shows).
CREATE UNIQUE INDEX customer_stats_id ON customer_stats (customer_id);
DELETE FROM orders WHERE id = 4;
UPDATE orders SET total = 60.00 WHERE id = 5;
INSERT INTO orders VALUES (6, 4, 1.00, '2025-11-23 08:00');
REFRESH MATERIALIZED VIEW CONCURRENTLY customer_stats;
SELECT * FROM customer_stats ORDER BY customer_id;
SELECT customer_id FROM customer_stats WHERE customer_id = 4;
REFRESH MATERIALIZED VIEW CONCURRENTLY customer_stats WITH NO DATA;
REFRESH MATERIALIZED VIEW customer_stats WITH NO DATA;
SELECT * FROM customer_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY customer_stats;
REFRESH MATERIALIZED VIEW customer_stats WITH DATA;
SELECT count(*) FROM customer_stats;
-- Only REFRESH writes one.
INSERT INTO customer_stats VALUES (9, 1, 1, 1);
UPDATE customer_stats SET order_count = 0;
DELETE FROM customer_stats;
TRUNCATE customer_stats;
INSERT INTO customer_stats SELECT * FROM customer_stats ON CONFLICT DO NOTHING;
ALTER TABLE customer_stats ADD COLUMN extra int;
ALTER MATERIALIZED VIEW customer_stats ALTER COLUMN revenue SET DEFAULT 0;
CREATE TABLE refs (c int REFERENCES customer_stats (customer_id));
-- Wrong kinds of relation.
REFRESH MATERIALIZED VIEW orders;
REFRESH MATERIALIZED VIEW nosuch;
DROP TABLE customer_stats;
DROP VIEW customer_stats;
DROP MATERIALIZED VIEW orders;
DROP MATERIALIZED VIEW nosuch;
DROP MATERIALIZED VIEW IF EXISTS nosuch;
-- The catalogs.
SELECT relname, relkind, relispopulated, relreplident FROM pg_class WHERE relname IN ('customer_stats', 'daily') ORDER BY 1;
SELECT schemaname, matviewname, matviewowner, hasindexes, ispopulated, definition FROM pg_matviews ORDER BY 2;
SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1;
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1;
SELECT count(*) FROM information_schema.columns WHERE table_name = 'customer_stats';
SELECT attname, atttypid::regtype FROM pg_attribute WHERE attrelid = 'daily'::regclass AND attnum > 0 ORDER BY attnum;
SELECT pg_get_viewdef('daily'::regclass);
CREATE MATERIALIZED VIEW by_position AS SELECT customer_id % 2 AS parity, date(created_at), count(*) FROM orders GROUP BY 1, 2;
SELECT pg_get_viewdef('by_position'::regclass);
DROP MATERIALIZED VIEW by_position;
SELECT indexname FROM pg_indexes WHERE tablename = 'customer_stats';
-- Renames.
ALTER MATERIALIZED VIEW daily RENAME TO days;
ALTER MATERIALIZED VIEW days RENAME COLUMN n TO orders;
SELECT * FROM days ORDER BY day;
ALTER TABLE days RENAME TO daily;
ALTER MATERIALIZED VIEW orders RENAME TO o2;
ALTER MATERIALIZED VIEW IF EXISTS nosuch RENAME TO x;
REFRESH MATERIALIZED VIEW daily;
SELECT * FROM daily ORDER BY day;
-- Dependencies: views over it, and it over tables.
CREATE VIEW big_customers AS SELECT customer_id FROM customer_stats WHERE revenue > 50;
SELECT * FROM big_customers ORDER BY 1;
CREATE MATERIALIZED VIEW over_view AS SELECT count(*) AS n FROM big_customers;
SELECT * FROM over_view;
DROP MATERIALIZED VIEW customer_stats;
DROP TABLE orders;
DROP MATERIALIZED VIEW customer_stats CASCADE;
DROP TABLE orders CASCADE;
SELECT relname FROM pg_class WHERE relname IN ('customer_stats', 'daily', 'over_view', 'big_customers');
-- A materialized view of a join, with a window function, and one of constants.
CREATE TABLE users (id int PRIMARY KEY, username text);
CREATE TABLE game_results (user_id int, score int);
INSERT INTO users VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');
INSERT INTO game_results VALUES (1, 10), (1, 30), (2, 50), (3, 5), (3, 6);
CREATE MATERIALIZED VIEW user_leaderboard AS
SELECT user_id, users.username, count(*) AS games_played, sum(score) AS total_score, max(score) AS high_score,
       rank() OVER (ORDER BY sum(score) DESC) AS rank
FROM game_results JOIN users ON game_results.user_id = users.id
GROUP BY user_id, users.username;
SELECT * FROM user_leaderboard ORDER BY rank LIMIT 100;
CREATE MATERIALIZED VIEW consts AS SELECT 'x' AS a, 1 AS b;
SELECT a, b, pg_typeof(a) FROM consts;
-- Privileges: reading needs SELECT; REFRESH is the owner's.
CREATE ROLE mv_reader LOGIN;
SET ROLE mv_reader;
SELECT * FROM consts;
REFRESH MATERIALIZED VIEW consts;
RESET ROLE;
GRANT SELECT ON consts TO mv_reader;
SET ROLE mv_reader;
SELECT * FROM consts;
RESET ROLE;
DROP MATERIALIZED VIEW consts;
DROP ROLE mv_reader;
-- In a transaction block: a rolled-back refresh leaves the rows as they were.
INSERT INTO game_results VALUES (2, 100);
BEGIN;
REFRESH MATERIALIZED VIEW user_leaderboard;
SELECT user_id, total_score FROM user_leaderboard ORDER BY user_id;
ROLLBACK;
SELECT user_id, total_score FROM user_leaderboard ORDER BY user_id;
-- Bad options.
CREATE MATERIALIZED VIEW bad WITH (nonsense = 1) AS SELECT 1;
CREATE MATERIALIZED VIEW bad AS SELECT 1 FROM nosuch;
-- Options of the view itself: ALTER ... SET / RESET, and rows not to be locked.
CREATE MATERIALIZED VIEW opts AS SELECT 1 AS x WITH DATA;
ALTER MATERIALIZED VIEW opts SET (fillfactor = 70);
ALTER MATERIALIZED VIEW opts RESET (fillfactor);
ALTER MATERIALIZED VIEW opts SET (fillfactor = 5);
SELECT * FROM opts FOR UPDATE;
SELECT * FROM opts FOR SHARE;
DROP MATERIALIZED VIEW opts;
