-- covers: information_schema.tables and information_schema.columns for user tables (the seed's schema query), defaults and types as PostgreSQL reports them
CREATE TABLE products (
    id INT PRIMARY KEY,
    name TEXT NOT NULL,
    price FLOAT,
    stock INT DEFAULT 0,
    code VARCHAR(12) DEFAULT 'none',
    tiny SMALLINT DEFAULT -1,
    big BIGINT,
    ratio REAL,
    flag BOOLEAN DEFAULT true,
    raw BYTEA
);
CREATE TABLE empty_one (x INT);
SELECT column_name, data_type
FROM information_schema.columns
WHERE table_name = 'products'
ORDER BY ordinal_position;
SELECT table_schema, table_name, table_type, is_insertable_into, is_typed
FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;
SELECT column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length,
       character_octet_length, numeric_precision, numeric_precision_radix, numeric_scale, udt_schema, udt_name,
       dtd_identifier, is_identity, is_generated, is_updatable
FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position;
SELECT c.table_name, count(*) AS columns
FROM information_schema.tables t JOIN information_schema.columns c ON c.table_name = t.table_name
WHERE t.table_schema = 'public' GROUP BY c.table_name ORDER BY 1;
DROP TABLE empty_one;
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1;
DROP TABLE products;
