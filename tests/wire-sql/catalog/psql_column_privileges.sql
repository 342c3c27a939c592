-- covers: column privileges through psql: \dp's "Column privileges", and COPY of the columns a role may read or write
CREATE ROLE colpriv_reader;
CREATE TABLE staff (id int PRIMARY KEY, name text, salary int);
INSERT INTO staff VALUES (1, 'ann', 100), (2, 'bob', 200);
CREATE VIEW staff_names AS SELECT id, name FROM staff;
GRANT SELECT (id, name), INSERT (id, name) ON staff TO colpriv_reader;
GRANT UPDATE (name) ON staff TO colpriv_reader WITH GRANT OPTION;
GRANT SELECT (name) ON staff_names TO colpriv_reader;
\dp staff
\dp staff_names
\z staff*
SET ROLE colpriv_reader;
COPY staff (id, name) TO STDOUT;
COPY staff TO STDOUT;
COPY staff (salary) TO STDOUT;
COPY (SELECT name FROM staff ORDER BY id) TO STDOUT;
COPY (SELECT salary FROM staff) TO STDOUT;
COPY staff (id, name) FROM STDIN;
3	cy
\.
COPY staff (id, name, salary) FROM STDIN;
4	di	1
\.
COPY staff FROM STDIN;
5	ed	2
\.
RESET ROLE;
SELECT * FROM staff ORDER BY id;
REVOKE ALL ON staff FROM colpriv_reader;
REVOKE ALL ON staff_names FROM colpriv_reader;
\dp staff
DROP VIEW staff_names;
DROP TABLE staff;
DROP ROLE colpriv_reader;
