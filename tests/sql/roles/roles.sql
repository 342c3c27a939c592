-- CREATE / ALTER / DROP ROLE and USER, as pg_roles and pg_user show them.
CREATE ROLE app_owner;
CREATE USER app_user WITH PASSWORD 'secret' CONNECTION LIMIT 10;
CREATE ROLE admin WITH SUPERUSER CREATEDB CREATEROLE LOGIN REPLICATION BYPASSRLS NOINHERIT;
CREATE ROLE expiring LOGIN PASSWORD 'x' VALID UNTIL '2030-01-01 00:00:00+00';
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
       rolconnlimit, rolpassword, rolvaliduntil
FROM pg_roles WHERE rolname IN ('app_owner', 'app_user', 'admin', 'expiring') ORDER BY rolname;
SELECT usename, usecreatedb, usesuper, userepl, usebypassrls, passwd, valuntil
FROM pg_user WHERE usename IN ('app_owner', 'app_user', 'admin', 'expiring') ORDER BY usename;
SELECT rolname FROM pg_authid WHERE rolname = 'app_user' AND rolpassword LIKE 'SCRAM-SHA-256$4096:%';
SET password_encryption = 'md5';
ALTER ROLE app_owner WITH LOGIN PASSWORD 'pw';
SELECT rolpassword FROM pg_authid WHERE rolname = 'app_owner';
RESET password_encryption;
ALTER USER app_user NOLOGIN CONNECTION LIMIT -1 PASSWORD NULL;
ALTER ROLE expiring VALID UNTIL 'infinity';
SELECT rolname, rolcanlogin, rolconnlimit, rolpassword, rolvaliduntil FROM pg_roles
WHERE rolname IN ('app_owner', 'app_user', 'expiring') ORDER BY rolname;
ALTER ROLE app_owner RENAME TO app_owner2;
SELECT rolname, rolpassword FROM pg_roles WHERE rolname LIKE 'app_owner%';
ALTER ROLE app_owner2 PASSWORD '';
SELECT rolpassword FROM pg_roles WHERE rolname = 'app_owner2';
ALTER ROLE app_owner2 PASSWORD 'md5e5e28f5ce4ea7d3d6b8e3a6d62ba9a3c';
SELECT rolpassword FROM pg_authid WHERE rolname = 'app_owner2';
-- Errors.
CREATE ROLE admin;
CREATE ROLE pg_monitor2;
CREATE ROLE public;
CREATE ROLE none;
CREATE ROLE x SUPERUSER NOSUPERUSER;
CREATE ROLE x CONNECTION LIMIT -2;
CREATE ROLE x VALID UNTIL 'not a time';
ALTER ROLE nobody LOGIN;
ALTER ROLE admin RENAME TO app_user;
DROP ROLE nobody;
DROP ROLE IF EXISTS nobody, also_nobody;
DROP ROLE app_owner2, nobody;
SELECT rolname FROM pg_roles WHERE rolname = 'app_owner2';
BEGIN;
CREATE ROLE in_tx;
ROLLBACK;
SELECT count(*) FROM pg_roles WHERE rolname = 'in_tx';
DROP ROLE app_owner2, app_user, admin, expiring;
SELECT count(*) FROM pg_roles WHERE rolname IN ('app_owner2', 'app_user', 'admin', 'expiring');
-- The predefined roles: listed, with pg_monitor's memberships, and not to be dropped or altered.
SELECT oid, rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
       rolconnlimit, rolpassword, rolvaliduntil
FROM pg_roles WHERE rolname LIKE 'pg\_%' ORDER BY oid;
SELECT roleid, member, grantor, admin_option FROM pg_auth_members ORDER BY roleid;
SELECT r.rolname, m.rolname AS member FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid
JOIN pg_roles m ON m.oid = a.member ORDER BY 1;
DROP ROLE pg_monitor;
DROP ROLE IF EXISTS pg_read_all_data;
ALTER ROLE pg_signal_backend LOGIN;
ALTER ROLE pg_database_owner RENAME TO owners;
