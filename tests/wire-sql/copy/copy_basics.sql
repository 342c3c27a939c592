-- covers: COPY FROM STDIN and TO STDOUT in text and CSV, column lists, defaults, COPY (query), bad data, option errors, transactions
CREATE TABLE t (id INT PRIMARY KEY, name TEXT, price NUMERIC(8,2), note VARCHAR(5) DEFAULT 'dflt');
COPY t (id, name, price) FROM STDIN;
1	apple	1.5
2	tab\there	\N
3	back\\slash	2.345
\.
SELECT * FROM t ORDER BY id;
COPY t TO STDOUT;
COPY t TO STDOUT WITH (FORMAT csv, HEADER);
COPY t (id, name) FROM STDIN WITH (FORMAT csv);
4,"quoted, comma"
5,"multi
line"
6,
7,""
\.
COPY (SELECT id, name FROM t WHERE id > 3 ORDER BY id) TO STDOUT WITH CSV HEADER FORCE QUOTE *;
COPY t FROM STDIN;
8	x	bad	n
\.
COPY t (id) FROM STDIN;
9	extra
\.
COPY t (id, name) FROM STDIN;
10
\.
SELECT count(*) FROM t;
COPY t TO STDOUT WITH (FORMAT xml);
COPY t TO STDOUT WITH (DELIMITER 'ab');
COPY nope TO STDOUT;
COPY t (nope) TO STDOUT;
COPY t (id, id) TO STDOUT;
-- a failed COPY inside a block aborts it; one that succeeded is undone by ROLLBACK
BEGIN;
COPY t (id, name) FROM STDIN;
20	twenty
\.
SELECT count(*) FROM t;
ROLLBACK;
SELECT count(*) FROM t;
BEGIN;
COPY t (id, name) FROM STDIN;
21	ok
1	duplicate key
\.
SELECT 1;
ROLLBACK;
SELECT count(*) FROM t;
