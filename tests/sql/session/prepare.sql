-- PREPARE, EXECUTE and DEALLOCATE.
CREATE TABLE t (id INT PRIMARY KEY, name TEXT);
PREPARE ins (INT, TEXT) AS INSERT INTO t VALUES ($1, $2);
EXECUTE ins(1, 'one');
EXECUTE ins(2, 'two');
EXECUTE ins('3', 'three');
PREPARE q AS SELECT name FROM t WHERE id = $1;
EXECUTE q(2);
EXECUTE q('3');
EXECUTE q(5);
PREPARE sel (INT) AS SELECT id, name FROM t WHERE id >= $1 ORDER BY id;
EXECUTE sel(2);
EXECUTE sel(1 + 1);
PREPARE upd (TEXT, INT) AS UPDATE t SET name = $1 WHERE id = $2 RETURNING *;
EXECUTE upd('uno', 1);
-- Errors.
PREPARE ins AS SELECT 1;
EXECUTE nosuch;
EXECUTE ins(1);
EXECUTE ins(1, 'a', 'b');
EXECUTE ins('x', 'y');
EXECUTE ins(true, 'y');
EXECUTE ins(1, 'dup');
PREPARE bad2 AS SELEC 1;
-- Prepared statements outlive a rolled-back transaction.
BEGIN;
PREPARE inside AS SELECT 42 AS answer;
ROLLBACK;
EXECUTE inside;
-- Forgetting them.
DEALLOCATE ins;
EXECUTE ins(9, 'nine');
DEALLOCATE ins;
DEALLOCATE PREPARE sel;
DEALLOCATE ALL;
EXECUTE q(1);
EXECUTE inside;
SELECT id, name FROM t ORDER BY id;
