-- covers: psql's \d, \d+ and \dm of materialized views (relkind m, pg_get_viewdef's text, their indexes)
CREATE TABLE dm_t (a INT, b TEXT);
INSERT INTO dm_t VALUES (1, 'x'), (2, 'y'), (2, 'z');
CREATE MATERIALIZED VIEW dm_counts AS SELECT a, count(*) AS n FROM dm_t GROUP BY a;
CREATE UNIQUE INDEX dm_counts_a ON dm_counts (a);
CREATE MATERIALIZED VIEW dm_empty (x, y) AS SELECT a, b FROM dm_t WITH NO DATA;
\d dm_counts
\d+ dm_empty
\dm
\dt
