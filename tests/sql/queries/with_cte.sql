-- WITH queries: plain CTEs, WITH RECURSIVE, data-modifying CTEs, and their errors.
CREATE TABLE emp (id INT PRIMARY KEY, name TEXT NOT NULL, dept TEXT, salary INT, boss INT);
INSERT INTO emp VALUES
  (1, 'ann', 'eng', 120, NULL), (2, 'bob', 'eng', 100, 1), (3, 'cy', 'eng', 90, 2),
  (4, 'di', 'sales', 80, 1), (5, 'ed', 'sales', 85, 4), (6, 'fay', NULL, 50, NULL),
  (7, 'gus', 'eng', 70, 3), (8, 'hal', 'sales', 60, 5);
CREATE TABLE dept (name TEXT PRIMARY KEY, budget NUMERIC);
INSERT INTO dept VALUES ('eng', 1000.50), ('sales', 400), ('hr', 0);
-- a single CTE
WITH rich AS (SELECT id, name FROM emp WHERE salary >= 90) SELECT name FROM rich ORDER BY name;
WITH c AS (SELECT count(*) AS n FROM emp) SELECT n FROM c;
WITH c AS (SELECT 1 AS x) SELECT x + 1 AS y FROM c;
WITH c AS (SELECT name, salary FROM emp) SELECT * FROM c WHERE salary < 70 ORDER BY name;
WITH empty AS (SELECT id FROM emp WHERE false) SELECT count(*) FROM empty;
WITH empty AS (SELECT id FROM emp WHERE false) SELECT id FROM empty;
WITH v AS (VALUES (1, 'a'), (2, 'b')) SELECT * FROM v ORDER BY column1;
-- several CTEs, a later one reading an earlier one
WITH eng AS (SELECT * FROM emp WHERE dept = 'eng'), sales AS (SELECT * FROM emp WHERE dept = 'sales')
  SELECT (SELECT count(*) FROM eng) AS e, (SELECT count(*) FROM sales) AS s;
WITH eng AS (SELECT * FROM emp WHERE dept = 'eng'), top_eng AS (SELECT name, salary FROM eng WHERE salary > 80)
  SELECT name FROM top_eng ORDER BY salary DESC;
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS x FROM a), c AS (SELECT x * 10 AS x FROM b) SELECT a.x, b.x, c.x FROM a, b, c;
WITH totals AS (SELECT dept, sum(salary) AS total FROM emp GROUP BY dept),
     avg_total AS (SELECT avg(total) AS a FROM totals)
  SELECT dept, total FROM totals, avg_total WHERE total > a ORDER BY dept;
WITH t AS (SELECT dept, count(*) AS n FROM emp WHERE dept IS NOT NULL GROUP BY dept)
  SELECT d.name, coalesce(t.n, 0) AS n FROM dept d LEFT JOIN t ON t.dept = d.name ORDER BY d.name;
