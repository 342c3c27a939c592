-- covers: set_config and current_setting: values, missing_ok, is_local in a block, NULL as DEFAULT, errors
SELECT current_setting('DateStyle'), current_setting('statement_timeout');
SELECT set_config('statement_timeout', '5s', false);
SHOW statement_timeout;
SELECT current_setting('nope');
SELECT current_setting('nope', true) IS NULL;
SELECT set_config('application_name', 'myapp', false), current_setting('application_name');
BEGIN;
SELECT set_config('statement_timeout', '7s', true);
SHOW statement_timeout;
COMMIT;
SHOW statement_timeout;
SELECT set_config('nope', 'x', false);
SELECT set_config('statement_timeout', NULL, false);
SHOW statement_timeout;
SELECT pg_catalog.set_config('search_path', '', false);
SHOW search_path;
SELECT set_config(NULL, 'x', false);
SELECT current_setting(1);
