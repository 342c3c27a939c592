-- COMMENT ON TABLE / COLUMN / INDEX / SEQUENCE / VIEW, read back with obj_description / col_description / pg_description.
CREATE TABLE t (id int PRIMARY KEY, name text, qty int CONSTRAINT qty_positive CHECK (qty > 0));
CREATE INDEX t_name_idx ON t (name);
CREATE SEQUENCE t_seq;
CREATE VIEW v AS SELECT id, name FROM t;
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't'), 'pg_class');
COMMENT ON TABLE t IS 'main table';
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't'), 'pg_class');
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't'));
SELECT description FROM pg_description WHERE objoid = (SELECT oid FROM pg_class WHERE relname = 't') AND objsubid = 0;
COMMENT ON TABLE t IS 'replaced comment';
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't'), 'pg_class');
COMMENT ON COLUMN t.name IS 'the name';
COMMENT ON COLUMN t.qty IS 'how many';
SELECT col_description((SELECT oid FROM pg_class WHERE relname = 't'), 1), col_description((SELECT oid FROM pg_class WHERE relname = 't'), 2), col_description((SELECT oid FROM pg_class WHERE relname = 't'), 3);
SELECT description FROM pg_description WHERE objoid = (SELECT oid FROM pg_class WHERE relname = 't') AND objsubid = 0;
SELECT objsubid, description FROM pg_description WHERE objoid = (SELECT oid FROM pg_class WHERE relname = 't') ORDER BY objsubid;
COMMENT ON INDEX t_name_idx IS 'name lookup';
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't_name_idx'), 'pg_class');
COMMENT ON SEQUENCE t_seq IS 'a sequence';
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't_seq'), 'pg_class');
COMMENT ON VIEW v IS 'a view';
COMMENT ON COLUMN v.name IS 'name through the view';
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 'v'), 'pg_class'), col_description((SELECT oid FROM pg_class WHERE relname = 'v'), 2);
COMMENT ON TABLE t IS 'it''s quoted';
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't'), 'pg_class');
-- IS NULL and the empty string remove a comment.
COMMENT ON COLUMN t.qty IS NULL;
SELECT col_description((SELECT oid FROM pg_class WHERE relname = 't'), 3);
COMMENT ON INDEX t_name_idx IS '';
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't_name_idx'), 'pg_class');
COMMENT ON SEQUENCE t_seq IS NULL;
COMMENT ON SEQUENCE t_seq IS NULL;
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't_seq'), 'pg_class');
-- Transactions.
BEGIN;
COMMENT ON TABLE t IS 'rolled back';
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't'), 'pg_class');
ROLLBACK;
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't'), 'pg_class');
COMMENT ON TABLE v IS 'x';
DROP VIEW v;
-- Comments survive renames.
ALTER TABLE t RENAME TO t2;
ALTER TABLE t2 RENAME COLUMN name TO label;
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't2'), 'pg_class'), col_description((SELECT oid FROM pg_class WHERE relname = 't2'), 2);
-- Dropping a column removes its comment.
COMMENT ON COLUMN t2.qty IS 'about to go';
ALTER TABLE t2 DROP COLUMN qty;
SELECT count(*) FROM pg_description WHERE objoid = (SELECT oid FROM pg_class WHERE relname = 't2') AND objsubid = 3;
-- Errors.
COMMENT ON TABLE nosuch IS 'x';
COMMENT ON COLUMN t2.nosuch IS 'x';
COMMENT ON COLUMN nosuch.col IS 'x';
COMMENT ON INDEX nosuch_idx IS 'x';
COMMENT ON SEQUENCE nosuch_seq IS 'x';
COMMENT ON VIEW t2 IS 'x';
COMMENT ON SEQUENCE t2 IS 'x';
-- Dropping the table drops its comments; a new table with the same name has none.
DROP TABLE t2;
CREATE TABLE t2 (id int, label text);
SELECT obj_description((SELECT oid FROM pg_class WHERE relname = 't2'), 'pg_class'), col_description((SELECT oid FROM pg_class WHERE relname = 't2'), 1), col_description((SELECT oid FROM pg_class WHERE relname = 't2'), 2);
SELECT count(*) FROM pg_description WHERE objoid = (SELECT oid FROM pg_class WHERE relname = 't2');
