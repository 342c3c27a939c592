-- SELECT DISTINCT ON: first row of each group in ORDER BY order.
CREATE TABLE reading (id INT PRIMARY KEY, sensor TEXT, site TEXT, taken DATE, val NUMERIC, ok BOOLEAN);
INSERT INTO reading VALUES
  (1, 'a', 'n', DATE '2024-01-01', 10.5, true),
  (2, 'a', 'n', DATE '2024-01-03', 12, true),
  (3, 'a', 's', DATE '2024-01-02', 9, false),
  (4, 'b', 'n', DATE '2024-01-01', 20, true),
  (5, 'b', 's', DATE '2024-01-05', NULL, NULL),
  (6, 'b', 's', DATE '2024-01-04', 18.25, true),
  (7, 'c', 'n', DATE '2024-01-02', 7, false),
  (8, NULL, 'n', DATE '2024-01-06', 1, true),
  (9, NULL, 's', DATE '2024-01-07', 2, true),
  (10, 'c', NULL, NULL, 7, NULL);
CREATE TABLE sensor (name TEXT PRIMARY KEY, kind TEXT, weight INT);
INSERT INTO sensor VALUES ('a', 'temp', 3), ('b', 'temp', 1), ('c', 'wind', 2), ('d', 'wind', 5);
-- one expression, latest row per sensor
SELECT DISTINCT ON (sensor) sensor, taken, val FROM reading ORDER BY sensor, taken DESC, id;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, id;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, id DESC;
SELECT DISTINCT ON (sensor) sensor, val FROM reading ORDER BY sensor, val DESC, id;
SELECT DISTINCT ON (sensor) sensor, val FROM reading ORDER BY sensor, val ASC, id;
SELECT DISTINCT ON (sensor) sensor, val FROM reading ORDER BY sensor, val DESC NULLS LAST, id;
SELECT DISTINCT ON (sensor) sensor, val FROM reading ORDER BY sensor, val NULLS FIRST, id;
SELECT DISTINCT ON (sensor) id, val FROM reading ORDER BY sensor, id;
SELECT DISTINCT ON (site) site, sensor, id FROM reading ORDER BY site, id;
SELECT DISTINCT ON (site) site, sensor, id FROM reading ORDER BY site DESC, id;
SELECT DISTINCT ON (ok) ok, id FROM reading ORDER BY ok, id;
SELECT DISTINCT ON (ok) ok, id FROM reading ORDER BY ok DESC NULLS LAST, id DESC;
SELECT DISTINCT ON (taken) taken, id FROM reading ORDER BY taken, id;
-- NULL keys form one group; NULLS FIRST/LAST move that group
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor NULLS FIRST, id;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor DESC, id;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor DESC NULLS LAST, id;
SELECT DISTINCT ON (site) site, id FROM reading ORDER BY site NULLS FIRST, id DESC;
-- the DISTINCT ON expression need not be in the select list
SELECT DISTINCT ON (sensor) id FROM reading ORDER BY sensor, id DESC;
SELECT DISTINCT ON (site) taken FROM reading ORDER BY site, taken NULLS FIRST, id;
SELECT DISTINCT ON (sensor) val * 2 AS dbl FROM reading ORDER BY sensor, id;
-- several expressions
SELECT DISTINCT ON (sensor, site) sensor, site, id FROM reading ORDER BY sensor, site, id;
SELECT DISTINCT ON (sensor, site) sensor, site, id, val FROM reading ORDER BY sensor, site, val DESC NULLS LAST, id;
SELECT DISTINCT ON (site, sensor) site, sensor, id FROM reading ORDER BY site, sensor, id DESC;
SELECT DISTINCT ON (sensor, site) sensor, site, id FROM reading ORDER BY site, sensor, id;
SELECT DISTINCT ON (sensor, ok) sensor, ok, id FROM reading ORDER BY sensor NULLS FIRST, ok DESC, id;
SELECT DISTINCT ON (site, ok) site, ok, taken FROM reading ORDER BY site, ok, taken DESC NULLS LAST, id;
SELECT DISTINCT ON (sensor, site, ok) sensor, site, ok FROM reading ORDER BY sensor, site, ok;
-- DISTINCT ON every output column is plain DISTINCT
SELECT DISTINCT ON (sensor, site) sensor, site FROM reading ORDER BY sensor, site;
SELECT DISTINCT sensor, site FROM reading ORDER BY sensor, site;
-- expressions as keys
SELECT DISTINCT ON (id % 3) id % 3 AS r, id FROM reading ORDER BY id % 3, id;
SELECT DISTINCT ON (id % 3) id % 3 AS r, id FROM reading ORDER BY id % 3 DESC, id DESC;
SELECT DISTINCT ON (upper(sensor)) upper(sensor) AS s, id FROM reading ORDER BY upper(sensor), id;
SELECT DISTINCT ON (val > 10) val > 10 AS big, id, val FROM reading ORDER BY val > 10, id;
SELECT DISTINCT ON (coalesce(sensor, 'zz')) coalesce(sensor, 'zz') AS s, id FROM reading ORDER BY coalesce(sensor, 'zz'), id;
SELECT DISTINCT ON (extract(day FROM taken)::int % 2) taken, id FROM reading WHERE taken IS NOT NULL ORDER BY extract(day FROM taken)::int % 2, taken DESC;
SELECT DISTINCT ON (length(site || sensor)) site || sensor AS k, id FROM reading ORDER BY length(site || sensor), id;
SELECT DISTINCT ON (CASE WHEN val < 10 THEN 'low' ELSE 'high' END) CASE WHEN val < 10 THEN 'low' ELSE 'high' END AS band, id
  FROM reading ORDER BY CASE WHEN val < 10 THEN 'low' ELSE 'high' END, id;
