-- Row-level security: ENABLE / FORCE ROW LEVEL SECURITY, CREATE / ALTER /
-- DROP POLICY, what each command sees and may write under permissive and
-- restrictive policies, who bypasses them, and the catalogs that show them.
CREATE ROLE rs_owner;
CREATE ROLE rs_alice;
CREATE ROLE rs_bob;
CREATE ROLE rs_admin BYPASSRLS;
CREATE ROLE rs_staff;
GRANT rs_staff TO rs_bob;
CREATE SCHEMA rs AUTHORIZATION rs_owner;
GRANT USAGE ON SCHEMA rs TO rs_alice, rs_bob, rs_admin;
SET ROLE rs_owner;
CREATE TABLE rs.docs (id int PRIMARY KEY, tenant text NOT NULL, author text NOT NULL, body text);
INSERT INTO rs.docs VALUES
  (1, 'a', 'rs_alice', 'first'),
  (2, 'a', 'rs_alice', 'archived'),
  (3, 'b', 'rs_bob', 'second'),
  (4, 'public', 'rs_owner', 'welcome');
GRANT SELECT, INSERT, UPDATE, DELETE ON rs.docs TO rs_alice, rs_bob, rs_admin;
ALTER TABLE rs.docs ENABLE ROW LEVEL SECURITY;
RESET ROLE;
SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'docs';
SELECT tablename, rowsecurity FROM pg_tables WHERE schemaname = 'rs';
-- Enabled without a policy: nothing for other roles, everything for the owner.
SET ROLE rs_alice;
SELECT count(*) FROM rs.docs;
INSERT INTO rs.docs VALUES (10, 'a', 'rs_alice', 'new');
UPDATE rs.docs SET body = 'changed';
DELETE FROM rs.docs;
RESET ROLE;
SET ROLE rs_owner;
SELECT count(*) FROM rs.docs;
RESET ROLE;
-- One policy for every command: USING picks the rows, and serves as WITH CHECK.
SET ROLE rs_owner;
CREATE POLICY own_rows ON rs.docs USING (author = current_user);
RESET ROLE;
SET ROLE rs_alice;
SELECT id, body FROM rs.docs ORDER BY id;
SELECT id FROM rs.docs WHERE id = 3;
INSERT INTO rs.docs VALUES (10, 'a', 'rs_alice', 'new');
INSERT INTO rs.docs VALUES (11, 'b', 'rs_bob', 'forged');
UPDATE rs.docs SET body = body || '!' RETURNING id, body;
UPDATE rs.docs SET author = 'rs_bob' WHERE id = 1;
DELETE FROM rs.docs WHERE id = 3;
DELETE FROM rs.docs WHERE id = 10 RETURNING id;
SELECT count(*) FROM rs.docs d1 JOIN rs.docs d2 ON d1.tenant = d2.tenant;
RESET ROLE;
SET ROLE rs_bob;
SELECT id, author FROM rs.docs ORDER BY id;
RESET ROLE;
-- Permissive policies add up: a SELECT policy shows rows UPDATE cannot reach.
SET ROLE rs_owner;
CREATE POLICY read_public ON rs.docs FOR SELECT USING (tenant = 'public');
RESET ROLE;
SET ROLE rs_alice;
SELECT id FROM rs.docs ORDER BY id;
SELECT id FROM rs.docs ORDER BY id FOR UPDATE;
SELECT id FROM rs.docs WHERE id = 4 FOR SHARE;
UPDATE rs.docs SET body = 'defaced' WHERE id = 4;
DELETE FROM rs.docs WHERE tenant = 'public';
SELECT id, body FROM rs.docs WHERE id = 4;
RESET ROLE;
-- An UPDATE that reads a column in SET sees only the rows SELECT's policies show.
SET ROLE rs_owner;
CREATE TABLE rs.counters (id int PRIMARY KEY, tenant text, n int);
INSERT INTO rs.counters VALUES (1, 'a', 0), (2, 'b', 0);
GRANT SELECT, UPDATE ON rs.counters TO rs_alice;
ALTER TABLE rs.counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY see_a ON rs.counters FOR SELECT USING (tenant = 'a');
CREATE POLICY bump_any ON rs.counters FOR UPDATE USING (true);
RESET ROLE;
SET ROLE rs_alice;
UPDATE rs.counters SET n = 5;
UPDATE rs.counters SET n = n + 1;
RESET ROLE;
SELECT id, n FROM rs.counters ORDER BY id;
-- A restrictive policy must hold as well; it names itself when a row breaks it.
SET ROLE rs_owner;
CREATE POLICY not_archived ON rs.docs AS RESTRICTIVE FOR ALL USING (body IS DISTINCT FROM 'archived');
RESET ROLE;
SET ROLE rs_alice;
SELECT id FROM rs.docs ORDER BY id;
UPDATE rs.docs SET body = 'archived' WHERE id = 1;
INSERT INTO rs.docs VALUES (12, 'a', 'rs_alice', 'archived');
INSERT INTO rs.docs VALUES (12, 'a', 'rs_alice', 'kept') RETURNING id, body;
RESET ROLE;
-- Policies for a role (and the roles it is a member of), with their own WITH CHECK.
SET ROLE rs_owner;
CREATE POLICY staff_write ON rs.docs FOR INSERT TO rs_staff WITH CHECK (tenant = 'b');
CREATE POLICY staff_edit ON rs.docs FOR UPDATE TO rs_staff USING (tenant = 'b') WITH CHECK (body <> '');
RESET ROLE;
SET ROLE rs_bob;
INSERT INTO rs.docs VALUES (20, 'b', 'rs_carol', 'by staff');
INSERT INTO rs.docs VALUES (21, 'a', 'rs_carol', 'elsewhere');
SELECT id FROM rs.docs ORDER BY id;
UPDATE rs.docs SET body = '' WHERE id = 20;
UPDATE rs.docs SET body = 'edited' WHERE id = 20;
RESET ROLE;
SET ROLE rs_alice;
INSERT INTO rs.docs VALUES (22, 'b', 'rs_carol', 'not staff');
RESET ROLE;
-- INSERT ... ON CONFLICT DO UPDATE: the row it would update must be one the role may update.
SET ROLE rs_alice;
INSERT INTO rs.docs VALUES (1, 'a', 'rs_alice', 'upserted') ON CONFLICT (id) DO UPDATE SET body = excluded.body;
SELECT id, body FROM rs.docs WHERE id = 1;
INSERT INTO rs.docs VALUES (3, 'a', 'rs_alice', 'taken') ON CONFLICT (id) DO UPDATE SET body = excluded.body;
INSERT INTO rs.docs VALUES (1, 'a', 'rs_alice', 'moved') ON CONFLICT (id) DO UPDATE SET author = 'rs_bob';
INSERT INTO rs.docs VALUES (3, 'a', 'rs_alice', 'skipped') ON CONFLICT (id) DO NOTHING;
RESET ROLE;
-- Who bypasses: superusers, BYPASSRLS roles, the owner unless FORCE.
SELECT count(*) FROM rs.docs;
SET ROLE rs_admin;
SELECT count(*) FROM rs.docs;
RESET ROLE;
SET ROLE rs_owner;
ALTER TABLE rs.docs FORCE ROW LEVEL SECURITY;
SELECT id FROM rs.docs ORDER BY id;
ALTER TABLE rs.docs NO FORCE ROW LEVEL SECURITY;
SELECT count(*) FROM rs.docs;
RESET ROLE;
SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'docs';
-- row_security = off: an error where policies would hold, never fewer rows.
SET row_security = off;
SET ROLE rs_alice;
SELECT count(*) FROM rs.docs;
RESET ROLE;
SET ROLE rs_owner;
SELECT count(*) FROM rs.docs;
RESET ROLE;
RESET row_security;
-- A view reads the table as its owner does.
SET ROLE rs_owner;
CREATE VIEW rs.all_docs AS SELECT id, tenant FROM rs.docs;
GRANT SELECT ON rs.all_docs TO rs_alice;
RESET ROLE;
SET ROLE rs_alice;
SELECT count(*) FROM rs.all_docs;
RESET ROLE;
-- A policy may read other tables.
SET ROLE rs_owner;
CREATE TABLE rs.members (name text, tenant text);
INSERT INTO rs.members VALUES ('rs_alice', 'b');
GRANT SELECT ON rs.members TO rs_alice;
CREATE POLICY by_membership ON rs.docs FOR SELECT USING (tenant IN (SELECT m.tenant FROM rs.members m WHERE m.name = current_user));
RESET ROLE;
SET ROLE rs_alice;
SELECT id FROM rs.docs ORDER BY id;
SELECT id FROM rs.docs WHERE EXISTS (SELECT 1 FROM rs.members) ORDER BY id;
RESET ROLE;
-- The catalogs.
-- (Conditions print as PostgreSQL's parse trees do, with casts ours lack: not compared here.)
SELECT policyname, permissive, roles, cmd, qual IS NOT NULL AS has_qual, with_check IS NOT NULL AS has_check
FROM pg_policies WHERE schemaname = 'rs' ORDER BY policyname;
SELECT p.polname, p.polcmd, p.polpermissive, p.polroles = '{0}' AS for_public, c.relname
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid ORDER BY 1;
-- ALTER POLICY and DROP POLICY.
SET ROLE rs_owner;
ALTER POLICY read_public ON rs.docs RENAME TO read_welcome;
ALTER POLICY read_welcome ON rs.docs USING (tenant = 'public' AND id = 4);
ALTER POLICY staff_write ON rs.docs TO rs_staff, rs_alice;
ALTER POLICY staff_write ON rs.docs WITH CHECK (tenant IN ('a', 'b'));
DROP POLICY by_membership ON rs.docs;
DROP POLICY IF EXISTS by_membership ON rs.docs;
RESET ROLE;
SELECT policyname, roles, cmd, qual IS NOT NULL AS has_qual, with_check IS NOT NULL AS has_check
FROM pg_policies WHERE schemaname = 'rs' ORDER BY policyname;
SET ROLE rs_alice;
INSERT INTO rs.docs VALUES (30, 'a', 'rs_carol', 'staff now');
SELECT id FROM rs.docs ORDER BY id;
RESET ROLE;
-- Bad input.
SET ROLE rs_owner;
CREATE POLICY own_rows ON rs.docs USING (true);
CREATE POLICY p_insert ON rs.docs FOR INSERT USING (true);
CREATE POLICY p_select ON rs.docs FOR SELECT WITH CHECK (true);
CREATE POLICY p_delete ON rs.docs FOR DELETE WITH CHECK (true);
CREATE POLICY p_column ON rs.docs USING (no_such_column = 1);
CREATE POLICY p_type ON rs.docs USING (id + 1);
CREATE POLICY p_role ON rs.docs TO no_such_role USING (true);
CREATE POLICY p_table ON rs.no_such_table USING (true);
CREATE POLICY p_view ON rs.all_docs USING (true);
ALTER POLICY no_such_policy ON rs.docs USING (true);
ALTER POLICY read_welcome ON rs.docs RENAME TO own_rows;
ALTER POLICY staff_write ON rs.docs USING (true);
DROP POLICY no_such_policy ON rs.docs;
RESET ROLE;
SET ROLE rs_alice;
CREATE POLICY p_not_owner ON rs.docs USING (true);
ALTER TABLE rs.docs DISABLE ROW LEVEL SECURITY;
DROP POLICY own_rows ON rs.docs;
RESET ROLE;
-- A policy that reads its own table never ends.
SET ROLE rs_owner;
CREATE TABLE rs.loop (id int, tenant text);
ALTER TABLE rs.loop ENABLE ROW LEVEL SECURITY;
CREATE POLICY loop_self ON rs.loop USING (tenant IN (SELECT tenant FROM rs.loop));
GRANT SELECT ON rs.loop TO rs_alice;
RESET ROLE;
SET ROLE rs_alice;
SELECT * FROM rs.loop;
RESET ROLE;
-- A column a policy reads cannot be dropped without CASCADE, which drops the policy.
SET ROLE rs_owner;
ALTER TABLE rs.docs DROP COLUMN author;
ALTER TABLE rs.docs DROP COLUMN author CASCADE;
RESET ROLE;
SELECT policyname FROM pg_policies WHERE schemaname = 'rs' ORDER BY policyname;
-- A role a policy is for cannot be dropped; DROP OWNED takes it out of its policies,
-- and drops a policy that was for it alone.
DROP ROLE rs_staff;
DROP OWNED BY rs_staff;
SELECT policyname, roles FROM pg_policies WHERE schemaname = 'rs' ORDER BY policyname;
DROP ROLE rs_staff;
-- DISABLE turns them off without dropping them; DROP TABLE takes them along.
SET ROLE rs_owner;
ALTER TABLE rs.docs DISABLE ROW LEVEL SECURITY;
RESET ROLE;
SET ROLE rs_alice;
SELECT count(*) FROM rs.docs;
RESET ROLE;
SELECT count(*) FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relname = 'docs';
DROP SCHEMA rs CASCADE;
SELECT count(*) FROM pg_policies WHERE schemaname = 'rs';
DROP ROLE rs_owner, rs_alice, rs_bob, rs_admin;
