-- information_schema's privilege views, and what information_schema.tables
-- and .columns show a role that is not a superuser.
CREATE ROLE pw_owner;
CREATE ROLE pw_app;
CREATE ROLE pw_other;
GRANT CREATE ON SCHEMA public TO pw_owner;
SET ROLE pw_owner;
CREATE TABLE pw_orders (id int PRIMARY KEY, total numeric);
CREATE TABLE pw_secret (id int);
CREATE VIEW pw_totals AS SELECT sum(total) AS total FROM pw_orders;
GRANT SELECT, INSERT ON pw_orders TO pw_app WITH GRANT OPTION;
GRANT SELECT ON pw_totals TO PUBLIC;
RESET ROLE;
SET ROLE pw_app;
GRANT SELECT ON pw_orders TO pw_other;
SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'pw\_%' ORDER BY 1;
SELECT table_name, column_name FROM information_schema.columns WHERE table_name LIKE 'pw\_%' ORDER BY 1, 2;
SELECT grantor, grantee, table_name, privilege_type, is_grantable, with_hierarchy
FROM information_schema.table_privileges WHERE table_name LIKE 'pw\_%' ORDER BY 3, 2, 4, 1;
SELECT grantor, grantee, table_name, privilege_type, is_grantable
FROM information_schema.role_table_grants WHERE table_name LIKE 'pw\_%' ORDER BY 3, 2, 4, 1;
RESET ROLE;
SET ROLE pw_owner;
SELECT grantor, grantee, table_name, privilege_type, is_grantable
FROM information_schema.role_table_grants WHERE table_name LIKE 'pw\_%' ORDER BY 3, 2, 4, 1;
RESET ROLE;
SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'pw\_%';
DROP VIEW pw_totals;
DROP TABLE pw_orders, pw_secret;
REVOKE CREATE ON SCHEMA public FROM pw_owner;
DROP ROLE pw_owner, pw_app, pw_other;
