-- covers: psql's \dt, \ds, \dn over pg_class/pg_namespace/pg_am; regex operators; OPERATOR(pg_catalog.~) and COLLATE pg_catalog.default as psql sends them
CREATE TABLE items (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL, price NUMERIC CHECK (price >= 0));
CREATE INDEX items_name ON items (name);
CREATE SEQUENCE counter;
\dt
\ds
\dn
SELECT 'abc' ~ '^a', 'abc' !~ 'b', 'ABC' ~* 'b', 'ABC' !~* 'z', 'x' ~ NULL;
SELECT 'abc' ~ '(' IS NULL;
SELECT relname, relkind FROM pg_catalog.pg_class WHERE relnamespace = 2200 AND relname <> 'items_pkey' ORDER BY relname;
SELECT nspname FROM pg_namespace ORDER BY oid;
SELECT pg_catalog.pg_get_userbyid(10), pg_get_userbyid(6171);
SELECT c.relname, pg_table_is_visible(c.oid) FROM pg_class c WHERE c.relname = 'items';
SELECT count(*) FROM pg_catalog.pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(items)$' COLLATE pg_catalog.default;
