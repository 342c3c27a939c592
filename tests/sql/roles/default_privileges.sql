-- ALTER DEFAULT PRIVILEGES: what a role's new tables, sequences, functions
-- and schemas start with, everywhere or in one schema; pg_default_acl.
CREATE ROLE dp_owner;
CREATE ROLE dp_reader;
CREATE ROLE dp_writer;
CREATE SCHEMA dp AUTHORIZATION dp_owner;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner IN SCHEMA dp GRANT SELECT ON TABLES TO dp_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner GRANT INSERT, UPDATE ON TABLES TO dp_writer WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner GRANT USAGE ON SEQUENCES TO dp_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner GRANT USAGE ON SCHEMAS TO dp_reader;
SELECT pg_get_userbyid(d.defaclrole) AS role, coalesce(n.nspname, '') AS schema, d.defaclobjtype, d.defaclacl
FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace ORDER BY 1, 2, 3;
GRANT CREATE ON SCHEMA public TO dp_owner;
SET ROLE dp_owner;
CREATE TABLE dp.items (id serial PRIMARY KEY, name text);
CREATE TABLE public.dp_elsewhere (x int);
CREATE VIEW dp.names AS SELECT name FROM dp.items;
CREATE SEQUENCE dp.counter;
CREATE FUNCTION dp.answer() RETURNS int LANGUAGE sql AS 'SELECT 42';
RESET ROLE;
SELECT c.relname, c.relacl FROM pg_class c
WHERE c.relname IN ('items', 'items_id_seq', 'dp_elsewhere', 'names', 'counter') ORDER BY 1;
SELECT proname, proacl FROM pg_proc WHERE proname = 'answer';
-- Made by another role: that role's defaults, not dp_owner's.
CREATE TABLE dp.by_superuser (x int);
SELECT relacl FROM pg_class WHERE relname = 'by_superuser';
-- The defaults reach the roles as privileges.
SET ROLE dp_reader;
SELECT * FROM dp.items;
SELECT * FROM dp.names;
RESET ROLE;
-- Taking a default back to the kind's own removes the entry.
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner REVOKE INSERT, UPDATE ON TABLES FROM dp_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
SELECT pg_get_userbyid(d.defaclrole) AS role, coalesce(n.nspname, '') AS schema, d.defaclobjtype, d.defaclacl
FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace ORDER BY 1, 2, 3;
-- Errors.
ALTER DEFAULT PRIVILEGES IN SCHEMA dp GRANT USAGE ON SCHEMAS TO dp_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA nope GRANT SELECT ON TABLES TO dp_reader;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON TABLES TO dp_reader;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE nobody_dp GRANT SELECT ON TABLES TO dp_reader;
SET ROLE dp_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner GRANT SELECT ON TABLES TO dp_reader;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO dp_writer;
RESET ROLE;
SELECT count(*) FROM pg_default_acl WHERE defaclrole = 'dp_reader'::regrole;
-- A role with default privileges cannot be dropped; dropping the schema drops its entries.
DROP ROLE dp_reader;
DROP SCHEMA dp CASCADE;
SELECT pg_get_userbyid(d.defaclrole) AS role, d.defaclnamespace = 0 AS everywhere, d.defaclobjtype
FROM pg_default_acl d ORDER BY 1, 2, 3;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner REVOKE USAGE ON SEQUENCES FROM dp_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_owner REVOKE USAGE ON SCHEMAS FROM dp_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE dp_reader REVOKE SELECT ON TABLES FROM dp_writer;
DROP TABLE public.dp_elsewhere;
REVOKE CREATE ON SCHEMA public FROM dp_owner;
DROP ROLE dp_owner, dp_reader, dp_writer;
