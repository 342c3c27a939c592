-- covers: psql's \d+ and \sv of views (pg_get_viewdef's pretty text) over tables in and off the search path
CREATE TABLE dv_t (a INT, b TEXT);
CREATE VIEW dv_v AS SELECT a, b FROM dv_t WHERE a > 1 ORDER BY b;
CREATE VIEW dv_g (b, n) AS SELECT b, count(*) FROM dv_t GROUP BY b;
\d+ dv_v
\d+ dv_g
\sv dv_v
\dv
