-- A view's * means the columns there were when it was made: columns added to
-- its tables later are not the view's (PostgreSQL expands * once).
CREATE TABLE t (a int, b text);
INSERT INTO t VALUES (1, 'x');
CREATE VIEW v AS SELECT * FROM t;
CREATE VIEW vq AS SELECT t.*, 42 AS k FROM t;
CREATE VIEW vsub AS SELECT * FROM (SELECT * FROM t) s;
CREATE VIEW vcte AS WITH w AS (SELECT * FROM t) SELECT * FROM w;
CREATE VIEW vrow AS SELECT row_to_json(t) AS j FROM t;
CREATE MATERIALIZED VIEW m AS SELECT * FROM t;
ALTER TABLE t ADD COLUMN c int DEFAULT 7;
SELECT * FROM v;
SELECT * FROM vq;
SELECT * FROM vsub;
SELECT * FROM vcte;
SELECT * FROM vrow;
REFRESH MATERIALIZED VIEW m;
SELECT * FROM m;
SELECT pg_get_viewdef('v'::regclass);
SELECT pg_get_viewdef('m'::regclass);
SELECT column_name FROM information_schema.columns WHERE table_name = 'v' ORDER BY ordinal_position;
-- Written through, the view sets its own columns; the new one takes its default.
INSERT INTO v VALUES (2, 'y');
UPDATE v SET b = 'z' WHERE a = 2;
SELECT * FROM t ORDER BY a;
-- A view made now has the new column, and holds it.
CREATE VIEW v2 AS SELECT * FROM t;
SELECT * FROM v2 ORDER BY a;
ALTER TABLE t DROP COLUMN c;
DROP VIEW v2;
ALTER TABLE t DROP COLUMN c;
-- Views over views, joins with USING.
ALTER TABLE t ADD COLUMN d int;
CREATE VIEW vv AS SELECT * FROM v;
CREATE TABLE u (a int, w text);
INSERT INTO u VALUES (1, 'w1');
CREATE VIEW vj AS SELECT * FROM t JOIN u USING (a);
ALTER TABLE u ADD COLUMN z int;
ALTER TABLE t ADD COLUMN e int;
SELECT * FROM vv ORDER BY a;
SELECT * FROM vj;
SELECT * FROM v ORDER BY a;
-- CREATE OR REPLACE VIEW spells * out again.
CREATE OR REPLACE VIEW v AS SELECT * FROM t;
SELECT * FROM v ORDER BY a;
DROP TABLE t, u CASCADE;
