-- Scalar, IN, EXISTS, ANY/ALL subqueries, correlated and not.
CREATE TABLE dept (id INT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE emp (id INT PRIMARY KEY, name TEXT, dept_id INT, salary INT, manager_id INT);
INSERT INTO dept VALUES (1, 'eng'), (2, 'sales'), (3, 'empty');
INSERT INTO emp VALUES
  (1, 'ann', 1, 120, NULL), (2, 'bob', 1, 100, 1), (3, 'cy', 1, 90, 1),
  (4, 'di', 2, 80, NULL), (5, 'ed', 2, 85, 4), (6, 'fay', NULL, 50, NULL);
-- scalar subqueries
SELECT name FROM emp WHERE salary > (SELECT avg(salary) FROM emp) ORDER BY name;
SELECT name, salary - (SELECT min(salary) FROM emp) AS above_min FROM emp ORDER BY id;
SELECT (SELECT name FROM dept WHERE id = 2), (SELECT name FROM dept WHERE id = 99);
SELECT (SELECT id FROM dept);
SELECT (SELECT id, name FROM dept WHERE id = 1);
SELECT id FROM emp WHERE id = (SELECT max(id) FROM emp);
-- correlated scalar subqueries
SELECT e.name, (SELECT d.name FROM dept d WHERE d.id = e.dept_id) AS dept FROM emp e ORDER BY e.id;
SELECT name FROM emp e WHERE salary = (SELECT max(salary) FROM emp x WHERE x.dept_id = e.dept_id) ORDER BY name;
SELECT d.name, (SELECT count(*) FROM emp e WHERE e.dept_id = d.id) AS staff FROM dept d ORDER BY d.id;
SELECT e.name, (SELECT m.name FROM emp m WHERE m.id = e.manager_id) AS manager FROM emp e ORDER BY e.id;
-- IN and NOT IN, with the NULL rules
SELECT name FROM emp WHERE dept_id IN (SELECT id FROM dept WHERE name <> 'eng') ORDER BY name;
SELECT name FROM dept WHERE id NOT IN (SELECT dept_id FROM emp WHERE dept_id IS NOT NULL) ORDER BY name;
SELECT name FROM dept WHERE id NOT IN (SELECT dept_id FROM emp) ORDER BY name;
SELECT 1 IN (SELECT 1 WHERE false), NULL::int IN (SELECT 1), 2 IN (SELECT NULL::int UNION ALL SELECT 2);
SELECT name FROM emp WHERE (dept_id) IN (SELECT id FROM dept WHERE id = emp.dept_id AND name = 'sales') ORDER BY 1;
SELECT 'x' IN (SELECT name FROM dept);
SELECT 1 IN (SELECT id, name FROM dept);
-- EXISTS and NOT EXISTS
SELECT name FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id) ORDER BY name;
SELECT name FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept_id = d.id) ORDER BY name;
SELECT EXISTS (SELECT 1 FROM emp WHERE salary > 1000), EXISTS (SELECT * FROM emp);
-- ANY / ALL
SELECT name FROM emp WHERE salary > ALL (SELECT salary FROM emp WHERE dept_id = 2) ORDER BY name;
SELECT name FROM emp WHERE salary < ANY (SELECT salary FROM emp WHERE dept_id = 2) ORDER BY name;
SELECT 5 > ALL (SELECT 1 WHERE false), 5 = ANY (SELECT 1 WHERE false), 5 > ALL (SELECT NULL::int);
-- subqueries in other clauses
SELECT dept_id, count(*) FROM emp GROUP BY dept_id HAVING count(*) > (SELECT count(*) FROM dept WHERE id = 2) ORDER BY 1;
SELECT name FROM emp ORDER BY (SELECT name FROM dept WHERE id = emp.dept_id), name;
UPDATE emp SET salary = salary + (SELECT count(*) FROM dept) WHERE dept_id = (SELECT id FROM dept WHERE name = 'sales');
SELECT id, salary FROM emp ORDER BY id;
DELETE FROM emp WHERE dept_id NOT IN (SELECT id FROM dept) OR dept_id IS NULL;
SELECT count(*) FROM emp;
INSERT INTO emp VALUES (7, 'gus', (SELECT id FROM dept WHERE name = 'empty'), 70, NULL);
SELECT name, dept_id FROM emp WHERE id = 7;
UPDATE emp SET manager_id = (SELECT id FROM emp WHERE name = 'ann') WHERE manager_id IS NULL AND name <> 'ann';
SELECT id, manager_id FROM emp ORDER BY id;
-- errors
SELECT (SELECT nope FROM dept);
SELECT name FROM emp WHERE salary > (SELECT salary FROM emp);
CREATE TABLE bad (x INT CHECK (x > (SELECT 1)));
