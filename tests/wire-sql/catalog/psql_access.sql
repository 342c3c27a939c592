-- covers: psql's \dp, \dn+ and \df+ (array_to_string over the aclitem[] columns), \sf NAME ('name'::regproc::oid), pg_has_role, pg_database_size
CREATE TABLE items (id int PRIMARY KEY, name text);
CREATE SEQUENCE counter;
CREATE VIEW item_names AS SELECT name FROM items;
CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
\dp
\dp items
\dn+
\df+ add_one
\sf add_one
\sf add_one(integer)
SELECT 'add_one'::regproc::oid = 'add_one(int)'::regprocedure::oid AS same;
SELECT 'no_such_function'::regproc::oid;
CREATE FUNCTION add_one(x text) RETURNS text LANGUAGE sql AS 'SELECT x || ''1''';
SELECT 'add_one'::regproc::oid;
\sf add_one(text)
SELECT relname, relacl IS NULL AS default_acl, array_to_string(relacl, ',') FROM pg_class WHERE relname IN ('items', 'counter', 'item_names') ORDER BY 1;
SELECT nspname, array_to_string(nspacl, ',') FROM pg_namespace WHERE nspname = 'public';
SELECT proname, proacl FROM pg_proc WHERE proname = 'add_one' ORDER BY oid;
SELECT pg_has_role('postgres', 'MEMBER'), pg_has_role('postgres', 'pg_read_all_stats', 'USAGE'), pg_has_role('pg_monitor', 'member WITH ADMIN OPTION');
SELECT pg_has_role(10::oid, 'MEMBER, USAGE');
SELECT pg_has_role('no_such_role', 'MEMBER');
SELECT pg_has_role('postgres', 'SELECT');
CREATE ROLE plain LOGIN;
SELECT pg_has_role('plain', 'plain', 'MEMBER'), pg_has_role('plain', 'postgres', 'MEMBER'), pg_has_role('plain', 'pg_monitor', 'USAGE');
SELECT pg_database_size(current_database()) > 0 AS has_size;
SELECT pg_database_size(oid) = pg_database_size(datname) AS same FROM pg_database WHERE datname = current_database();
SELECT pg_database_size('no_such_database');
DROP ROLE plain;
