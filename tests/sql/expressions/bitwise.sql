-- integer bit operators
SELECT 12 & 10, 12 | 10, 12 # 10, ~12, ~0, ~(-1);
SELECT 1 << 4, 256 >> 4, -16 >> 2, 1 << 31, 1 << 32, 1 << 33;
SELECT 1::bigint << 40, 1::bigint << 63, 1::bigint << 64, (-1)::bigint >> 70;
SELECT 1::smallint << 15, 1::smallint << 16, 7::smallint & 3::smallint, 7::smallint | 8;
SELECT pg_typeof(1::smallint & 1), pg_typeof(1 & 1::bigint), pg_typeof(1::smallint << 1), pg_typeof(~1::smallint);
SELECT 5 & '3', '6' | 1, 2 << '3';
SELECT NULL::int & 1, 1 | NULL, NULL::int << 1, ~NULL::int;
SELECT (1 | 2) & 3, 1 | 2 & 3, 6 # 3 # 1;
SELECT x, x & 1 AS odd, x >> 1 AS half FROM generate_series(1, 6) AS g(x) WHERE x & 1 = 1 ORDER BY x;
SELECT 1.5 & 1;
SELECT 1 & 1.5;
SELECT 'a' & 1;
SELECT 1 << 1.5;
SELECT ~1.5;
SELECT true & 1;
-- catalog helpers drivers call
SELECT current_schemas(true), current_schemas(false);
SELECT array_position(current_schemas(true), 'public');
CREATE TABLE bw (id int PRIMARY KEY, flags int);
INSERT INTO bw VALUES (1, 5), (2, 2), (3, 7);
SELECT id FROM bw WHERE flags & 4 <> 0 ORDER BY id;
UPDATE bw SET flags = flags | 8 WHERE id = 2;
SELECT id, flags FROM bw ORDER BY id;
SELECT to_regclass('bw'), to_regclass('nosuch'), to_regclass('public.bw'), to_regtype('integer'), to_regtype('nosuch');
SELECT to_regclass(NULL);
SELECT rngtypid FROM pg_range WHERE rngsubtype = 'text'::regtype;
DROP TABLE bw;