-- column alias lists
WITH x(a, b) AS (SELECT id, name FROM emp WHERE id < 3) SELECT a, b FROM x ORDER BY a;
WITH x(a) AS (SELECT id, name FROM emp WHERE id < 3) SELECT * FROM x ORDER BY a;
WITH x(a, b) AS (VALUES (1, true), (2, false)) SELECT b, a FROM x ORDER BY a;
WITH x(a, b) AS (SELECT id, name FROM emp WHERE id = 1) SELECT id FROM x;
WITH x(a, b) AS (SELECT 1, 2) SELECT q.* FROM x AS q(c, d);
-- a CTE shadows a table of the same name
WITH emp AS (SELECT 99 AS id, 'ghost' AS name) SELECT id, name FROM emp;
WITH dept AS (SELECT name FROM dept WHERE budget > 100) SELECT name FROM dept ORDER BY name;
WITH emp AS (SELECT * FROM emp WHERE dept = 'sales') SELECT count(*) FROM emp;
SELECT count(*) FROM emp;
WITH emp AS (SELECT 1 AS x) SELECT count(*) FROM public.emp;
-- one CTE read twice in a query
WITH s AS (SELECT id, name, boss FROM emp) SELECT a.name, b.name AS boss FROM s a JOIN s b ON a.boss = b.id ORDER BY a.name;
WITH n AS (SELECT i FROM generate_series(1, 3) AS g(i)) SELECT x.i, y.i FROM n x, n y WHERE x.i < y.i ORDER BY x.i, y.i;
WITH s AS (SELECT salary FROM emp) SELECT (SELECT max(salary) FROM s) - (SELECT min(salary) FROM s) AS spread;
WITH s AS (SELECT id FROM emp WHERE id <= 2) SELECT id FROM s UNION ALL SELECT id + 10 FROM s ORDER BY 1;
-- CTEs inside subqueries
SELECT name FROM emp WHERE salary = (WITH m AS (SELECT max(salary) AS s FROM emp) SELECT s FROM m);
SELECT d.name, (WITH x AS (SELECT salary FROM emp e WHERE e.dept = d.name) SELECT sum(salary) FROM x) AS total FROM dept d ORDER BY d.name;
SELECT * FROM (WITH q AS (SELECT 5 AS v) SELECT v * 2 AS w FROM q) sub;
SELECT name FROM emp WHERE id IN (WITH b AS (SELECT DISTINCT boss FROM emp WHERE boss IS NOT NULL) SELECT boss FROM b) ORDER BY name;
SELECT EXISTS (WITH z AS (SELECT 1 FROM emp WHERE salary > 500) SELECT * FROM z) AS any_big;
-- nested WITH: an inner CTE hides an outer one
WITH a AS (SELECT 1 AS v) SELECT * FROM (WITH a AS (SELECT 2 AS v) SELECT v FROM a) s, a;
WITH a AS (SELECT 1 AS v), b AS (WITH a AS (SELECT 3 AS v) SELECT v FROM a) SELECT a.v, b.v FROM a, b;
-- CTEs feeding INSERT, UPDATE and DELETE
CREATE TABLE archive (id INT, name TEXT, salary INT);
INSERT INTO archive WITH low AS (SELECT id, name, salary FROM emp WHERE salary < 80) SELECT * FROM low;
SELECT * FROM archive ORDER BY id;
WITH hi AS (SELECT id, name, salary FROM emp WHERE salary > 100) INSERT INTO archive SELECT id, name, salary FROM hi;
SELECT * FROM archive ORDER BY id;
UPDATE archive SET salary = salary + 1 WHERE id IN (WITH s AS (SELECT id FROM emp WHERE dept = 'eng') SELECT id FROM s);
SELECT * FROM archive ORDER BY id;
WITH gone AS (SELECT id FROM emp WHERE dept IS NULL) DELETE FROM archive WHERE id IN (SELECT id FROM gone);
SELECT * FROM archive ORDER BY id;
WITH m AS (SELECT max(salary) AS s FROM emp) UPDATE archive SET salary = (SELECT s FROM m) WHERE id = 7;
SELECT * FROM archive ORDER BY id;
-- MATERIALIZED and NOT MATERIALIZED give the same rows
WITH m AS MATERIALIZED (SELECT id, salary FROM emp) SELECT id FROM m WHERE salary > 90 ORDER BY id;
WITH m AS NOT MATERIALIZED (SELECT id, salary FROM emp) SELECT id FROM m WHERE salary > 90 ORDER BY id;
WITH m(a, b) AS MATERIALIZED (SELECT id, salary FROM emp) SELECT sum(b) FROM m WHERE a < 4;
WITH m AS NOT MATERIALIZED (SELECT id FROM emp), n AS MATERIALIZED (SELECT id FROM m WHERE id > 6) SELECT id FROM n ORDER BY id;
-- WITH RECURSIVE: counting
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i FROM n ORDER BY i;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT count(*), sum(i), max(i) FROM n;
WITH RECURSIVE n(i, f) AS (SELECT 1, 1::bigint UNION ALL SELECT i + 1, f * (i + 1) FROM n WHERE i < 15) SELECT i, f FROM n ORDER BY i;
WITH RECURSIVE fib(a, b) AS (SELECT 0, 1 UNION ALL SELECT b, a + b FROM fib WHERE b < 100) SELECT a FROM fib ORDER BY a;
WITH RECURSIVE n AS (SELECT 10 AS i UNION ALL SELECT i - 3 FROM n WHERE i > 0) SELECT i FROM n ORDER BY i DESC;
WITH RECURSIVE n(i) AS (SELECT 1 WHERE false UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n;
WITH RECURSIVE d(day) AS (SELECT DATE '2024-02-27' UNION ALL SELECT day + 1 FROM d WHERE day < DATE '2024-03-02') SELECT day FROM d ORDER BY day;
WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n ORDER BY i;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4) SELECT a.i, b.i FROM n a JOIN n b ON b.i = a.i * 2 ORDER BY a.i;
-- numeric accumulation
WITH RECURSIVE c(k, v) AS (SELECT 0, 1.5::numeric UNION ALL SELECT k + 1, v * 2 FROM c WHERE k < 4) SELECT k, v FROM c ORDER BY k;
-- UNION (distinct) stops when no new rows appear; UNION ALL with a bound
WITH RECURSIVE r(x) AS (SELECT 1 UNION SELECT (x + 1) % 4 FROM r) SELECT x FROM r ORDER BY x;
WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT (x + 1) % 4 FROM r WHERE x <> 0) SELECT x FROM r ORDER BY x;
WITH RECURSIVE r(x) AS (SELECT 1 UNION SELECT 1 FROM r) SELECT x FROM r;
WITH RECURSIVE r(x, y) AS (SELECT 1, 'a' UNION SELECT x, y FROM r) SELECT * FROM r;
WITH RECURSIVE r(x) AS (VALUES (1), (1), (2) UNION SELECT x + 1 FROM r WHERE x < 3) SELECT x FROM r ORDER BY x;
WITH RECURSIVE r(x) AS (VALUES (1), (1), (2) UNION ALL SELECT x + 1 FROM r WHERE x < 3) SELECT x, count(*) FROM r GROUP BY x ORDER BY x;
-- tree walks over emp.boss
WITH RECURSIVE sub(id, name) AS (
  SELECT id, name FROM emp WHERE id = 1
  UNION ALL
  SELECT e.id, e.name FROM emp e JOIN sub s ON e.boss = s.id
) SELECT name FROM sub ORDER BY name;
WITH RECURSIVE sub(id, name, depth) AS (
  SELECT id, name, 0 FROM emp WHERE boss IS NULL
  UNION ALL
  SELECT e.id, e.name, s.depth + 1 FROM emp e JOIN sub s ON e.boss = s.id
) SELECT depth, name FROM sub ORDER BY depth, name;
WITH RECURSIVE up(id, name, boss) AS (
  SELECT id, name, boss FROM emp WHERE name = 'hal'
  UNION ALL
  SELECT e.id, e.name, e.boss FROM emp e JOIN up u ON e.id = u.boss
) SELECT id, name FROM up ORDER BY id;
WITH RECURSIVE sub(id, depth) AS (
  SELECT id, 0 FROM emp WHERE id = 1
  UNION ALL
  SELECT e.id, s.depth + 1 FROM emp e, sub s WHERE e.boss = s.id AND s.depth < 1
) SELECT id, depth FROM sub ORDER BY id;
WITH RECURSIVE sub(id, salary) AS (
  SELECT id, salary FROM emp WHERE id = 2
  UNION ALL
  SELECT e.id, e.salary FROM emp e JOIN sub s ON e.boss = s.id
) SELECT count(*) AS n, sum(salary) AS total FROM sub;
WITH RECURSIVE sub(root, id) AS (
  SELECT id, id FROM emp WHERE boss IS NULL
  UNION ALL
  SELECT s.root, e.id FROM emp e JOIN sub s ON e.boss = s.id
) SELECT root, count(*) FROM sub GROUP BY root ORDER BY root;
-- building paths with text concatenation
WITH RECURSIVE p(id, path) AS (
  SELECT id, name FROM emp WHERE boss IS NULL
  UNION ALL
  SELECT e.id, p.path || '/' || e.name FROM emp e JOIN p ON e.boss = p.id
) SELECT path FROM p ORDER BY path;
WITH RECURSIVE p(id, path, depth) AS (
  SELECT id, name::text, 1 FROM emp WHERE id = 1
  UNION ALL
  SELECT e.id, p.path || ' > ' || e.name, p.depth + 1 FROM emp e JOIN p ON e.boss = p.id WHERE p.depth < 3
) SELECT depth, path FROM p ORDER BY depth, path;
WITH RECURSIVE s(n, str) AS (SELECT 1, 'x' UNION ALL SELECT n + 1, str || 'x' FROM s WHERE n < 4) SELECT n, str, length(str) FROM s ORDER BY n;
WITH RECURSIVE r(x) AS (SELECT 'a' UNION ALL SELECT x || 'b' FROM r WHERE length(x) < 3) SELECT x FROM r ORDER BY x;
-- a graph with a cycle: UNION ALL needs a guard, UNION terminates on its own
CREATE TABLE edge (src INT, dst INT);
INSERT INTO edge VALUES (1, 2), (2, 3), (3, 1), (3, 4), (5, 6);
WITH RECURSIVE reach(n) AS (SELECT 1 UNION SELECT e.dst FROM edge e JOIN reach r ON e.src = r.n) SELECT n FROM reach ORDER BY n;
WITH RECURSIVE reach(n, depth) AS (SELECT 1, 0 UNION ALL SELECT e.dst, r.depth + 1 FROM edge e JOIN reach r ON e.src = r.n WHERE r.depth < 4)
  SELECT n, depth FROM reach ORDER BY depth, n;
