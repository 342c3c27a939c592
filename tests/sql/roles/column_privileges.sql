-- Column privileges: GRANT and REVOKE of SELECT, INSERT, UPDATE and
-- REFERENCES on some columns of a table or view, what each statement then
-- may read and write, and what the catalogs and functions show.
CREATE ROLE cp_owner;
CREATE ROLE cp_user;
CREATE ROLE cp_other;
CREATE SCHEMA cp AUTHORIZATION cp_owner;
SET ROLE cp_owner;
GRANT USAGE, CREATE ON SCHEMA cp TO cp_user, cp_other;
CREATE TABLE cp.emp (id int PRIMARY KEY, name text, salary int, dept text);
INSERT INTO cp.emp VALUES (1, 'ann', 100, 'x'), (2, 'bob', 200, 'y');
CREATE VIEW cp.emp_v AS SELECT id, salary FROM cp.emp;
CREATE SEQUENCE cp.seq;
GRANT SELECT (id, name), UPDATE (name), INSERT (id, name) ON cp.emp TO cp_user;
GRANT REFERENCES (id) ON TABLE cp.emp TO cp_user;
GRANT SELECT (id) ON cp.emp_v TO cp_user;
RESET ROLE;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'cp.emp'::regclass AND attnum > 0 ORDER BY attnum;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'cp.emp_v'::regclass AND attnum > 0 ORDER BY attnum;
SELECT relname, relacl FROM pg_class WHERE oid IN ('cp.emp'::regclass, 'cp.emp_v'::regclass) ORDER BY 1;
-- Bad grants.
SET ROLE cp_owner;
GRANT DELETE (name) ON cp.emp TO cp_user;
GRANT TRUNCATE (name) ON cp.emp TO cp_user;
GRANT SELECT (nosuch) ON cp.emp TO cp_user;
GRANT SELECT (id) ON cp.nosuch TO cp_user;
GRANT SELECT (id) ON SEQUENCE cp.seq TO cp_user;
GRANT SELECT (id) ON SCHEMA cp TO cp_user;
GRANT SELECT (id) ON cp.emp TO PUBLIC WITH GRANT OPTION;
GRANT SELECT (id) ON cp.emp TO nosuch_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA cp GRANT SELECT (id) ON TABLES TO cp_user;
CREATE FUNCTION cp.f(int) RETURNS int LANGUAGE sql AS 'SELECT $1';
REVOKE EXECUTE ON FUNCTION cp.f(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cp.f(int) TO cp_other;
RESET ROLE;
-- Reading some columns.
SET ROLE cp_user;
SELECT id, name FROM cp.emp ORDER BY id;
SELECT * FROM cp.emp;
SELECT salary FROM cp.emp;
SELECT emp.* FROM cp.emp;
SELECT count(*) FROM cp.emp;
SELECT 1 AS one FROM cp.emp LIMIT 1;
SELECT e.id FROM cp.emp e WHERE e.salary > 0;
SELECT id FROM cp.emp ORDER BY salary;
SELECT dept, count(*) FROM cp.emp GROUP BY dept;
SELECT count(DISTINCT name) FROM cp.emp;
SELECT e.name FROM cp.emp e JOIN cp.emp f USING (id) ORDER BY 1;
SELECT e.name FROM cp.emp e NATURAL JOIN cp.emp f ORDER BY 1;
SELECT (SELECT max(id) FROM cp.emp) AS m;
SELECT id FROM cp.emp o WHERE EXISTS (SELECT 1 FROM cp.emp x WHERE x.id = o.id AND x.name = 'ann');
SELECT id FROM cp.emp o WHERE EXISTS (SELECT 1 FROM cp.emp x WHERE x.id = o.id AND o.dept = 'x');
SELECT e FROM cp.emp e;
SELECT row_to_json(e) FROM cp.emp e;
SELECT id FROM cp.emp_v ORDER BY id;
SELECT salary FROM cp.emp_v;
SELECT * FROM cp.emp_v;
SELECT count(*) FROM cp.emp_v;
WITH w AS (SELECT id, name FROM cp.emp) SELECT * FROM w ORDER BY id;
WITH w AS (SELECT * FROM cp.emp) SELECT id FROM w;
SELECT s.id FROM (SELECT id, salary FROM cp.emp) s;
SELECT id AS salary FROM cp.emp ORDER BY salary;
SELECT name AS dept FROM cp.emp ORDER BY dept DESC;
SELECT DISTINCT ON (name) name FROM cp.emp ORDER BY name;
SELECT name, row_number() OVER (ORDER BY id) FROM cp.emp ORDER BY 2;
SELECT name, rank() OVER (ORDER BY salary) FROM cp.emp;
SELECT id FROM cp.emp FOR UPDATE;
-- Writing some columns.
UPDATE cp.emp SET name = 'anne' WHERE id = 1;
UPDATE cp.emp SET salary = 1 WHERE id = 1;
UPDATE cp.emp SET name = name || '!' WHERE id = 2 RETURNING id, name;
UPDATE cp.emp SET name = 'z' WHERE salary > 0;
UPDATE cp.emp SET name = 'z' WHERE id = 9 RETURNING *;
UPDATE cp.emp SET name = 'z' WHERE id = 9 RETURNING salary;
UPDATE cp.emp SET (name) = ROW('w') WHERE id = 9;
INSERT INTO cp.emp (id, name) VALUES (3, 'cy');
INSERT INTO cp.emp (id, name, salary) VALUES (4, 'di', 5);
INSERT INTO cp.emp VALUES (5, 'ed');
INSERT INTO cp.emp VALUES (5, 'ed', 1);
INSERT INTO cp.emp (id, name) VALUES (6, 'fy') RETURNING id, name;
INSERT INTO cp.emp (id, name) VALUES (7, 'gi') RETURNING salary;
INSERT INTO cp.emp (id, name) VALUES (7, 'gi') RETURNING *;
INSERT INTO cp.emp (id, name) SELECT id + 10, name FROM cp.emp WHERE id < 3;
INSERT INTO cp.emp (id, name) VALUES (1, 'x') ON CONFLICT (id) DO NOTHING;
INSERT INTO cp.emp (id, name) VALUES (1, 'x') ON CONFLICT DO NOTHING;
INSERT INTO cp.emp (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET name = excluded.name;
INSERT INTO cp.emp (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET salary = 1;
INSERT INTO cp.emp (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET name = 'y' WHERE emp.salary > 0;
INSERT INTO cp.emp (id, name) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET name = excluded.name || excluded.dept;
INSERT INTO cp.emp DEFAULT VALUES;
DELETE FROM cp.emp WHERE id = 3;
TRUNCATE cp.emp;
-- REFERENCES on some columns.
CREATE TABLE cp.child (emp_id int REFERENCES cp.emp (id));
CREATE TABLE cp.child2 (emp_name text REFERENCES cp.emp (name));
RESET ROLE;
SET ROLE cp_other;
CREATE TABLE cp.child3 (emp_id int REFERENCES cp.emp (id));
CREATE TABLE cp.child3 (emp_id int REFERENCES cp.emp);
RESET ROLE;
SELECT * FROM cp.emp ORDER BY id;
-- The functions ask about any role.
SELECT has_column_privilege('cp_user', 'cp.emp', 'name', 'SELECT') AS name_sel,
       has_column_privilege('cp_user', 'cp.emp', 'salary', 'SELECT') AS salary_sel,
       has_column_privilege('cp_user', 'cp.emp', 'name', 'UPDATE') AS name_upd,
       has_column_privilege('cp_user', 'cp.emp', 'id', 'UPDATE') AS id_upd,
       has_column_privilege('cp_user', 'cp.emp', 'id', 'REFERENCES') AS id_ref,
       has_column_privilege('cp_user', 'cp.emp', 3::int2, 'SELECT') AS by_number,
       has_column_privilege('cp_user', 'cp.emp', 'name', 'SELECT, UPDATE') AS any_of;
SELECT has_table_privilege('cp_user', 'cp.emp', 'SELECT') AS table_sel,
       has_any_column_privilege('cp_user', 'cp.emp', 'SELECT') AS any_sel,
       has_any_column_privilege('cp_user', 'cp.emp', 'INSERT') AS any_ins,
       has_any_column_privilege('cp_other', 'cp.emp', 'SELECT') AS other_sel,
       has_any_column_privilege('cp_user', 'cp.emp_v', 'SELECT') AS view_sel;
SELECT has_any_column_privilege('cp.emp', 'SELECT'), has_any_column_privilege('cp.emp'::regclass, 'UPDATE');
SELECT has_any_column_privilege('cp_user', 'cp.emp', 'DELETE');
SELECT has_column_privilege('cp_user', 'cp.emp', 'nosuch', 'SELECT');
SELECT has_column_privilege('cp_user', 'cp.emp', 9::int2, 'SELECT');
SELECT has_function_privilege('cp_user', 'cp.f(int)', 'EXECUTE') AS user_f,
       has_function_privilege('cp_other', 'cp.f(integer)', 'execute') AS other_f,
       has_function_privilege('cp_owner', 'cp.f(int4)', 'EXECUTE WITH GRANT OPTION') AS owner_f,
       has_function_privilege('cp.f(int)', 'EXECUTE') AS me_f,
       has_function_privilege('public', 'cp.f(int)', 'EXECUTE') AS public_f;
SELECT has_function_privilege('cp_user', 'cp.nosuch(int)', 'EXECUTE');
SELECT has_function_privilege('cp_user', 'cp.f(int)', 'SELECT');
SELECT has_function_privilege('cp_user', 'cp.f(', 'EXECUTE');
SELECT has_function_privilege('cp_user', 0::oid, 'EXECUTE');
SET ROLE cp_user;
SELECT cp.f(1);
RESET ROLE;
SELECT grantor, grantee, table_schema, table_name, column_name, privilege_type, is_grantable
FROM information_schema.column_privileges WHERE table_schema = 'cp' ORDER BY table_name, column_name, grantee, privilege_type;
-- ALL on columns, grant options, and revoking.
SET ROLE cp_owner;
GRANT ALL (id, dept) ON cp.emp TO cp_other;
GRANT SELECT (salary) ON cp.emp TO cp_user WITH GRANT OPTION;
RESET ROLE;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'cp.emp'::regclass AND attnum > 0 ORDER BY attnum;
SET ROLE cp_user;
GRANT SELECT (salary) ON cp.emp TO cp_other;
GRANT SELECT (name) ON cp.emp TO cp_other;
GRANT SELECT (salary, name) ON cp.emp TO cp_other;
GRANT UPDATE (dept) ON cp.emp TO cp_other;
SELECT salary FROM cp.emp ORDER BY 1;
RESET ROLE;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'cp.emp'::regclass AND attnum > 0 ORDER BY attnum;
SET ROLE cp_owner;
REVOKE SELECT (salary) ON cp.emp FROM cp_user;
REVOKE SELECT (salary) ON cp.emp FROM cp_user CASCADE;
REVOKE GRANT OPTION FOR SELECT (id) ON cp.emp FROM cp_other;
REVOKE UPDATE (name) ON cp.emp FROM cp_user;
GRANT SELECT, UPDATE ON cp.emp TO cp_other;
REVOKE SELECT ON cp.emp FROM cp_other;
RESET ROLE;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'cp.emp'::regclass AND attnum > 0 ORDER BY attnum;
SELECT relacl FROM pg_class WHERE oid = 'cp.emp'::regclass;
SET ROLE cp_owner;
REVOKE ALL ON cp.emp FROM cp_other;
RESET ROLE;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'cp.emp'::regclass AND attnum > 0 ORDER BY attnum;
-- Table privileges still cover every column.
SET ROLE cp_owner;
GRANT SELECT ON cp.emp TO cp_other;
RESET ROLE;
SET ROLE cp_other;
SELECT id, name, salary FROM cp.emp ORDER BY id LIMIT 1;
RESET ROLE;
-- Roles holding column privileges, and dropped columns.
DROP ROLE cp_user;
SET ROLE cp_owner;
ALTER TABLE cp.emp DROP COLUMN name;
ALTER TABLE cp.emp RENAME COLUMN dept TO department;
RESET ROLE;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'cp.emp'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
DROP OWNED BY cp_user;
SELECT attname, attacl FROM pg_attribute WHERE attrelid = 'cp.emp'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
DROP SCHEMA cp CASCADE;
DROP ROLE cp_user;
DROP ROLE cp_other;
DROP ROLE cp_owner;
