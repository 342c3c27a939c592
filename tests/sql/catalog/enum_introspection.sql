-- how ORMs find enum types and their labels: Rails' string_agg over pg_enum, Prisma's join on the schema list, SQLAlchemy's format_type/pg_type_is_visible listing and its existence check
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
CREATE SCHEMA paint;
CREATE TYPE paint.color AS ENUM ('red', 'green');
CREATE TYPE empty_enum AS ENUM ();
SELECT type.typname AS name, n.nspname AS schema, string_agg(enum.enumlabel, ',' ORDER BY enum.enumsortorder) AS value FROM pg_enum AS enum JOIN pg_type AS type ON (type.oid = enum.enumtypid) JOIN pg_namespace n ON type.typnamespace = n.oid WHERE n.nspname = ANY (current_schemas(false)) GROUP BY type.OID, n.nspname, type.typname ORDER BY name;
SELECT t.typname AS name, e.enumlabel AS value, n.nspname AS namespace FROM pg_type t JOIN pg_enum e ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ANY (ARRAY['public', 'paint']) ORDER BY t.typname, e.enumsortorder;
SELECT pg_catalog.format_type(t.oid, NULL) AS name, pg_catalog.pg_type_is_visible(t.oid) AS visible, n.nspname AS schema, e.enumlabel AS label FROM pg_catalog.pg_type t LEFT OUTER JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace LEFT OUTER JOIN pg_catalog.pg_enum e ON t.oid = e.enumtypid WHERE t.typtype = 'e' ORDER BY t.typname, e.enumsortorder;
SELECT EXISTS (SELECT * FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'mood' AND pg_type_is_visible(t.oid) AND t.typtype = 'e');
SELECT EXISTS (SELECT * FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'color' AND pg_type_is_visible(t.oid) AND t.typtype = 'e');
SELECT t.typname, t.typtype, t.typdelim, t.typinput::text, t.typelem = 0 AS scalar, t.typbasetype FROM pg_type AS t LEFT JOIN pg_range AS r ON t.oid = r.rngtypid WHERE t.typtype IN ('r', 'e', 'd') AND t.typnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) ORDER BY t.typname;
SELECT a.typname, e.typname AS element, a.typcategory FROM pg_type a JOIN pg_type e ON e.oid = a.typelem WHERE e.typtype = 'e' ORDER BY 1;
SELECT n.nspname, t.typname, pg_type_is_visible(t.oid) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' ORDER BY 1, 2;
SET search_path = paint, public;
SELECT t.typname, pg_type_is_visible(t.oid), format_type(t.oid, NULL) FROM pg_type t WHERE t.typtype = 'e' ORDER BY 1;
