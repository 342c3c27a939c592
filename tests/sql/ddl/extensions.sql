-- CREATE EXTENSION "uuid-ossp" and its functions, pg_extension and
-- pg_available_extensions, DROP EXTENSION; the built-in plpgsql.
SELECT uuid_generate_v4();
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION "uuid-ossp";
SELECT e.extname, e.extversion, n.nspname, e.extrelocatable, e.extconfig, e.extcondition
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'uuid-ossp';
SELECT e.oid >= 16384 AS user_oid, r.rolname FROM pg_extension e JOIN pg_roles r ON r.oid = e.extowner
WHERE e.extname = 'uuid-ossp';
SELECT name, default_version, installed_version, comment FROM pg_available_extensions
WHERE name IN ('uuid-ossp', 'plpgsql') ORDER BY name;
SELECT extname, extversion FROM pg_extension WHERE extname = 'plpgsql';
COMMENT ON EXTENSION "uuid-ossp" IS 'generate universally unique identifiers (UUIDs)';
SELECT obj_description(oid, 'pg_extension') FROM pg_extension WHERE extname IN ('uuid-ossp', 'plpgsql') ORDER BY extname;
COMMENT ON EXTENSION nothing_here IS 'x';
-- The namespaces and name-based uuids are fixed; random ones have their version.
SELECT uuid_nil(), uuid_ns_dns(), uuid_ns_url(), uuid_ns_oid(), uuid_ns_x500();
SELECT uuid_generate_v3(uuid_ns_dns(), 'www.example.com') AS v3,
       uuid_generate_v5(uuid_ns_url(), 'http://www.postgresql.org') AS v5;
SELECT public.uuid_generate_v5(public.uuid_ns_dns(), 'heliosdb'), uuid_generate_v3(uuid_nil(), '');
SELECT uuid_generate_v3(NULL, 'x'), uuid_generate_v5(uuid_ns_oid(), NULL);
SELECT length(uuid_generate_v4()::text) AS len, substr(uuid_generate_v4()::text, 15, 1) AS v4,
       substr(uuid_generate_v1()::text, 15, 1) AS v1, substr(uuid_generate_v1mc()::text, 15, 1) AS v1mc,
       substr(uuid_generate_v1mc()::text, 20, 1) IN ('8', '9', 'a', 'b') AS variant;
SELECT count(DISTINCT u) FROM (SELECT uuid_generate_v4() AS u FROM generate_series(1, 100)) s;
SELECT count(DISTINCT u) FROM (SELECT uuid_generate_v1() AS u FROM generate_series(1, 100)) s;
SELECT uuid_generate_v3('x');
-- As a column default, which DROP EXTENSION then refuses to leave dangling.
CREATE TABLE ext_items (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), name text);
INSERT INTO ext_items (name) VALUES ('a'), ('b');
SELECT count(DISTINCT id) FROM ext_items;
SELECT column_default FROM information_schema.columns WHERE table_name = 'ext_items' AND column_name = 'id';
DROP EXTENSION "uuid-ossp";
DROP TABLE ext_items;
DROP EXTENSION "uuid-ossp";
DROP EXTENSION "uuid-ossp";
DROP EXTENSION IF EXISTS "uuid-ossp";
SELECT uuid_generate_v4();
SELECT count(*) FROM pg_extension WHERE extname = 'uuid-ossp';
-- In a schema of its own: the functions resolve there, or on the search path.
CREATE SCHEMA ext;
CREATE EXTENSION "uuid-ossp" WITH SCHEMA ext;
SELECT uuid_nil();
SELECT public.uuid_nil();
SELECT ext.uuid_nil();
SET search_path = public, ext;
SELECT uuid_nil();
RESET search_path;
-- Transactional, like the rest of the catalog.
BEGIN;
DROP EXTENSION "uuid-ossp";
SELECT ext.uuid_nil();
ROLLBACK;
SELECT ext.uuid_nil();
DROP EXTENSION "uuid-ossp";
DROP SCHEMA ext;
-- A schema that holds an extension drops only with CASCADE.
CREATE SCHEMA ext2;
CREATE EXTENSION "uuid-ossp" SCHEMA ext2;
DROP SCHEMA ext2;
DROP SCHEMA ext2 CASCADE;
SELECT count(*) FROM pg_extension WHERE extname = 'uuid-ossp';
-- Errors.
CREATE EXTENSION "uuid-ossp" VERSION '9.9';
CREATE EXTENSION "uuid-ossp" SCHEMA nowhere;
CREATE EXTENSION no_such_extension;
DROP EXTENSION no_such_extension;
CREATE EXTENSION IF NOT EXISTS plpgsql;
CREATE EXTENSION plpgsql;
