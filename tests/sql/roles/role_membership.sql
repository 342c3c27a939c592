-- GRANT role TO role, REVOKE, CREATE ROLE ... IN ROLE / ROLE / ADMIN, as
-- pg_auth_members and pg_has_role show them.
CREATE ROLE rm_staff;
CREATE ROLE rm_readers;
CREATE ROLE rm_alice LOGIN;
CREATE ROLE rm_bob LOGIN NOINHERIT;
GRANT rm_readers TO rm_staff;
GRANT rm_staff TO rm_alice, rm_bob;
GRANT rm_readers TO rm_alice WITH ADMIN OPTION;
CREATE VIEW rm_members AS
SELECT r.rolname AS role, m.rolname AS member, g.rolname AS grantor, a.admin_option
FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
JOIN pg_roles g ON g.oid = a.grantor WHERE r.rolname LIKE 'rm\_%' OR m.rolname LIKE 'rm\_%';
SELECT * FROM rm_members ORDER BY 1, 2;
-- MEMBER through any chain; USAGE only through roles that inherit; the admin option.
SELECT pg_has_role('rm_alice', 'rm_readers', 'MEMBER') AS alice_readers,
       pg_has_role('rm_bob', 'rm_readers', 'MEMBER') AS bob_readers,
       pg_has_role('rm_bob', 'rm_readers', 'USAGE') AS bob_usage,
       pg_has_role('rm_bob', 'rm_staff', 'USAGE') AS bob_staff_usage,
       pg_has_role('rm_alice', 'rm_readers', 'USAGE') AS alice_usage,
       pg_has_role('rm_alice', 'rm_readers', 'USAGE WITH ADMIN OPTION') AS alice_admin,
       pg_has_role('rm_alice', 'rm_staff', 'MEMBER WITH ADMIN OPTION') AS alice_staff_admin,
       pg_has_role('rm_staff', 'rm_alice', 'MEMBER') AS reversed,
       pg_has_role('rm_staff', 'rm_staff', 'USAGE') AS itself;
-- Granting again is a notice; WITH ADMIN OPTION upgrades a membership.
GRANT rm_staff TO rm_alice;
GRANT rm_staff TO rm_bob WITH ADMIN OPTION;
SELECT * FROM rm_members WHERE role = 'rm_staff' ORDER BY 1, 2;
-- Predefined roles can be granted.
GRANT pg_read_all_data, pg_monitor TO rm_readers;
SELECT pg_has_role('rm_alice', 'pg_read_all_stats', 'USAGE') AS via_monitor,
       pg_has_role('rm_bob', 'pg_read_all_data', 'MEMBER') AS bob_reads;
-- Cycles and unknown roles are refused.
GRANT rm_alice TO rm_readers;
GRANT rm_staff TO rm_staff;
GRANT rm_nobody TO rm_alice;
GRANT rm_staff TO rm_nobody;
GRANT rm_staff TO PUBLIC;
-- REVOKE: the admin option alone, the membership, and a warning for none.
REVOKE ADMIN OPTION FOR rm_staff FROM rm_bob;
REVOKE rm_staff FROM rm_alice;
REVOKE rm_staff FROM rm_alice;
SELECT * FROM rm_members ORDER BY 1, 2;
SELECT pg_has_role('rm_alice', 'rm_staff', 'MEMBER') AS alice_staff,
       pg_has_role('rm_alice', 'rm_readers', 'MEMBER') AS alice_readers;
-- GRANTED BY records the grantor.
GRANT rm_staff TO rm_alice GRANTED BY rm_bob;
SELECT * FROM rm_members WHERE member = 'rm_alice' ORDER BY 1, 2;
-- Transactional like the rest of the catalog.
BEGIN;
GRANT rm_readers TO rm_bob;
SELECT count(*) FROM rm_members WHERE member = 'rm_bob';
ROLLBACK;
SELECT count(*) FROM rm_members WHERE member = 'rm_bob';
-- CREATE ROLE ... IN ROLE, ROLE and ADMIN.
CREATE ROLE rm_team IN ROLE rm_staff, rm_readers ROLE rm_alice ADMIN rm_bob;
SELECT * FROM rm_members WHERE role = 'rm_team' OR member = 'rm_team' ORDER BY 1, 2;
CREATE ROLE rm_loop IN ROLE rm_nobody;
SELECT count(*) FROM pg_roles WHERE rolname = 'rm_loop';
-- regrole: a role's oid from its name, and its name from an oid.
SELECT 'rm_alice'::regrole::oid = (SELECT oid FROM pg_roles WHERE rolname = 'rm_alice') AS by_name;
SELECT a.roleid::regrole AS role, a.member::regrole AS member FROM pg_auth_members a
JOIN pg_roles r ON r.oid = a.member WHERE r.rolname = 'rm_alice' ORDER BY a.roleid;
SELECT 10::regrole AS bootstrap, 'pg_monitor'::regrole::oid AS monitor;
SELECT 'rm_nobody'::regrole;
-- Dropping a role drops its memberships, both ways.
DROP ROLE rm_staff;
SELECT * FROM rm_members ORDER BY 1, 2;
DROP VIEW rm_members;
DROP ROLE rm_team, rm_readers, rm_alice, rm_bob;
SELECT count(*) FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member WHERE m.rolname LIKE 'rm\_%';
