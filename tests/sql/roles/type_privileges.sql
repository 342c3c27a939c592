-- USAGE on enum types and domains: GRANT and REVOKE ON TYPE / ON DOMAIN,
-- what making a column, domain or function of a type then wants, default
-- privileges for types, and what the catalogs and functions show.
CREATE ROLE tp_owner;
CREATE ROLE tp_user;
CREATE SCHEMA tp AUTHORIZATION tp_owner;
GRANT USAGE, CREATE ON SCHEMA tp TO tp_user;
SET ROLE tp_owner;
CREATE TYPE tp.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN tp.posint AS integer CHECK (VALUE > 0);
SELECT typname, typacl FROM pg_type WHERE typnamespace = 'tp'::regnamespace AND typtype IN ('e', 'd') ORDER BY 1;
REVOKE USAGE ON TYPE tp.mood FROM PUBLIC;
REVOKE ALL ON DOMAIN tp.posint FROM PUBLIC;
SELECT typname, typacl FROM pg_type WHERE typnamespace = 'tp'::regnamespace AND typtype IN ('e', 'd') ORDER BY 1;
RESET ROLE;
-- Without USAGE no column, domain or function can be made of them.
SET ROLE tp_user;
CREATE TABLE tp.t1 (m tp.mood);
CREATE TABLE tp.t2 (n tp.posint);
CREATE TABLE tp.t3 (ms tp.mood[]);
CREATE TABLE tp.t4 (id int);
ALTER TABLE tp.t4 ADD COLUMN m tp.mood;
CREATE DOMAIN tp.happyish AS tp.mood;
CREATE FUNCTION tp.f(tp.mood) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION tp.g() RETURNS tp.posint LANGUAGE sql AS 'SELECT 1';
SELECT 'ok'::tp.mood AS value_still_usable;
RESET ROLE;
SELECT has_type_privilege('tp_user', 'tp.mood', 'USAGE') AS mood,
       has_type_privilege('tp_user', 'tp.posint', 'USAGE') AS posint,
       has_type_privilege('tp_owner', 'tp.mood', 'USAGE WITH GRANT OPTION') AS owner_mood,
       has_type_privilege('tp_user', 'integer', 'USAGE') AS int4,
       has_type_privilege('tp.mood', 'usage') AS me;
SELECT has_type_privilege('tp_user', 'tp.nosuch', 'USAGE');
SELECT has_type_privilege('tp_user', 'tp.mood', 'SELECT');
-- Granting.
SET ROLE tp_owner;
GRANT USAGE ON TYPE tp.mood TO tp_user;
GRANT USAGE ON DOMAIN tp.posint TO tp_user WITH GRANT OPTION;
GRANT SELECT ON TYPE tp.mood TO tp_user;
GRANT USAGE ON DOMAIN tp.mood TO tp_user;
GRANT USAGE ON TYPE tp.nosuch TO tp_user;
GRANT ALL ON TYPE tp.posint TO tp_owner;
RESET ROLE;
SELECT typname, typacl FROM pg_type WHERE typnamespace = 'tp'::regnamespace AND typtype IN ('e', 'd') ORDER BY 1;
SET ROLE tp_user;
CREATE TABLE tp.t1 (m tp.mood, n tp.posint);
ALTER TABLE tp.t4 ADD COLUMN m tp.mood;
CREATE FUNCTION tp.g() RETURNS tp.posint LANGUAGE sql AS 'SELECT 1';
GRANT USAGE ON TYPE tp.posint TO PUBLIC;
GRANT USAGE ON TYPE tp.mood TO PUBLIC;
RESET ROLE;
SELECT typname, typacl FROM pg_type WHERE typnamespace = 'tp'::regnamespace AND typtype IN ('e', 'd') ORDER BY 1;
-- Roles named in a type's list, and owners.
DROP ROLE tp_user;
SET ROLE tp_owner;
REVOKE USAGE ON DOMAIN tp.posint FROM tp_user;
REVOKE USAGE ON DOMAIN tp.posint FROM tp_user CASCADE;
RESET ROLE;
ALTER TYPE tp.mood OWNER TO tp_user;
SELECT typname, pg_get_userbyid(typowner) AS owner, typacl FROM pg_type WHERE typnamespace = 'tp'::regnamespace AND typtype IN ('e', 'd') ORDER BY 1;
ALTER TYPE tp.mood OWNER TO tp_owner;
-- Default privileges for types.
ALTER DEFAULT PRIVILEGES FOR ROLE tp_owner REVOKE USAGE ON TYPES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE tp_owner IN SCHEMA tp GRANT USAGE ON TYPES TO tp_user;
SET ROLE tp_owner;
CREATE TYPE tp.color AS ENUM ('red');
CREATE DOMAIN tp.code AS text;
RESET ROLE;
SELECT typname, typacl FROM pg_type WHERE typname IN ('color', 'code') ORDER BY 1;
SELECT defaclnamespace <> 0 AS in_schema, defaclobjtype, defaclacl FROM pg_default_acl ORDER BY 1;
ALTER DEFAULT PRIVILEGES FOR ROLE tp_owner GRANT USAGE ON TYPES TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE tp_owner IN SCHEMA tp REVOKE USAGE ON TYPES FROM tp_user;
DROP OWNED BY tp_user;
SELECT typname, typacl FROM pg_type WHERE typnamespace = 'tp'::regnamespace AND typtype IN ('e', 'd') ORDER BY 1;
DROP SCHEMA tp CASCADE;
DROP ROLE tp_user;
DROP ROLE tp_owner;
