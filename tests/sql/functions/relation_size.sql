-- pg_size_pretty and the relation size functions (sizes are the engine's own: only their shape is compared).
SELECT pg_size_pretty(0::bigint), pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(10752::bigint);
SELECT pg_size_pretty(20971007::bigint), pg_size_pretty(20971008::bigint), pg_size_pretty(1073741824::bigint);
SELECT pg_size_pretty(-10240::bigint), pg_size_pretty(-10753::bigint), pg_size_pretty(9223372036854775807);
SELECT pg_size_pretty(5497558138880::bigint), pg_size_pretty(1125899906842624::bigint), pg_size_pretty(NULL::bigint);
CREATE TABLE sized (id int PRIMARY KEY, body text);
CREATE INDEX sized_body ON sized (body);
SELECT pg_relation_size('sized');
INSERT INTO sized SELECT g, repeat('x', 100) FROM generate_series(1, 200) g;
SELECT pg_table_size('sized') > 0, pg_relation_size('sized') > 0, pg_indexes_size('sized') > 0;
SELECT pg_total_relation_size('sized') >= pg_table_size('sized') + pg_indexes_size('sized') - 1;
SELECT pg_relation_size('sized_body') > 0, pg_relation_size('sized', 'main') > 0, pg_relation_size('sized', 'fsm') >= 0;
SELECT pg_relation_size('sized', 'nope');
SELECT pg_table_size(0), pg_relation_size(NULL);
SELECT pg_size_pretty(pg_total_relation_size('sized')) LIKE '% kB';
SELECT pg_table_size('no_such_table');
