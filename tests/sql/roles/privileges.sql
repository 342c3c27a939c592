-- Object privileges: owners, GRANT and REVOKE on tables, views, sequences
-- and schemas, as SET ROLE sees them, and as the catalogs show them.
CREATE ROLE pv_owner;
CREATE ROLE pv_reader;
CREATE ROLE pv_writer;
CREATE ROLE pv_group;
GRANT pv_group TO pv_reader;
CREATE SCHEMA pv AUTHORIZATION pv_owner;
SET ROLE pv_owner;
CREATE TABLE pv.items (id serial PRIMARY KEY, name text NOT NULL, price numeric(8,2));
INSERT INTO pv.items (name, price) VALUES ('apple', 1.50), ('pear', 2.25);
CREATE VIEW pv.cheap AS SELECT id, name FROM pv.items WHERE price < 2;
CREATE SEQUENCE pv.counter;
SELECT current_user, session_user = current_user AS same;
RESET ROLE;
SELECT c.relname, pg_get_userbyid(c.relowner) AS owner, c.relacl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'pv' ORDER BY 1;
SELECT nspname, pg_get_userbyid(nspowner) AS owner, nspacl FROM pg_namespace WHERE nspname = 'pv';
SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'pv';
-- Without USAGE on the schema nothing in it can be reached.
SET ROLE pv_reader;
SELECT * FROM pv.items;
RESET ROLE;
SET ROLE pv_owner;
GRANT USAGE ON SCHEMA pv TO pv_group, pv_writer;
RESET ROLE;
SET ROLE pv_reader;
SELECT * FROM pv.items;
SELECT * FROM pv.cheap;
RESET ROLE;
-- Granted to a group, held by its members.
SET ROLE pv_owner;
GRANT SELECT ON pv.items TO pv_group;
GRANT SELECT ON pv.cheap TO pv_reader;
GRANT INSERT, UPDATE ON TABLE pv.items TO pv_writer;
RESET ROLE;
SET ROLE pv_reader;
SELECT id, name FROM pv.items ORDER BY id;
SELECT * FROM pv.cheap;
INSERT INTO pv.items (name) VALUES ('plum');
UPDATE pv.items SET price = 0;
DELETE FROM pv.items;
TRUNCATE pv.items;
RESET ROLE;
-- INSERT needs the sequence of a serial column too; UPDATE with WHERE, or reading a column in SET, needs SELECT.
SET ROLE pv_writer;
INSERT INTO pv.items (id, name) VALUES (10, 'fig');
INSERT INTO pv.items (name) VALUES ('plum');
UPDATE pv.items SET price = 3;
UPDATE pv.items SET price = price + 1;
UPDATE pv.items SET price = 3 WHERE id = 10;
INSERT INTO pv.items (id, name) VALUES (11, 'kiwi') RETURNING id;
RESET ROLE;
SET ROLE pv_owner;
GRANT USAGE ON SEQUENCE pv.items_id_seq TO pv_writer;
RESET ROLE;
SET ROLE pv_writer;
INSERT INTO pv.items (name) VALUES ('plum');
SELECT nextval('pv.counter');
RESET ROLE;
SELECT c.relname, c.relacl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'pv' AND c.relacl IS NOT NULL ORDER BY 1;
-- The owner changes what it owns; others may not.
SET ROLE pv_writer;
ALTER TABLE pv.items ADD COLUMN note text;
DROP TABLE pv.items;
CREATE INDEX ON pv.items (name);
DROP VIEW pv.cheap;
ALTER SEQUENCE pv.counter RESTART;
COMMENT ON TABLE pv.items IS 'x';
CREATE TABLE pv.mine (x int);
RESET ROLE;
-- Grant options, and what REVOKE takes back with them.
SET ROLE pv_owner;
GRANT SELECT ON pv.items TO pv_writer WITH GRANT OPTION;
RESET ROLE;
SET ROLE pv_writer;
GRANT SELECT ON pv.items TO pv_reader;
GRANT DELETE ON pv.items TO pv_reader;
GRANT SELECT, DELETE ON pv.items TO pv_reader;
RESET ROLE;
SELECT relacl FROM pg_class WHERE oid = 'pv.items'::regclass;
SET ROLE pv_owner;
REVOKE GRANT OPTION FOR SELECT ON pv.items FROM pv_writer;
REVOKE GRANT OPTION FOR SELECT ON pv.items FROM pv_writer CASCADE;
RESET ROLE;
SELECT relacl FROM pg_class WHERE oid = 'pv.items'::regclass;
SET ROLE pv_owner;
GRANT SELECT ON pv.items TO PUBLIC WITH GRANT OPTION;
GRANT ALL ON pv.counter TO pv_reader;
GRANT SELECT, INSERT ON TABLE pv.counter TO pv_reader;
GRANT USAGE ON TABLE pv.items TO pv_reader;
GRANT USAGE ON SEQUENCE pv.items TO pv_reader;
GRANT SELECT ON pv.nothing TO pv_reader;
GRANT SELECT ON pv.items TO pv_nobody;
GRANT bogus ON pv.items TO pv_reader;
REVOKE ALL ON pv.items FROM PUBLIC;
RESET ROLE;
SELECT relname, relacl FROM pg_class WHERE relname IN ('items', 'counter') ORDER BY 1;
-- has_*_privilege ask about any role.
SELECT has_table_privilege('pv_reader', 'pv.items', 'SELECT') AS reader_select,
       has_table_privilege('pv_reader', 'pv.items', 'INSERT') AS reader_insert,
       has_table_privilege('pv_writer', 'pv.items', 'INSERT, DELETE') AS writer_any,
       has_table_privilege('pv_writer', 'pv.items', 'SELECT WITH GRANT OPTION') AS writer_grant,
       has_table_privilege('pv_owner', 'pv.items', 'TRUNCATE WITH GRANT OPTION') AS owner_grant,
       has_table_privilege('public', 'pv.items', 'SELECT') AS public_select,
       has_schema_privilege('pv_reader', 'pv', 'USAGE') AS reader_usage,
       has_schema_privilege('pv_reader', 'pv', 'CREATE') AS reader_create,
       has_schema_privilege('pv_reader', 'public', 'CREATE') AS public_create,
       has_sequence_privilege('pv_reader', 'pv.counter', 'USAGE') AS reader_seq,
       has_table_privilege('pv_reader', 'pg_class', 'SELECT') AS catalog_select;
