-- REASSIGN OWNED BY and DROP OWNED BY: the usual way to retire a role.
CREATE ROLE ow_old;
CREATE ROLE ow_new;
CREATE ROLE ow_user;
CREATE SCHEMA ow AUTHORIZATION ow_old;
GRANT CREATE ON SCHEMA public TO ow_old;
SET ROLE ow_old;
CREATE TABLE ow.a (id serial PRIMARY KEY, v text);
CREATE VIEW ow.av AS SELECT v FROM ow.a;
CREATE SEQUENCE ow.s;
CREATE FUNCTION ow.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE TYPE ow.mood AS ENUM ('ok');
CREATE TABLE public.ow_kept (x int);
GRANT SELECT ON ow.a TO ow_user;
RESET ROLE;
CREATE TABLE public.ow_granted (x int);
GRANT SELECT, INSERT ON public.ow_granted TO ow_user;
GRANT SELECT ON public.ow_granted TO ow_old WITH GRANT OPTION;
SET ROLE ow_old;
GRANT SELECT ON public.ow_granted TO ow_new;
RESET ROLE;
-- REASSIGN OWNED: every object changes hands, with its access list.
REASSIGN OWNED BY ow_old TO ow_new;
SELECT c.relname, pg_get_userbyid(c.relowner), c.relacl FROM pg_class c
WHERE c.relname IN ('a', 'a_id_seq', 'av', 's', 'ow_kept') ORDER BY 1;
SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'ow';
SELECT proname, pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'f' AND pronamespace = 'ow'::regnamespace;
SELECT typname, pg_get_userbyid(typowner) FROM pg_type WHERE typname = 'mood';
-- ow_old still holds a privilege, so it cannot be dropped yet.
DROP ROLE ow_old;
-- DROP OWNED: ow_old's privileges (and what it granted with them) go.
DROP OWNED BY ow_old;
SELECT relacl FROM pg_class WHERE relname = 'ow_granted';
DROP ROLE ow_old;
-- DROP OWNED drops what the role owns.
DROP OWNED BY ow_new;
SELECT count(*) FROM pg_class WHERE relname IN ('a', 'a_id_seq', 'av', 's', 'ow_kept');
SELECT count(*) FROM pg_namespace WHERE nspname = 'ow';
SELECT count(*) FROM pg_type WHERE typname = 'mood';
-- Errors.
REASSIGN OWNED BY postgres TO ow_new;
DROP OWNED BY ow_nobody;
SET ROLE ow_user;
DROP OWNED BY ow_new;
REASSIGN OWNED BY ow_user TO ow_new;
RESET ROLE;
DROP OWNED BY ow_user;
DROP TABLE public.ow_granted;
REVOKE CREATE ON SCHEMA public FROM ow_new;
DROP ROLE ow_new, ow_user;
