-- Anonymous records: a set-returning function with several columns in a select list, (r).field, and int2vector subscripts, as pgjdbc's DatabaseMetaData queries use them.
SELECT information_schema._pg_expandarray(ARRAY[10,20,30]);
SELECT (information_schema._pg_expandarray(ARRAY['a','b'])).x, (information_schema._pg_expandarray(ARRAY['a','b'])).n;
SELECT r, (r).x, (r).n FROM (SELECT information_schema._pg_expandarray(ARRAY['a b', NULL, '', 'q"t', 'b\s', '(p)']) AS r) s;
SELECT pg_typeof(information_schema._pg_expandarray(ARRAY[1])), information_schema._pg_expandarray(ARRAY[1.5])::text;
SELECT (r).x + 1 AS next FROM (SELECT information_schema._pg_expandarray(ARRAY[41]) AS r) s WHERE (r).n = 1;
SELECT information_schema._pg_expandarray(NULL::int[]);
SELECT information_schema._pg_expandarray('{}'::int[]);
-- Errors: an unknown field, field notation on a scalar, a scalar set-returning function, record input.
SELECT (r).zz FROM (SELECT information_schema._pg_expandarray(ARRAY[1]) AS r) s;
SELECT (1).x;
SELECT (generate_series(1,2)).x;
SELECT '(1,2)'::record;
SELECT information_schema._pg_expandarray(1);
CREATE TABLE keyed (a int, b int, c text, PRIMARY KEY (b, a));
CREATE INDEX keyed_c ON keyed (c DESC);
SELECT i.indkey, i.indkey[0], i.indkey[1], i.indkey[5], i.indoption[0] FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = 'keyed' ORDER BY 1;
SELECT (information_schema._pg_expandarray(i.indkey)).n, information_schema._pg_expandarray(i.indkey) AS k FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = 'keyed' AND i.indisprimary;
-- pgjdbc's getPrimaryKeys, as it sends it.
SELECT result.TABLE_SCHEM, result.TABLE_NAME, result.COLUMN_NAME, result.KEY_SEQ, result.PK_NAME FROM (SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME, (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, ci.relname AS PK_NAME, information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid) JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid) JOIN pg_catalog.pg_index i ON ( a.attrelid = i.indrelid) JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid) WHERE true AND n.nspname = 'public' AND ct.relname = 'keyed' AND i.indisprimary ) result where result.A_ATTNUM = (result.KEYS).x ORDER BY result.table_name, result.pk_name, result.key_seq;
-- pgjdbc's getIndexInfo, in part: the position, direction and column of each index key.
SELECT tmp.INDEX_NAME, tmp.ORDINAL_POSITION, CASE tmp.AM_NAME WHEN 'btree' THEN CASE tmp.I_INDOPTION[tmp.ORDINAL_POSITION - 1] & 1::smallint WHEN 1 THEN 'D' ELSE 'A' END ELSE NULL END AS ASC_OR_DESC, trim(both '"' from pg_catalog.pg_get_indexdef(tmp.CI_OID, tmp.ORDINAL_POSITION, false)) AS COLUMN_NAME FROM (SELECT ci.relname AS INDEX_NAME, (information_schema._pg_expandarray(i.indkey)).n AS ORDINAL_POSITION, ci.oid AS CI_OID, i.indoption AS I_INDOPTION, am.amname AS AM_NAME FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid) JOIN pg_catalog.pg_index i ON (ct.oid = i.indrelid) JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid) JOIN pg_catalog.pg_am am ON (ci.relam = am.oid) WHERE n.nspname = 'public' AND ct.relname = 'keyed') AS tmp ORDER BY INDEX_NAME, ORDINAL_POSITION;
