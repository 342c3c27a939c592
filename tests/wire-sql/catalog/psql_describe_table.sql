-- covers: psql's \d NAME, \d+ NAME and \d INDEX over pg_class, pg_attribute, pg_attrdef, pg_index, pg_constraint and pg_get_indexdef/constraintdef/expr: keys, expression and partial indexes, checks, foreign keys both ways, generated columns
CREATE TABLE authors (id int PRIMARY KEY, email text NOT NULL UNIQUE, name text DEFAULT 'anon', score int CHECK (score >= 0));
CREATE TABLE books (id bigserial PRIMARY KEY, author_id int REFERENCES authors (id) ON DELETE CASCADE, title varchar(200) NOT NULL, price numeric(10,2) DEFAULT 0, published date);
CREATE UNIQUE INDEX authors_email_lower ON authors (lower(email));
CREATE INDEX books_recent ON books (published DESC) WHERE published IS NOT NULL;
CREATE INDEX books_author_title ON books (author_id, title);
CREATE TABLE line_items (id int PRIMARY KEY, qty int NOT NULL, unit_price int, total int GENERATED ALWAYS AS (qty * unit_price) STORED, code text GENERATED ALWAYS AS (lower(id::text)) STORED);
\d authors
\d+ authors
\d books
\d authors_email_lower
\d books_recent
\d line_items
\d+ line_items
