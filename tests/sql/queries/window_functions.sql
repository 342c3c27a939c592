-- Window functions: ranking, offsets, value functions, aggregates OVER, frames, named windows, errors.
CREATE TABLE emp (id INT PRIMARY KEY, dept TEXT, name TEXT, salary INT, hired DATE, bonus NUMERIC);
INSERT INTO emp VALUES
  (1, 'eng', 'ann', 120, DATE '2020-01-10', 10.5),
  (2, 'eng', 'bob', 100, DATE '2021-03-01', 5),
  (3, 'eng', 'cy', 100, DATE '2019-07-15', NULL),
  (4, 'eng', 'dan', 90, DATE '2022-02-02', 2.25),
  (5, 'sales', 'di', 80, DATE '2020-05-05', 7),
  (6, 'sales', 'ed', 85, DATE '2018-11-11', 3),
  (7, 'sales', 'eve', 80, DATE '2023-01-01', 0),
  (8, 'hr', 'fay', 50, DATE '2021-06-06', 1),
  (9, NULL, 'gus', 70, NULL, NULL),
  (10, 'hr', 'hal', NULL, DATE '2024-04-04', 4);
CREATE TABLE t (x INT, v NUMERIC);
INSERT INTO t VALUES (1, 1), (2, 2), (2, 3), (4, 4), (5, 5), (5, 6), (5, 7), (9, 8);
-- row_number
SELECT id, row_number() OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, row_number() OVER (ORDER BY salary DESC NULLS LAST, id) AS rn FROM emp ORDER BY rn;
SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY hired, id) FROM emp ORDER BY id;
SELECT id, row_number() OVER (PARTITION BY dept ORDER BY id DESC) FROM emp ORDER BY id;
SELECT id, row_number() OVER () AS rn FROM emp WHERE id = 3;
-- rank, dense_rank, percent_rank, cume_dist
SELECT id, salary, rank() OVER (ORDER BY salary DESC) FROM emp ORDER BY id;
SELECT id, salary, dense_rank() OVER (ORDER BY salary DESC) FROM emp ORDER BY id;
SELECT id, salary, rank() OVER (ORDER BY salary NULLS FIRST), dense_rank() OVER (ORDER BY salary NULLS FIRST) FROM emp ORDER BY id;
SELECT id, dept, rank() OVER (PARTITION BY dept ORDER BY salary DESC) FROM emp ORDER BY id;
SELECT id, salary, percent_rank() OVER (ORDER BY salary) FROM emp ORDER BY id;
SELECT id, salary, cume_dist() OVER (ORDER BY salary) FROM emp ORDER BY id;
SELECT id, dept, percent_rank() OVER (PARTITION BY dept ORDER BY salary), cume_dist() OVER (PARTITION BY dept ORDER BY salary) FROM emp ORDER BY id;
SELECT id, rank() OVER (), dense_rank() OVER (), percent_rank() OVER (), cume_dist() OVER () FROM emp ORDER BY id;
SELECT x, rank() OVER w, dense_rank() OVER w, percent_rank() OVER w, cume_dist() OVER w FROM t WINDOW w AS (ORDER BY x) ORDER BY v;
SELECT id, rank() OVER (ORDER BY dept, salary DESC) FROM emp ORDER BY id;
-- ntile
SELECT id, ntile(3) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, ntile(4) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, ntile(20) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, dept, ntile(2) OVER (PARTITION BY dept ORDER BY id) FROM emp ORDER BY id;
SELECT id, ntile(1) OVER (ORDER BY id) FROM emp WHERE id < 4 ORDER BY id;
SELECT id, ntile(NULL) OVER (ORDER BY id) FROM emp WHERE id < 3 ORDER BY id;
-- lag and lead, with offset and default
SELECT id, salary, lag(salary) OVER (ORDER BY id), lead(salary) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, lag(id, 2) OVER (ORDER BY id), lead(id, 3) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, lag(name, 1, 'none') OVER (ORDER BY id), lead(name, 1, '-') OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, lag(salary, 1, 0) OVER (PARTITION BY dept ORDER BY id) FROM emp ORDER BY id;
SELECT id, lead(bonus, 1, -1) OVER (PARTITION BY dept ORDER BY id) FROM emp ORDER BY id;
SELECT id, lag(id, 0) OVER (ORDER BY id), lag(id, -1) OVER (ORDER BY id), lead(id, -2) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, lag(id, NULL) OVER (ORDER BY id), lead(id, 1, NULL) OVER (ORDER BY id) FROM emp WHERE id < 4 ORDER BY id;
SELECT id, salary - lag(salary) OVER (ORDER BY id) AS delta FROM emp ORDER BY id;
SELECT id, lag(hired, 1, DATE '2000-01-01') OVER (ORDER BY id) FROM emp WHERE id < 5 ORDER BY id;
SELECT id, lag(bonus, 1, 0.5) OVER (ORDER BY id) FROM emp WHERE id < 5 ORDER BY id;
SELECT id, lead(id, 100, 0) OVER (ORDER BY id) FROM emp WHERE id < 3 ORDER BY id;
-- first_value, last_value, nth_value
SELECT id, first_value(name) OVER (ORDER BY id), last_value(name) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, last_value(name) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM emp ORDER BY id;
SELECT id, dept, first_value(name) OVER (PARTITION BY dept ORDER BY salary DESC, id) FROM emp ORDER BY id;
SELECT id, dept, last_value(name) OVER (PARTITION BY dept ORDER BY salary DESC, id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM emp ORDER BY id;
SELECT id, nth_value(name, 2) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, nth_value(name, 2) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM emp ORDER BY id;
SELECT id, nth_value(id, 3) OVER (PARTITION BY dept ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM emp ORDER BY id;
SELECT id, first_value(salary) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) FROM emp ORDER BY id;
SELECT id, last_value(salary) OVER (ORDER BY salary, id) FROM emp ORDER BY id;
SELECT x, v, last_value(v) OVER (PARTITION BY x ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t WHERE v <> 6 ORDER BY v;
SELECT x, first_value(x) OVER (ORDER BY x DESC), nth_value(x, 4) OVER (ORDER BY x DESC) FROM t ORDER BY v;
-- aggregates OVER a partition, without and with ORDER BY
SELECT id, dept, sum(salary) OVER (PARTITION BY dept), count(*) OVER (PARTITION BY dept) FROM emp ORDER BY id;
SELECT id, avg(salary) OVER (PARTITION BY dept), min(salary) OVER (PARTITION BY dept), max(salary) OVER (PARTITION BY dept) FROM emp ORDER BY id;
SELECT id, sum(salary) OVER (), count(salary) OVER (), count(*) OVER () FROM emp ORDER BY id;
SELECT id, sum(salary) OVER (ORDER BY id) AS running, count(salary) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, dept, sum(salary) OVER (PARTITION BY dept ORDER BY id), avg(salary) OVER (PARTITION BY dept ORDER BY id) FROM emp ORDER BY id;
SELECT id, min(name) OVER (ORDER BY id), max(hired) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, sum(bonus) OVER (PARTITION BY dept ORDER BY id), avg(bonus) OVER (PARTITION BY dept) FROM emp ORDER BY id;
SELECT id, salary, round(100.0 * salary / sum(salary) OVER (), 2) AS pct FROM emp ORDER BY id;
SELECT id, salary - avg(salary) OVER (PARTITION BY dept) AS diff FROM emp WHERE dept = 'sales' ORDER BY id;
-- the default frame is RANGE UNBOUNDED PRECEDING to CURRENT ROW, peers included
SELECT x, v, sum(v) OVER (ORDER BY x), count(*) OVER (ORDER BY x) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x, v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x DESC) FROM t ORDER BY v;
SELECT id, salary, sum(salary) OVER (ORDER BY salary) FROM emp ORDER BY id;
SELECT id, salary, count(*) OVER (ORDER BY salary DESC NULLS LAST) FROM emp ORDER BY id;
-- ROWS frames
SELECT x, v, sum(v) OVER (ORDER BY v ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY v ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, avg(v) OVER (ORDER BY v ROWS 2 PRECEDING) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY v ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t ORDER BY v;
SELECT x, v, count(*) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY v ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY v ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING) FROM t ORDER BY v;
SELECT x, v, max(v) OVER (ORDER BY v ROWS BETWEEN 0 PRECEDING AND 0 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (PARTITION BY x ORDER BY v ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY v ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) FROM t ORDER BY v;
-- RANGE frames with offsets
SELECT x, v, sum(v) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, count(*) OVER (ORDER BY x RANGE BETWEEN 3 PRECEDING AND CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x DESC RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, sum(x) OVER (ORDER BY v RANGE BETWEEN 1.5 PRECEDING AND 0.5 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, count(*) OVER (ORDER BY x RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, min(v) OVER (ORDER BY x RANGE BETWEEN 4 FOLLOWING AND 10 FOLLOWING) FROM t ORDER BY v;
SELECT id, salary, count(*) OVER (ORDER BY salary RANGE BETWEEN 10 PRECEDING AND 10 FOLLOWING) FROM emp ORDER BY id;
SELECT id, salary, count(*) OVER (ORDER BY salary NULLS FIRST RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) FROM emp ORDER BY id;
SELECT x, v, sum(v) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x RANGE CURRENT ROW) FROM t ORDER BY v;
-- GROUPS frames
SELECT x, v, sum(v) OVER (ORDER BY x GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, count(*) OVER (ORDER BY x GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x GROUPS BETWEEN CURRENT ROW AND CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x GROUPS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) FROM t ORDER BY v;
SELECT x, v, first_value(v) OVER (ORDER BY x, v GROUPS 2 PRECEDING) FROM t ORDER BY v;
-- EXCLUDE
SELECT x, v, sum(v) OVER (ORDER BY v ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) FROM t ORDER BY v;
SELECT x, v, sum(v) OVER (ORDER BY x GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE NO OTHERS) FROM t ORDER BY v;
SELECT x, v, count(*) OVER (ORDER BY x RANGE BETWEEN CURRENT ROW AND CURRENT ROW EXCLUDE CURRENT ROW) FROM t ORDER BY v;
SELECT x, v, first_value(v) OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) FROM t ORDER BY v;
-- named windows and windows built on them
SELECT id, sum(salary) OVER w, count(*) OVER w FROM emp WINDOW w AS (PARTITION BY dept) ORDER BY id;
SELECT id, rank() OVER w, sum(salary) OVER w FROM emp WINDOW w AS (ORDER BY salary DESC NULLS LAST) ORDER BY id;
SELECT id, row_number() OVER (w ORDER BY id), sum(salary) OVER (w ORDER BY id ROWS 1 PRECEDING) FROM emp WINDOW w AS (PARTITION BY dept) ORDER BY id;
SELECT id, sum(salary) OVER w2 FROM emp WINDOW w1 AS (PARTITION BY dept), w2 AS (w1 ORDER BY id) ORDER BY id;
SELECT id, sum(salary) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM emp WINDOW w AS (PARTITION BY dept ORDER BY id) ORDER BY id;
SELECT id, lag(id) OVER w, lead(id) OVER w FROM emp WINDOW w AS (ORDER BY id), unused AS (ORDER BY name) ORDER BY id;
-- window functions over a grouped result
SELECT dept, sum(salary) AS total, sum(sum(salary)) OVER () AS grand FROM emp GROUP BY dept ORDER BY dept;
SELECT dept, count(*), rank() OVER (ORDER BY count(*) DESC) FROM emp GROUP BY dept ORDER BY dept;
SELECT dept, max(salary), max(salary) - lag(max(salary)) OVER (ORDER BY dept) AS diff FROM emp WHERE dept IS NOT NULL GROUP BY dept ORDER BY dept;
SELECT dept, avg(salary) AS a, avg(avg(salary)) OVER () AS aa FROM emp WHERE dept IS NOT NULL GROUP BY dept ORDER BY dept;
SELECT dept, sum(salary), sum(sum(salary)) OVER (ORDER BY dept) AS running FROM emp WHERE dept IS NOT NULL GROUP BY dept HAVING count(*) > 1 ORDER BY dept;
SELECT dept, count(*) OVER () AS groups FROM emp GROUP BY dept ORDER BY dept;
-- ORDER BY a window function result
SELECT name, salary FROM emp ORDER BY rank() OVER (ORDER BY salary DESC NULLS LAST), id;
SELECT name, row_number() OVER (ORDER BY name DESC) AS rn FROM emp ORDER BY rn;
SELECT id, sum(salary) OVER (PARTITION BY dept) AS ds FROM emp ORDER BY ds DESC NULLS LAST, id;
-- a window function in a subquery, filtered outside
SELECT id, dept, name FROM (SELECT *, row_number() OVER (PARTITION BY dept ORDER BY salary DESC NULLS LAST, id) AS rn FROM emp) s WHERE rn = 1 ORDER BY id;
SELECT id, name FROM (SELECT id, name, rank() OVER (ORDER BY salary DESC) AS r FROM emp WHERE salary IS NOT NULL) s WHERE r <= 3 ORDER BY id;
SELECT count(*) FROM (SELECT lag(salary) OVER (ORDER BY id) AS p, salary FROM emp) s WHERE salary > p;
SELECT dept, avg(rn) FROM (SELECT dept, row_number() OVER (PARTITION BY dept ORDER BY id) AS rn FROM emp) s GROUP BY dept ORDER BY dept;
SELECT id FROM emp WHERE id IN (SELECT id FROM (SELECT id, ntile(2) OVER (ORDER BY id) AS half FROM emp) s WHERE half = 2) ORDER BY id;
-- the window sees rows after WHERE; several different windows in one query
SELECT id, count(*) OVER (), sum(salary) OVER (ORDER BY id) FROM emp WHERE dept = 'eng' ORDER BY id;
SELECT id, row_number() OVER (ORDER BY id), row_number() OVER (ORDER BY id DESC), rank() OVER (PARTITION BY dept ORDER BY salary) FROM emp ORDER BY id;
SELECT DISTINCT dept, count(*) OVER (PARTITION BY dept) FROM emp ORDER BY dept;
SELECT id, row_number() OVER (ORDER BY id) FROM emp ORDER BY id LIMIT 3 OFFSET 2;
-- window functions over expressions and in expressions
SELECT id, sum(salary * 2) OVER (PARTITION BY dept), rank() OVER (ORDER BY salary % 20, id) FROM emp ORDER BY id;
SELECT id, CASE WHEN rank() OVER (ORDER BY salary DESC NULLS LAST) <= 2 THEN 'top' ELSE 'rest' END FROM emp ORDER BY id;
SELECT id, coalesce(lag(name) OVER (ORDER BY id), '') || '>' || name FROM emp ORDER BY id;
SELECT id, bool_and(salary > 60) OVER (ORDER BY id), string_agg(name, ',') OVER (ORDER BY id ROWS 2 PRECEDING) FROM emp ORDER BY id;
-- result types
SELECT pg_typeof(row_number() OVER ()), pg_typeof(rank() OVER ()), pg_typeof(percent_rank() OVER ()), pg_typeof(cume_dist() OVER ()), pg_typeof(ntile(2) OVER ()) FROM emp WHERE id = 1;
SELECT pg_typeof(sum(salary) OVER ()), pg_typeof(avg(salary) OVER ()), pg_typeof(count(*) OVER ()), pg_typeof(lag(bonus) OVER ()) FROM emp WHERE id = 1;
-- empty input
SELECT id, row_number() OVER (ORDER BY id) FROM emp WHERE false;
SELECT count(*) OVER () FROM emp WHERE id > 100;
-- errors
SELECT id FROM emp WHERE row_number() OVER (ORDER BY id) > 2;
SELECT sum(row_number() OVER (ORDER BY id)) OVER () FROM emp;
SELECT id, ntile(0) OVER (ORDER BY id) FROM emp;
SELECT id, nth_value(id, 0) OVER (ORDER BY id) FROM emp;
SELECT id, sum(salary) OVER nowin FROM emp;
SELECT id, sum(salary) OVER (w ORDER BY name) FROM emp WINDOW w AS (ORDER BY id);
SELECT id, sum(salary) OVER (w) FROM emp WINDOW w AS (ORDER BY id ROWS 1 PRECEDING);
SELECT id, sum(salary) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT id, sum(salary) OVER (ORDER BY name RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT id, sum(salary) OVER (ORDER BY id ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM emp;
SELECT id, sum(salary) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM emp;
SELECT id, row_number() FROM emp;
SELECT id, count(DISTINCT dept) OVER () FROM emp;
SELECT dept, sum(salary) OVER () FROM emp GROUP BY dept;
SELECT id, lag(salary, 1, 'none') OVER (ORDER BY id) FROM emp;
DROP TABLE emp, t;
