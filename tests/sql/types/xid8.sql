-- xid8: the type of pg_current_xact_id(). Its input is PostgreSQL 15's lax
-- strtoull (hex, wrapping minus, saturation); it is unsigned, orders and
-- indexes as such, and meets no integer type without a cast through text.
SELECT pg_typeof(pg_current_xact_id()), pg_typeof(txid_current()), pg_typeof(pg_current_xact_id_if_assigned());
SELECT '42'::xid8, '0x10'::xid8, '010'::xid8, '-1'::xid8, '18446744073709551616'::xid8, 'abc'::xid8, ' 7'::xid8;
SELECT '5'::xid8 < '18446744073709551615'::xid8, '5'::xid8 = '5', '5'::xid8 <> '6'::xid8, '9'::xid8 >= '10'::xid8;
SELECT pg_current_xact_id() = 5;
SELECT pg_current_xact_id()::bigint;
SELECT 5::xid8;
SELECT pg_current_xact_id()::text::bigint > 0 AS positive;
SELECT pg_current_xact_id() = pg_current_xact_id() AS same;
SELECT pg_xact_status(pg_current_xact_id());
SELECT pg_xact_status(NULL), pg_xact_status('0'::xid8);
SELECT pg_xact_status('999999999'::xid8);
SELECT pg_xact_status(5);
BEGIN;
SELECT pg_current_xact_id_if_assigned() IS NULL AS unassigned;
SELECT pg_current_xact_id() = pg_current_xact_id_if_assigned() AS assigned;
COMMIT;
CREATE TABLE xids (x xid8 PRIMARY KEY, note text);
INSERT INTO xids VALUES ('3', 'three'), ('1', 'one'), ('18446744073709551615', 'max'), ('9223372036854775808', 'mid');
SELECT * FROM xids ORDER BY x;
SELECT * FROM xids ORDER BY x DESC;
SELECT x FROM xids WHERE x > '3' ORDER BY x;
SELECT max(x), min(x), count(DISTINCT x) FROM xids;
INSERT INTO xids VALUES ('0x3', 'dup');
SELECT ARRAY['1', '18446744073709551615']::xid8[], pg_typeof(ARRAY['1']::xid8[]);
SELECT typname, typlen, typbyval, typcategory, typalign, typarray::regtype FROM pg_type WHERE oid = 'xid8'::regtype;
