-- covers: psql's \dD, \dD+ and \d NAME of a table with domain columns, over pg_type (typtype d, typbasetype, typnotnull, typdefault), pg_constraint's contypid and pg_get_constraintdef
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN short_name AS varchar(10) DEFAULT 'anon' NOT NULL;
CREATE SCHEMA inv;
CREATE DOMAIN inv.qty AS bigint NOT NULL CONSTRAINT qty_small CHECK (VALUE < 1000) CONSTRAINT qty_positive CHECK (VALUE >= 0);
COMMENT ON DOMAIN posint IS 'greater than zero';
CREATE TABLE item (id posint PRIMARY KEY, name short_name, n inv.qty);
\dD
\dD+ posint
\dD inv.*
\d item
SET search_path = inv, public;
\dD
\d item