-- OWNER TO: the new owner takes over the old one's entries.
ALTER TABLE pv.items OWNER TO pv_writer;
SELECT pg_get_userbyid(relowner), relacl FROM pg_class WHERE oid = 'pv.items'::regclass;
SELECT relname, pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'items_id_seq';
ALTER SEQUENCE pv.items_id_seq OWNER TO pv_reader;
SET ROLE pv_reader;
ALTER TABLE pv.items OWNER TO pv_reader;
RESET ROLE;
-- PostgreSQL 15: no one but the database owner creates in public unless granted.
SET ROLE pv_reader;
CREATE TABLE public.pv_t (x int);
RESET ROLE;
GRANT CREATE ON SCHEMA public TO pv_reader;
SET ROLE pv_reader;
CREATE TABLE public.pv_t (x int);
RESET ROLE;
SELECT nspacl FROM pg_namespace WHERE nspname = 'public';
REVOKE CREATE ON SCHEMA public FROM pv_reader;
SELECT nspacl FROM pg_namespace WHERE nspname = 'public';
-- SET ROLE needs membership.
SET ROLE pv_reader;
SET ROLE pv_group;
SELECT current_user;
SET ROLE pv_writer;
RESET ROLE;
-- A role that owns objects or holds privileges cannot be dropped.
DROP ROLE pv_writer;
DROP ROLE pv_reader;
DROP TABLE public.pv_t;
DROP SCHEMA pv CASCADE;
DROP ROLE pv_writer, pv_reader, pv_group, pv_owner;