WITH RECURSIVE walk(n, path) AS (
  SELECT 1, '1'
  UNION ALL
  SELECT e.dst, w.path || ',' || e.dst FROM edge e JOIN walk w ON e.src = w.n
  WHERE position(',' || e.dst || ',' IN ',' || w.path || ',') = 0
) SELECT n, path FROM walk ORDER BY path;
WITH RECURSIVE reach(n) AS (SELECT 5 UNION SELECT e.dst FROM edge e JOIN reach r ON e.src = r.n) SELECT n FROM reach ORDER BY n;
-- a recursive CTE next to a plain one, and the recursive one read twice
WITH RECURSIVE base AS (SELECT 3 AS lim), n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n, base WHERE i < lim) SELECT i FROM n ORDER BY i;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT (SELECT sum(i) FROM n) AS s, (SELECT count(*) FROM n) AS c;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3), sq AS (SELECT i, i * i AS s FROM n) SELECT * FROM sq ORDER BY i;
-- RECURSIVE keyword on a non-recursive query is allowed
WITH RECURSIVE plain AS (SELECT 42 AS v) SELECT v FROM plain;
-- recursive CTE used by INSERT ... SELECT
CREATE TABLE nums (n INT);
INSERT INTO nums WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 6) SELECT i FROM s;
SELECT count(*), sum(n) FROM nums;
-- data-modifying CTEs
CREATE TABLE item (id INT PRIMARY KEY, label TEXT, qty INT);
CREATE TABLE log (op TEXT, item_id INT, qty INT);
INSERT INTO item VALUES (1, 'a', 5), (2, 'b', 0), (3, 'c', 7), (4, 'd', 0), (5, 'e', 2);
WITH d AS (DELETE FROM item WHERE qty = 0 RETURNING *) SELECT id, label FROM d ORDER BY id;
SELECT id FROM item ORDER BY id;
WITH d AS (DELETE FROM item WHERE qty > 100 RETURNING *) SELECT count(*) FROM d;
WITH i AS (INSERT INTO item VALUES (6, 'f', 1), (7, 'g', 9) RETURNING id) SELECT id FROM i ORDER BY id;
SELECT id, label, qty FROM item ORDER BY id;
WITH i AS (INSERT INTO item VALUES (8, 'h', 4) RETURNING id, qty * 10 AS tenfold) SELECT id, tenfold FROM i;
WITH u AS (UPDATE item SET qty = qty + 1 WHERE qty < 5 RETURNING id, qty) INSERT INTO log SELECT 'bump', id, qty FROM u;
SELECT op, item_id, qty FROM log ORDER BY item_id;
SELECT id, qty FROM item ORDER BY id;
WITH d AS (DELETE FROM item WHERE id = 7 RETURNING id, qty) INSERT INTO log SELECT 'del', id, qty FROM d;
SELECT op, item_id, qty FROM log ORDER BY op, item_id;
WITH moved AS (DELETE FROM item WHERE qty >= 7 RETURNING id, label, qty) INSERT INTO archive SELECT id, label, qty FROM moved;
SELECT * FROM archive WHERE id < 10 ORDER BY id, name;
SELECT id FROM item ORDER BY id;
WITH u AS (UPDATE item SET label = upper(label) WHERE id IN (1, 5) RETURNING id, label) SELECT label FROM u ORDER BY label;
SELECT id, label FROM item ORDER BY id;
-- a data-modifying CTE runs even when the main query does not read it
WITH d AS (DELETE FROM log WHERE op = 'del' RETURNING 1) SELECT 'done' AS status;
SELECT count(*) FROM log WHERE op = 'del';
SELECT count(*) FROM item;
-- several data-modifying CTEs in one statement
WITH a AS (INSERT INTO log VALUES ('x', 100, 1) RETURNING item_id), b AS (INSERT INTO log VALUES ('y', 200, 2) RETURNING item_id)
  SELECT (SELECT item_id FROM a) AS a, (SELECT item_id FROM b) AS b;
