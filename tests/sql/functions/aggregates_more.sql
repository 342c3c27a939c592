-- string_agg, bool_and/bool_or/every, the stddev and variance family, FILTER, min/max on more types.
CREATE TABLE m (id INT PRIMARY KEY, grp TEXT, i INT, big BIGINT, n NUMERIC, f FLOAT8, b BOOLEAN, s TEXT, d DATE);
INSERT INTO m VALUES
  (1, 'x', 2, 20, 2.5, 2, true, 'pear', DATE '2024-03-01'),
  (2, 'x', 4, 40, 4.25, 4, true, 'apple', DATE '2023-12-31'),
  (3, 'x', 4, 40, 4.25, 4, false, 'fig', DATE '2024-01-15'),
  (4, 'x', 4, NULL, NULL, 4, NULL, NULL, NULL),
  (5, 'y', 5, 50, 5, 5, true, 'kiwi', DATE '2024-02-29'),
  (6, 'y', 5, 50, 5.0, 5, true, 'apple', DATE '2024-02-01'),
  (7, 'y', 7, 70, 7.75, 7, true, '', DATE '2022-06-30'),
  (8, 'z', 9, 90, 9, 9, false, 'plum', DATE '2025-01-01'),
  (9, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE nada (i INT, n NUMERIC, f FLOAT8, b BOOLEAN, s TEXT);
-- string_agg with ORDER BY inside the call
SELECT string_agg(s, ',' ORDER BY s) FROM m;
SELECT string_agg(s, ',' ORDER BY s DESC) FROM m;
SELECT string_agg(s, ', ' ORDER BY id) FROM m;
SELECT string_agg(s, '' ORDER BY id DESC) FROM m;
SELECT string_agg(s, '|' ORDER BY d NULLS FIRST, id) FROM m;
SELECT string_agg(s, '-' ORDER BY i DESC, s) FROM m WHERE s IS NOT NULL;
SELECT string_agg(s, ',' ORDER BY length(s), s) FROM m;
SELECT string_agg(id::text, '+' ORDER BY id) FROM m;
SELECT string_agg(upper(s) || ':' || i, ' ' ORDER BY id) FROM m WHERE grp = 'y';
SELECT grp, string_agg(s, ',' ORDER BY s) FROM m GROUP BY grp ORDER BY grp;
SELECT grp, string_agg(s, ',' ORDER BY id DESC) AS names, count(s) FROM m GROUP BY grp ORDER BY grp NULLS FIRST;
-- string_agg without ORDER BY where the input order cannot matter
SELECT string_agg(s, ',') FROM m WHERE id = 1;
SELECT string_agg(s, ',') FROM m WHERE s = 'apple';
SELECT id, string_agg(s, ',') FROM m GROUP BY id ORDER BY id;
SELECT string_agg(grp, ';') FROM m WHERE grp = 'x';
-- DISTINCT
SELECT string_agg(DISTINCT s, ',' ORDER BY s) FROM m;
SELECT string_agg(DISTINCT s, ',' ORDER BY s DESC) FROM m WHERE s <> '';
SELECT string_agg(DISTINCT grp, '/' ORDER BY grp) FROM m;
SELECT grp, string_agg(DISTINCT s, ',' ORDER BY s) FROM m GROUP BY grp ORDER BY grp;
-- NULL values are skipped, a NULL delimiter means none, all-NULL or no input gives NULL
SELECT string_agg(s, ',' ORDER BY id) FROM m WHERE id IN (3, 4, 9);
SELECT string_agg(s, NULL ORDER BY id) FROM m WHERE id <= 3;
SELECT string_agg(s, ',') FROM m WHERE id IN (4, 9);
SELECT string_agg(s, ',') IS NULL AS is_null FROM nada;
SELECT string_agg(s, ',') FROM m WHERE false;
SELECT string_agg(s, ',' ORDER BY id) FROM m WHERE id IN (7, 5);
SELECT string_agg('', ',') FROM m WHERE id <= 3;
SELECT coalesce(string_agg(s, ','), 'nada') FROM nada;
SELECT length(string_agg(s, ',' ORDER BY id)) FROM m;
-- string_agg over expressions and a varying delimiter
SELECT string_agg(s, CASE WHEN id % 2 = 0 THEN '/' ELSE '\' END ORDER BY id) FROM m WHERE id <= 3;
SELECT string_agg(i::text || '=' || coalesce(s, '?'), ', ' ORDER BY id) FROM m WHERE grp = 'x';
SELECT string_agg(d::text, ',' ORDER BY d) FROM m;
-- bool_and, bool_or, every
SELECT bool_and(b), bool_or(b), every(b) FROM m;
SELECT bool_and(b), bool_or(b), every(b) FROM m WHERE grp = 'y';
SELECT bool_and(b), bool_or(b), every(b) FROM m WHERE id = 8;
SELECT bool_and(b), bool_or(b), every(b) FROM m WHERE id IN (4, 9);
SELECT bool_and(b), bool_or(b), every(b) FROM nada;
SELECT bool_and(i > 1), bool_or(i > 8), every(i < 100) FROM m;
SELECT bool_and(s <> ''), bool_or(s LIKE 'a%') FROM m;
SELECT grp, bool_and(b), bool_or(b), every(b) FROM m GROUP BY grp ORDER BY grp;
SELECT grp FROM m GROUP BY grp HAVING bool_and(b) ORDER BY grp;
SELECT grp FROM m GROUP BY grp HAVING bool_or(NOT b) ORDER BY grp;
SELECT grp FROM m GROUP BY grp HAVING every(b IS NOT NULL) ORDER BY grp NULLS FIRST;
SELECT bool_and(true), bool_or(false), every(NULL::boolean);
-- stddev and variance on int
SELECT stddev(i), stddev_samp(i), stddev_pop(i) FROM m;
SELECT variance(i), var_samp(i), var_pop(i) FROM m;
SELECT stddev(i), variance(i), var_pop(i), stddev_pop(i) FROM m WHERE grp = 'y';
SELECT stddev(big), variance(big), var_pop(big) FROM m;
SELECT var_pop(i), stddev_pop(i) FROM m WHERE i = 4;
-- numeric input keeps numeric precision
SELECT stddev(n), stddev_pop(n), variance(n), var_pop(n) FROM m;
SELECT stddev_samp(n), var_samp(n) FROM m WHERE grp = 'x';
SELECT variance(x), var_pop(x) FROM (VALUES (1.5), (2.5), (3.5)) t(x);
SELECT stddev(x), stddev_pop(x) FROM (VALUES (0.1), (0.2), (0.3), (0.4)) t(x);
SELECT variance(x) FROM (VALUES (1000000000000.5), (1000000000001.5)) t(x);
-- float8 input gives float8
SELECT stddev(f), stddev_pop(f), variance(f), var_pop(f) FROM m;
SELECT var_samp(f), var_pop(f), stddev_pop(f) FROM m WHERE grp = 'x';
SELECT var_pop(x), stddev_pop(x), var_samp(x) FROM (VALUES (2::float8), (4), (4), (4), (5), (5), (7), (9)) t(x);
SELECT stddev(x), variance(x) FROM (VALUES (1.5::float8), (2.5), (3.5)) t(x);
SELECT var_pop(i::float8), var_pop(i::numeric) FROM m;
-- one row: the sample forms are NULL, the population forms are 0
SELECT stddev(i), stddev_samp(i), variance(i), var_samp(i), stddev_pop(i), var_pop(i) FROM m WHERE id = 1;
SELECT stddev(n), var_samp(n), stddev_pop(n), var_pop(n) FROM m WHERE id = 2;
SELECT stddev(f), var_samp(f), stddev_pop(f), var_pop(f) FROM m WHERE id = 2;
-- no rows, and only NULLs: all NULL
SELECT stddev(i), stddev_pop(i), variance(i), var_pop(i) FROM nada;
SELECT stddev(n), var_samp(n), stddev_pop(f), var_pop(f) FROM nada;
SELECT stddev(i), var_pop(n), var_samp(f) FROM m WHERE id = 9;
-- per group and in HAVING
SELECT grp, count(i), stddev(i), var_pop(i) FROM m GROUP BY grp ORDER BY grp;
SELECT grp, variance(n) FROM m GROUP BY grp ORDER BY grp NULLS FIRST;
SELECT grp FROM m GROUP BY grp HAVING stddev(i) > 0.5 ORDER BY grp;
SELECT grp FROM m GROUP BY grp HAVING var_pop(i) = 0 ORDER BY grp;
SELECT grp, round(stddev(f)::numeric, 4) AS sd FROM m GROUP BY grp HAVING count(*) > 1 ORDER BY sd DESC;
SELECT round(stddev(i), 3), round(variance(n), 2), round(var_pop(i), 5) FROM m;
-- result types
SELECT pg_typeof(stddev(i)), pg_typeof(variance(big)), pg_typeof(var_pop(n)), pg_typeof(stddev(f)) FROM m;
SELECT pg_typeof(string_agg(s, ',')), pg_typeof(bool_and(b)), pg_typeof(every(b)) FROM m;
SELECT pg_typeof(stddev(x)), pg_typeof(var_samp(x)) FROM (VALUES (1::smallint), (2::smallint)) t(x);
SELECT pg_typeof(stddev(x)) FROM (VALUES (1::real), (2::real)) t(x);
-- FILTER (WHERE ...)
SELECT count(*) FILTER (WHERE b), count(*) FILTER (WHERE NOT b), count(*) FILTER (WHERE b IS NULL) FROM m;
SELECT count(s) FILTER (WHERE i > 4), count(DISTINCT s) FILTER (WHERE i < 7) FROM m;
SELECT sum(i) FILTER (WHERE grp = 'x'), sum(i) FILTER (WHERE grp = 'y'), sum(i) FILTER (WHERE grp = 'nada') FROM m;
SELECT avg(i) FILTER (WHERE b), avg(n) FILTER (WHERE id < 4), avg(f) FILTER (WHERE f > 4) FROM m;
SELECT min(s) FILTER (WHERE s <> ''), max(d) FILTER (WHERE b) FROM m;
SELECT string_agg(s, ',' ORDER BY s) FILTER (WHERE b) FROM m;
SELECT bool_and(b) FILTER (WHERE grp = 'y'), bool_or(b) FILTER (WHERE id > 7) FROM m;
SELECT stddev(i) FILTER (WHERE grp = 'x'), var_pop(i) FILTER (WHERE grp IS NOT NULL) FROM m;
SELECT count(*) FILTER (WHERE i IS NULL), count(*) FILTER (WHERE NULL) FROM m;
SELECT grp, count(*) FILTER (WHERE b) AS yes, count(*) FILTER (WHERE NOT b) AS no, sum(i) FILTER (WHERE i > 3) AS big FROM m GROUP BY grp ORDER BY grp;
SELECT grp, sum(n) FILTER (WHERE d >= DATE '2024-01-01') FROM m GROUP BY grp ORDER BY grp NULLS LAST;
SELECT grp FROM m GROUP BY grp HAVING count(*) FILTER (WHERE b) >= 2 ORDER BY grp;
SELECT count(*) FILTER (WHERE i > 1), sum(i) FILTER (WHERE true) FROM nada;
SELECT grp, count(*) FILTER (WHERE i > (SELECT avg(i) FROM m)) FROM m GROUP BY grp ORDER BY grp;
-- FILTER and DISTINCT together, FILTER referring to another column
SELECT sum(DISTINCT i) FILTER (WHERE s IS NOT NULL), count(DISTINCT grp) FILTER (WHERE b) FROM m;
-- min and max on text, date, numeric and float8
SELECT min(s), max(s) FROM m;
SELECT min(d), max(d) FROM m;
SELECT min(n), max(n), min(f), max(f) FROM m;
SELECT grp, min(s), max(s), min(d), max(d) FROM m GROUP BY grp ORDER BY grp;
SELECT min(s), max(n), min(f) FROM nada;
SELECT min(x), max(x) FROM (VALUES ('B'), ('a'), ('b'), ('A')) t(x);
SELECT min(x), max(x) FROM (VALUES (5.0), (5.00), (4.999)) t(x);
-- aggregates of expressions and aggregates inside expressions
SELECT sum(i * 2), avg(i + 0.5), count(i > 4) FROM m;
SELECT string_agg(s, ',' ORDER BY s) || '!' AS shout, bool_or(b) AND bool_and(i > 0) AS both_ok FROM m;
SELECT CASE WHEN bool_and(b) THEN 'all' WHEN bool_or(b) THEN 'some' ELSE 'none' END FROM m WHERE grp = 'x';
SELECT grp, max(i) - min(i) AS spread, count(*) FROM m GROUP BY grp ORDER BY spread DESC, grp;
SELECT grp, string_agg(s, ',' ORDER BY s) AS names FROM m WHERE s IS NOT NULL GROUP BY grp ORDER BY names;
-- the same aggregate twice, and GROUP BY on an expression
SELECT count(*), count(*) FILTER (WHERE true), stddev(i) = stddev_samp(i) AS same, variance(i) = var_samp(i) AS same2 FROM m;
SELECT i % 2 AS parity, string_agg(id::text, ',' ORDER BY id), bool_and(b) FROM m WHERE i IS NOT NULL GROUP BY i % 2 ORDER BY parity;
SELECT extract(year FROM d) AS y, count(*), min(d) FROM m WHERE d IS NOT NULL GROUP BY 1 ORDER BY 1;
-- aggregates in a subquery
SELECT id FROM m WHERE i > (SELECT avg(i) + stddev(i) FROM m) ORDER BY id;
SELECT grp, (SELECT string_agg(s, ',' ORDER BY s) FROM m x WHERE x.grp = g.grp) FROM (SELECT DISTINCT grp FROM m) g ORDER BY grp;
-- errors
SELECT string_agg(i, ',') FROM m;
SELECT string_agg(s) FROM m;
SELECT string_agg(s, 1) FROM m;
SELECT string_agg(DISTINCT s, ',' ORDER BY id) FROM m;
SELECT min(b) FROM m;
SELECT max(b) FROM m;
SELECT bool_and(i) FROM m;
SELECT stddev(s) FROM m;
SELECT id FROM m WHERE count(*) > 1;
SELECT sum(count(*)) FROM m;
SELECT grp FROM m GROUP BY grp, string_agg(s, ',');
SELECT grp, s FROM m GROUP BY grp ORDER BY grp;
SELECT count(*) FILTER (WHERE count(*) > 1) FROM m;
SELECT abs(i) FILTER (WHERE i > 1) FROM m;
SELECT count(*) FILTER (WHERE i) FROM m;
DROP TABLE m, nada;
