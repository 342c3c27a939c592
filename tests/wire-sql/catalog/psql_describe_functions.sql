-- covers: psql's \df, \df PATTERN and \sf of SQL functions, over pg_proc, pg_language, pg_namespace, pg_get_function_arguments/result, pg_function_is_visible, obj_description and pg_get_functiondef
CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;
CREATE FUNCTION add(a text, b text) RETURNS text LANGUAGE sql AS $$ SELECT a || b $$;
CREATE FUNCTION evens(n integer) RETURNS SETOF integer LANGUAGE sql STABLE AS $$ SELECT g * 2 FROM generate_series(1, n) g $$;
CREATE FUNCTION pairs() RETURNS TABLE(x integer, y text) LANGUAGE sql AS $$ SELECT 1, 'a' $$;
CREATE FUNCTION noop() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$;
CREATE SCHEMA lib;
CREATE FUNCTION lib.triple(integer) RETURNS integer LANGUAGE sql AS $$ SELECT $1 * 3 $$;
COMMENT ON FUNCTION evens(integer) IS 'even numbers';
\df
\df add
\df lib.*
\sf add(integer, integer)
\sf lib.triple(integer)
SET search_path = lib, public;
\df