-- ORDER BY and DISTINCT ON by output column position and by alias
SELECT DISTINCT ON (1) sensor, id FROM reading ORDER BY 1, 2;
SELECT DISTINCT ON (1, 2) sensor, site, id FROM reading ORDER BY 1, 2, 3 DESC;
SELECT DISTINCT ON (s) sensor AS s, id FROM reading ORDER BY s, id DESC;
SELECT DISTINCT ON (sensor) sensor AS s, id AS i FROM reading ORDER BY s, i;
SELECT DISTINCT ON (2) id, site FROM reading ORDER BY 2, 1 DESC;
-- a constant key: one row overall
SELECT DISTINCT ON (1 = 1) id, sensor FROM reading ORDER BY 1 = 1, val DESC NULLS LAST, id;
SELECT DISTINCT ON (id > 0) id FROM reading ORDER BY id > 0, id DESC;
-- WHERE filters before DISTINCT ON
SELECT DISTINCT ON (sensor) sensor, id FROM reading WHERE ok ORDER BY sensor, id DESC;
SELECT DISTINCT ON (sensor) sensor, id FROM reading WHERE val IS NOT NULL AND sensor IS NOT NULL ORDER BY sensor, val, id;
SELECT DISTINCT ON (sensor) sensor, id FROM reading WHERE id > 100 ORDER BY sensor, id;
SELECT DISTINCT ON (site) site, id FROM reading WHERE taken >= DATE '2024-01-03' ORDER BY site, taken, id;
-- LIMIT and OFFSET apply after DISTINCT ON
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, id LIMIT 2;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, id OFFSET 1;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, id LIMIT 2 OFFSET 1;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, id LIMIT 0;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, id OFFSET 10;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor DESC NULLS LAST, id DESC LIMIT 1;
SELECT DISTINCT ON (site, sensor) site, sensor, id FROM reading ORDER BY site, sensor, id FETCH FIRST 3 ROWS ONLY;
-- DISTINCT ON with joins
SELECT DISTINCT ON (s.kind) s.kind, r.id, r.sensor FROM reading r JOIN sensor s ON s.name = r.sensor ORDER BY s.kind, r.val DESC NULLS LAST, r.id;
SELECT DISTINCT ON (s.kind) s.kind, s.name FROM sensor s ORDER BY s.kind, s.weight;
SELECT DISTINCT ON (s.kind) s.kind, s.name FROM sensor s ORDER BY s.kind, s.weight DESC;
SELECT DISTINCT ON (s.name) s.name, r.id FROM sensor s LEFT JOIN reading r ON r.sensor = s.name ORDER BY s.name, r.id DESC NULLS LAST;
SELECT DISTINCT ON (s.name) s.name, r.taken FROM sensor s LEFT JOIN reading r ON r.sensor = s.name ORDER BY s.name, r.taken NULLS FIRST, r.id;
SELECT DISTINCT ON (r.site, s.kind) r.site, s.kind, r.id FROM reading r JOIN sensor s ON s.name = r.sensor ORDER BY r.site, s.kind, r.id;
SELECT DISTINCT ON (r.site) r.site, s.name, s.weight FROM reading r JOIN sensor s ON s.name = r.sensor ORDER BY r.site, s.weight DESC, r.id;
SELECT DISTINCT ON (a.sensor) a.sensor, a.id, b.id AS later FROM reading a JOIN reading b ON b.sensor = a.sensor AND b.taken > a.taken
  ORDER BY a.sensor, b.taken - a.taken DESC, a.id, b.id;
