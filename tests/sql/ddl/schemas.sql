-- CREATE / DROP / ALTER SCHEMA and search_path: where names are looked up and made.
CREATE SCHEMA app;
CREATE SCHEMA app;
CREATE SCHEMA IF NOT EXISTS app;
CREATE SCHEMA public;
CREATE SCHEMA pg_mine;
SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname <> 'information_schema' ORDER BY 1;
-- The same name in two schemas: qualified names pick one, the search path the other.
CREATE TABLE app.items (id serial PRIMARY KEY, label text NOT NULL);
CREATE TABLE items (id int, note text);
INSERT INTO app.items (label) VALUES ('in app'), ('also in app');
INSERT INTO items VALUES (1, 'in public');
SELECT * FROM items;
SELECT * FROM app.items ORDER BY id;
SELECT * FROM public.items;
SHOW search_path;
SELECT current_schema, current_schemas(false), current_schemas(true);
SET search_path = app, public;
SELECT current_schema, current_schemas(false);
SELECT * FROM items ORDER BY id;
SELECT * FROM public.items;
-- A serial's default draws from its own schema's sequence whatever the path.
SET search_path = public;
INSERT INTO app.items (label) VALUES ('third');
SELECT id, label FROM app.items ORDER BY id;
SELECT pg_get_serial_sequence('app.items', 'id');
SELECT column_default FROM information_schema.columns WHERE table_schema = 'app' AND table_name = 'items' AND column_name = 'id';
SELECT table_schema, table_name FROM information_schema.tables WHERE table_name = 'items' ORDER BY 1;
-- regclass prints a name with its schema unless the search path finds it.
SELECT 'app.items'::regclass, 'items'::regclass, 'public.items'::regclass;
SELECT pg_table_is_visible('app.items'::regclass), pg_table_is_visible('public.items'::regclass);
SET search_path = app, public;
SELECT 'app.items'::regclass, 'public.items'::regclass;
SELECT pg_table_is_visible('app.items'::regclass), pg_table_is_visible('public.items'::regclass);
SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname LIKE 'items%' ORDER BY 1, 2;
-- Unqualified CREATE goes to the first schema of the path that exists.
SET search_path = missing, app, public;
SELECT current_schema;
CREATE TABLE made_here (x int);
SELECT table_schema FROM information_schema.tables WHERE table_name = 'made_here';
CREATE SEQUENCE counter;
SELECT nextval('counter'), nextval('app.counter');
SELECT schemaname, sequencename FROM pg_sequences WHERE sequencename = 'counter';
CREATE INDEX made_here_x ON made_here (x);
SELECT schemaname, indexname FROM pg_indexes WHERE indexname = 'made_here_x';
SET search_path = missing;
SELECT current_schema;
CREATE TABLE nowhere (x int);
SELECT * FROM made_here;
SELECT * FROM app.made_here;
SET search_path = public;
CREATE TABLE nosuch.t (x int);
SELECT * FROM nosuch.t;
CREATE TABLE pg_catalog.t (x int);
-- A view keeps meaning the tables it named when it was made.
SET search_path = app, public;
CREATE VIEW app_labels AS SELECT label FROM items;
SET search_path = public;
SELECT * FROM app.app_labels ORDER BY label;
SELECT n.nspname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'app_labels';
SELECT schemaname, tablename, hasindexes FROM pg_tables WHERE schemaname IN ('app', 'public') ORDER BY 1, 2;
SELECT schemaname, sequencename, data_type, last_value FROM pg_sequences ORDER BY 1, 2;
SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'app' ORDER BY 3;
-- CREATE SCHEMA with its own statements, which make their objects in it.
CREATE SCHEMA reports
  CREATE TABLE totals (k text, v int)
  CREATE VIEW big AS SELECT k FROM totals WHERE v > 10
  CREATE INDEX totals_k ON totals (k);
INSERT INTO reports.totals VALUES ('a', 5), ('b', 50);
SELECT * FROM reports.big;
SELECT schemaname, indexname FROM pg_indexes WHERE indexname = 'totals_k';
CREATE SCHEMA other CREATE TABLE app.misplaced (x int);
SELECT count(*) FROM pg_namespace WHERE nspname = 'other';
-- DROP SCHEMA: RESTRICT refuses a schema with objects, CASCADE takes them along.
DROP SCHEMA reports;
DROP SCHEMA reports CASCADE;
SELECT count(*) FROM information_schema.tables WHERE table_schema = 'reports';
DROP SCHEMA nosuch;
DROP SCHEMA IF EXISTS nosuch;
DROP SCHEMA pg_catalog;
CREATE SCHEMA empty1;
CREATE SCHEMA empty2;
DROP SCHEMA empty1, empty2;
SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'empty%';
-- ALTER SCHEMA: a new name, a new owner.
CREATE SCHEMA before_rename;
ALTER SCHEMA before_rename RENAME TO after_rename;
SELECT nspname FROM pg_namespace WHERE nspname LIKE '%rename' ORDER BY 1;
ALTER SCHEMA after_rename RENAME TO app;
ALTER SCHEMA nosuch RENAME TO x;
ALTER SCHEMA after_rename OWNER TO nosuchrole;
ALTER SCHEMA after_rename OWNER TO CURRENT_USER;
DROP SCHEMA after_rename;
-- A schema's objects go in one transaction with it.
BEGIN;
CREATE SCHEMA tx;
CREATE TABLE tx.t (x int);
ROLLBACK;
SELECT count(*) FROM pg_namespace WHERE nspname = 'tx';
SELECT * FROM tx.t;
BEGIN;
DROP SCHEMA app CASCADE;
ROLLBACK;
SELECT count(*) FROM app.items;
DROP SCHEMA app CASCADE;
SELECT * FROM items;
RESET search_path;
-- Objects on the search path are named without their schema.
CREATE SCHEMA visible;
CREATE TABLE visible.t (x int);
CREATE SEQUENCE visible.s;
SET search_path = visible, public;
DROP SCHEMA visible;
DROP SCHEMA visible CASCADE;
RESET search_path;