SELECT op, item_id FROM log WHERE item_id >= 100 ORDER BY item_id;
-- data-modifying statement as the main query with a CTE feeding it
WITH src AS (SELECT 10 AS id, 'j' AS label, 1 AS qty) INSERT INTO item SELECT * FROM src RETURNING id, label;
WITH ids AS (SELECT id FROM item WHERE qty = 3 AND id > 6) DELETE FROM item WHERE id IN (SELECT id FROM ids) RETURNING id;
SELECT id, label, qty FROM item ORDER BY id;
-- errors
WITH x(a, b) AS (SELECT 1) SELECT * FROM x;
WITH x(a, b, c) AS (SELECT 1, 2) SELECT * FROM x;
WITH a AS (SELECT 1), a AS (SELECT 2) SELECT * FROM a;
WITH a AS (SELECT * FROM b), b AS (SELECT 1 AS v) SELECT * FROM a;
WITH RECURSIVE r(x) AS (SELECT x FROM r) SELECT * FROM r;
WITH RECURSIVE r(x) AS (SELECT 1 INTERSECT SELECT x + 1 FROM r) SELECT * FROM r;
WITH RECURSIVE r(x) AS (SELECT x FROM r UNION ALL SELECT 1) SELECT * FROM r;
WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT count(*) FROM r) SELECT * FROM r;
WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < (SELECT max(x) FROM r)) SELECT * FROM r;
WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT 1 FROM emp LEFT JOIN r ON true) SELECT * FROM r;
WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 0.5 FROM r WHERE x < 3) SELECT * FROM r;
WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1, x FROM r WHERE x < 3) SELECT * FROM r;
WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r ORDER BY x) SELECT * FROM r;
WITH i AS (INSERT INTO item VALUES (6, 'dup', 1) RETURNING id) SELECT * FROM i;
SELECT * FROM (WITH d AS (DELETE FROM log RETURNING *) SELECT * FROM d) s;
SELECT count(*) FROM log;
DROP TABLE emp, dept, archive, edge, nums, item, log;