-- star and qualified star
SELECT DISTINCT ON (sensor) * FROM reading ORDER BY sensor, id;
SELECT DISTINCT ON (r.site) r.* FROM reading r ORDER BY r.site, r.val NULLS LAST, r.id;
-- text keys in C collation: upper case sorts before lower case
SELECT DISTINCT ON (lower(name)) name FROM (VALUES ('Ann'), ('ann'), ('ANN'), ('Bob'), ('bob')) t(name) ORDER BY lower(name), name;
SELECT DISTINCT ON (lower(name)) name FROM (VALUES ('Ann'), ('ann'), ('ANN'), ('Bob'), ('bob')) t(name) ORDER BY lower(name), name DESC;
SELECT DISTINCT ON (name) name FROM (VALUES ('Ann'), ('ann'), ('ANN'), ('Bob'), ('bob')) t(name) ORDER BY name;
-- DISTINCT ON inside a set operation branch
SELECT sensor FROM (SELECT DISTINCT ON (sensor) sensor FROM reading ORDER BY sensor) a UNION SELECT 'z' ORDER BY 1;
-- DISTINCT ON in a subquery, filtered and ordered outside
SELECT sensor, id FROM (SELECT DISTINCT ON (sensor) sensor, id, taken FROM reading ORDER BY sensor, taken DESC NULLS LAST, id) latest WHERE sensor IS NOT NULL ORDER BY id;
SELECT count(*) FROM (SELECT DISTINCT ON (sensor) sensor FROM reading ORDER BY sensor) x;
SELECT count(*) FROM (SELECT DISTINCT ON (sensor, site) id FROM reading ORDER BY sensor, site, id) x;
SELECT sum(val) FROM (SELECT DISTINCT ON (sensor) val FROM reading ORDER BY sensor, val DESC NULLS LAST, id) x;
SELECT name FROM sensor WHERE name IN (SELECT DISTINCT ON (site) sensor FROM reading WHERE sensor IS NOT NULL ORDER BY site, id) ORDER BY name;
SELECT t.site, t.id, s.kind FROM (SELECT DISTINCT ON (site) site, sensor, id FROM reading ORDER BY site, id DESC) t LEFT JOIN sensor s ON s.name = t.sensor ORDER BY t.site;
-- DISTINCT ON over grouped rows
SELECT DISTINCT ON (site) site, sensor, count(*) AS n FROM reading GROUP BY site, sensor ORDER BY site, count(*) DESC, sensor;
SELECT DISTINCT ON (sensor) sensor, site, sum(val) AS total FROM reading GROUP BY sensor, site ORDER BY sensor, sum(val) DESC NULLS LAST, site;
SELECT DISTINCT ON (count(*)) count(*) AS n, sensor FROM reading GROUP BY sensor ORDER BY count(*), sensor;
-- DISTINCT ON with set operations in FROM
SELECT DISTINCT ON (k) k, v FROM (SELECT 1 AS k, 'x' AS v UNION ALL SELECT 1, 'y' UNION ALL SELECT 2, 'z') u ORDER BY k, v DESC;
SELECT DISTINCT ON (k) k, v FROM (VALUES (1, 'b'), (1, 'a'), (2, 'c'), (NULL, 'd'), (NULL, 'e')) t(k, v) ORDER BY k, v;
SELECT DISTINCT ON (k) k, v FROM (VALUES (1, 'b'), (1, 'a'), (2, 'c'), (NULL, 'd'), (NULL, 'e')) t(k, v) ORDER BY k NULLS FIRST, v DESC;
SELECT DISTINCT ON (k1, k2) k1, k2, v FROM (VALUES (1, 1, 10), (1, 1, 5), (1, 2, 7), (2, 1, 3), (1, 2, 8)) t(k1, k2, v) ORDER BY k1, k2, v;
SELECT DISTINCT ON (k1, k2) k1, k2, v FROM (VALUES (1, NULL, 10), (1, NULL, 5), (NULL, NULL, 7), (NULL, NULL, 1)) t(k1, k2, v) ORDER BY k1, k2, v;
-- numeric keys compare by value, not by text
SELECT DISTINCT ON (n) n, tag FROM (VALUES (1.0, 'a'), (1.00, 'b'), (2.5, 'c')) t(n, tag) ORDER BY n, tag;
SELECT DISTINCT ON (n) n, tag FROM (VALUES (1.0, 'a'), (1.00, 'b'), (2.5, 'c')) t(n, tag) ORDER BY n, tag DESC;
SELECT DISTINCT ON (d) d, x FROM (VALUES (DATE '2024-01-01', 1), (DATE '2024-01-01', 2), (DATE '2023-12-31', 3)) t(d, x) ORDER BY d DESC, x DESC;
-- DISTINCT ON in CREATE TABLE AS and INSERT ... SELECT
CREATE TABLE latest (sensor TEXT, id INT, val NUMERIC);
INSERT INTO latest SELECT DISTINCT ON (sensor) sensor, id, val FROM reading WHERE sensor IS NOT NULL ORDER BY sensor, taken DESC NULLS LAST, id;
SELECT * FROM latest ORDER BY sensor;
CREATE TABLE firsts (site TEXT, id INT);
INSERT INTO firsts SELECT DISTINCT ON (site) site, id FROM reading ORDER BY site, id;
SELECT * FROM firsts ORDER BY site NULLS FIRST;
DELETE FROM reading WHERE id IN (SELECT DISTINCT ON (sensor) id FROM reading ORDER BY sensor, id);
SELECT id, sensor FROM reading ORDER BY id;
UPDATE reading SET ok = false WHERE id IN (SELECT DISTINCT ON (site) id FROM reading ORDER BY site, id DESC);
SELECT id, site, ok FROM reading ORDER BY id;
-- after the changes
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, id;
SELECT DISTINCT ON (site) site, ok, id FROM reading ORDER BY site, ok NULLS FIRST, id;
-- on an empty table
CREATE TABLE nothing (a INT, b INT);
SELECT DISTINCT ON (a) a, b FROM nothing ORDER BY a, b;
SELECT count(*) FROM (SELECT DISTINCT ON (a) a FROM nothing ORDER BY a) x;
INSERT INTO nothing VALUES (1, NULL), (1, 2), (NULL, NULL), (NULL, 3);
SELECT DISTINCT ON (a) a, b FROM nothing ORDER BY a, b;
SELECT DISTINCT ON (a) a, b FROM nothing ORDER BY a, b NULLS FIRST;
SELECT DISTINCT ON (a, b) a, b FROM nothing ORDER BY a, b;
SELECT DISTINCT ON (b) a, b FROM nothing ORDER BY b, a NULLS FIRST;
SELECT DISTINCT ON (a) a, b FROM nothing ORDER BY a DESC, b DESC NULLS LAST;
SELECT DISTINCT ON (a) a, b FROM nothing ORDER BY a NULLS FIRST, b DESC;
-- the ORDER BY may repeat or extend the DISTINCT ON keys
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY sensor, sensor, id;
SELECT DISTINCT ON (sensor, site) sensor, site, id FROM reading ORDER BY sensor, site, sensor, id;
SELECT DISTINCT ON (sensor, site) sensor, site, id FROM reading ORDER BY site DESC, sensor DESC, id;
-- errors
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY id;
SELECT DISTINCT ON (sensor) sensor, id FROM reading ORDER BY id, sensor;
SELECT DISTINCT ON (sensor, site) sensor, site FROM reading ORDER BY sensor, id;
SELECT DISTINCT ON (sensor, site) sensor, site FROM reading ORDER BY site, id, sensor;
SELECT DISTINCT ON (id % 3) id FROM reading ORDER BY id;
SELECT DISTINCT ON (upper(sensor)) sensor FROM reading ORDER BY sensor;
SELECT DISTINCT ON (nope) sensor FROM reading ORDER BY sensor;
SELECT DISTINCT ON (sensor) sensor FROM nowhere ORDER BY sensor;
SELECT DISTINCT ON (5) sensor, id FROM reading ORDER BY sensor;
SELECT DISTINCT ON () sensor FROM reading;
SELECT DISTINCT ON (sensor) sensor FROM reading ORDER BY sensor + 1;
SELECT DISTINCT ON (sum(val)) sensor FROM reading ORDER BY sum(val);
SELECT DISTINCT ON (sensor) sensor, site FROM reading GROUP BY sensor ORDER BY sensor;
SELECT DISTINCT ON (true) id FROM reading ORDER BY true, id DESC;
DROP TABLE reading, sensor, latest, firsts, nothing;
