-- Subqueries answered by a hash: a correlated EXISTS that meets the outer row only through equalities runs once (a semi-join), and x IN (uncorrelated subquery) looks x up. NULLs, types and the shapes that must still run per row.
CREATE TABLE o (id int PRIMARY KEY, k int, s text, big bigint);
CREATE TABLE i (id int PRIMARY KEY, k int, s varchar(10), n numeric, flag boolean);
INSERT INTO o VALUES (1, 10, 'a', 100), (2, 20, 'b', 200), (3, NULL, 'c', 300), (4, 40, NULL, NULL), (5, 10, 'e', 100);
INSERT INTO i VALUES (1, 10, 'a', 1.0, true), (2, 10, 'x', 2.5, false), (3, NULL, 'b', NULL, true), (4, 40, NULL, 4, NULL), (5, 99, 'e', 1.00, true);
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k) ORDER BY id;
SELECT id FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT * FROM i WHERE o.s = i.s) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.s = o.s) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.flag) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.id = o.big / 100 AND i.n > 1) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k * 10 = o.big LIMIT 1) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT i.id FROM i WHERE o.k + 30 = i.k) ORDER BY id;
SELECT id, EXISTS (SELECT 1 FROM i WHERE i.k = o.k) AS has FROM o ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k) AND EXISTS (SELECT 1 FROM i WHERE i.s = o.s) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i JOIN o AS o2 ON o2.id = i.id WHERE i.k = o.k AND o2.s IS NOT NULL) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.id = o.id) ORDER BY id;
-- Shapes that run per row: a correlation that is no equality, inside OR, in an aggregate query, in the select list.
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k < o.k) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k OR i.s = o.s) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT count(*) FROM i WHERE i.k = o.k) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k HAVING count(*) > 1) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT o.s FROM i WHERE i.k = o.k) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k OFFSET 1) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.s > o.s) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k LIMIT 0) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.n = o.k / 10.0) ORDER BY id;
-- Two levels: the inner EXISTS is correlated with the middle query, the middle one with the outer.
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND EXISTS (SELECT 1 FROM o AS o3 WHERE o3.s = i.s)) ORDER BY id;
SELECT id FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND EXISTS (SELECT 1 FROM o AS o3 WHERE o3.id = o.id + 1)) ORDER BY id;
-- x IN (subquery): NULL when x is NULL or a row's value is, false only when neither.
SELECT id, k IN (SELECT k FROM i) AS in_i, k NOT IN (SELECT k FROM i) AS not_in FROM o ORDER BY id;
SELECT id, k IN (SELECT k FROM i WHERE k IS NOT NULL) AS in_i, k NOT IN (SELECT k FROM i WHERE k IS NOT NULL) AS not_in FROM o ORDER BY id;
SELECT id, k IN (SELECT k FROM i WHERE false) AS in_none, k NOT IN (SELECT k FROM i WHERE false) AS not_in_none FROM o ORDER BY id;
SELECT id FROM o WHERE s IN (SELECT s FROM i) ORDER BY id;
SELECT id FROM o WHERE big IN (SELECT k * 10 FROM i) ORDER BY id;
SELECT id FROM o WHERE k::numeric / 10 IN (SELECT n FROM i) ORDER BY id;
SELECT id FROM o WHERE k IN (SELECT n FROM i) ORDER BY id;
SELECT count(*) FROM generate_series(1, 1000) g WHERE g IN (SELECT generate_series(500, 2000));
SELECT count(*) FROM generate_series(1, 1000) g WHERE NOT EXISTS (SELECT 1 FROM generate_series(1, 2000, 3) h WHERE h = g);
