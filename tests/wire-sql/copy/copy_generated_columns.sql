-- covers: COPY FROM STDIN and TO STDOUT over a table with generated columns: left out without a column list, computed on the way in, refused when named
CREATE TABLE g (a int, b int GENERATED ALWAYS AS (a * 2) STORED, c text);
COPY g FROM STDIN;
1	x
2	\N
\.
COPY g (c, a) FROM STDIN WITH (FORMAT csv);
z,3
\.
SELECT * FROM g ORDER BY a;
COPY g TO STDOUT;
COPY g (a, c) TO STDOUT WITH (FORMAT csv, HEADER);
COPY (SELECT * FROM g ORDER BY a) TO STDOUT;
COPY g (b) TO STDOUT;
SELECT count(*) FROM g;
COPY g (a, b) FROM STDIN;
