-- covers: psql's \dT, \dT+ and \d NAME of a table with enum columns, over pg_type, pg_enum, pg_type_is_visible and format_type (patterns leave out the built-in vector type, which lives in public)
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE empty_enum AS ENUM ();
CREATE SCHEMA paint;
CREATE TYPE paint.color AS ENUM ('red', 'green');
CREATE TABLE person (id int PRIMARY KEY, current_mood mood NOT NULL DEFAULT 'ok', history mood[], c paint.color);
COMMENT ON TYPE mood IS 'how one feels';
\dT mood|empty_enum
\dT+ mood|empty_enum
\dT paint.*
\dT *.color
\d person
SET search_path = paint, public;
\dT color|mood
\d person
