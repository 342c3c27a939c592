-- Set-returning functions in the select list (ProjectSet), WITH ORDINALITY
-- and LATERAL: functions in FROM that read earlier FROM items.
CREATE TABLE docs (id int PRIMARY KEY, tags text[], n int);
INSERT INTO docs VALUES (1, '{red,green}', 2), (2, '{blue}', 0), (3, NULL, 3), (4, '{}', 1);
-- The select list
SELECT generate_series(1, 3);
SELECT generate_series(1, 3) AS g, 'x' AS k;
SELECT generate_series(1, 3) * 10 AS tens;
SELECT generate_series(1, 2), generate_series(1, 3);
SELECT generate_series(1, 3), unnest(ARRAY['a', 'b']);
SELECT id, unnest(tags) FROM docs ORDER BY id, 2;
SELECT id, unnest(tags) AS tag, generate_series(1, n) AS i FROM docs ORDER BY id, i;
SELECT id, generate_series(1, n) FROM docs WHERE id > 1 ORDER BY 1, 2;
SELECT unnest(array_agg(id ORDER BY id)) FROM docs;
SELECT count(*), unnest(ARRAY[1, 2]) FROM docs;
SELECT generate_series(1, 3) LIMIT 2;
SELECT generate_series(1, 5) OFFSET 3;
SELECT DISTINCT generate_series(1, 6) % 3 AS r ORDER BY r;
SELECT generate_series(1, 3) AS g ORDER BY g DESC;
SELECT generate_series(1, 3) AS g ORDER BY generate_series(1, 3) DESC;
SELECT 1 AS x ORDER BY generate_series(1, 2) DESC;
SELECT generate_series(1, generate_series(1, 3));
SELECT generate_series(1, 0);
SELECT generate_series(1, 2), generate_series(1, 0);
SELECT unnest(NULL::int[]);
SELECT id, unnest(tags) FROM docs WHERE id = 3;
SELECT upper(unnest(ARRAY['a', 'b'])) AS u;
SELECT unnest(ARRAY[1, 2]) + unnest(ARRAY[10, 20, 30]) AS s;
SELECT generate_series('2024-01-01'::timestamp, '2024-01-03', '1 day');
SELECT generate_series(0.5, 2.0, 0.5);
SELECT row_number() OVER (ORDER BY id) AS rn, unnest(tags) FROM docs ORDER BY 1, 2;
SELECT (SELECT generate_series(1, 1)) AS one;
SELECT ARRAY(SELECT generate_series(1, 4)) AS arr;
-- Where PostgreSQL refuses them
SELECT 1 WHERE generate_series(1, 2) > 0;
SELECT CASE WHEN true THEN generate_series(1, 2) END;
SELECT COALESCE(generate_series(1, 2), 0);
SELECT sum(generate_series(1, 2));
SELECT id FROM docs GROUP BY id HAVING generate_series(1, 2) > 1;
SELECT * FROM docs JOIN docs d2 ON generate_series(1, 2) = 1;
SELECT id, unnest(tags) FROM docs FOR UPDATE;
SELECT generate_series(1);
SELECT unnest(1);
-- WITH ORDINALITY
SELECT * FROM unnest(ARRAY['a', 'b', 'c']) WITH ORDINALITY;
SELECT * FROM unnest(ARRAY['a', 'b']) WITH ORDINALITY AS t(letter, pos);
SELECT * FROM generate_series(10, 30, 10) WITH ORDINALITY AS g;
SELECT g.ordinality, g.g FROM generate_series(5, 6) WITH ORDINALITY AS g;
SELECT * FROM unnest(ARRAY[1, 2], ARRAY['x']) WITH ORDINALITY AS t(a, b, o);
SELECT * FROM unnest(ARRAY['a']) WITH ORDINALITY AS t(x, y, z);
-- LATERAL: functions in FROM read earlier items
SELECT d.id, t FROM docs d, unnest(d.tags) AS t ORDER BY d.id, t;
SELECT d.id, t.tag, t.pos FROM docs d, unnest(d.tags) WITH ORDINALITY AS t(tag, pos) ORDER BY 1, 3;
SELECT d.id, g FROM docs d CROSS JOIN generate_series(1, d.n) AS g ORDER BY 1, 2;
SELECT d.id, g FROM docs d LEFT JOIN LATERAL generate_series(1, d.n) AS g ON true ORDER BY 1, 2;
SELECT d.id, g FROM docs d JOIN LATERAL generate_series(1, d.n) AS g ON g > 1 ORDER BY 1, 2;
SELECT d.id, g FROM docs d, LATERAL generate_series(1, d.n) AS g WHERE g >= 2 ORDER BY 1, 2;
-- LATERAL subqueries
CREATE TABLE orders (id int PRIMARY KEY, doc_id int, amount numeric);
INSERT INTO orders VALUES (1, 1, 10), (2, 1, 25), (3, 2, 5), (4, 3, 7), (5, 3, 70), (6, 3, 1);
SELECT d.id, top.amount FROM docs d, LATERAL (SELECT amount FROM orders o WHERE o.doc_id = d.id ORDER BY amount DESC LIMIT 2) top ORDER BY 1, 2 DESC;
SELECT d.id, s.total FROM docs d LEFT JOIN LATERAL (SELECT sum(amount) AS total FROM orders o WHERE o.doc_id = d.id) s ON true ORDER BY 1;
SELECT d.id, x.cnt FROM docs d CROSS JOIN LATERAL (SELECT count(*) AS cnt FROM orders o WHERE o.doc_id = d.id) x WHERE x.cnt > 1 ORDER BY 1;
SELECT d.id, o.id FROM docs d LEFT JOIN LATERAL (SELECT id FROM orders WHERE doc_id = d.id AND amount > 20) o ON true ORDER BY 1, 2;
SELECT d.id, y.v FROM docs d, LATERAL (SELECT d.n * 2 AS v) y ORDER BY 1;
SELECT a.x, b.y FROM (VALUES (1), (2)) a(x), LATERAL (SELECT a.x + 100 AS y) b ORDER BY 1;
SELECT a.x, b.y, c.z FROM (VALUES (1), (2)) a(x), LATERAL (SELECT a.x * 10 AS y) b, LATERAL (SELECT b.y + a.x AS z) c ORDER BY 1;
SELECT * FROM (SELECT 1 AS k) a, LATERAL (SELECT 2 AS j) b;
SELECT o.n, c.relname FROM pg_class c CROSS JOIN LATERAL (SELECT array_position(current_schemas(true), 'public') AS n) o WHERE c.relname = 'docs';
SELECT d.id, (SELECT max(g) FROM generate_series(1, d.n) g) AS m FROM docs d ORDER BY 1;
SELECT d.id, z.w FROM docs d RIGHT JOIN LATERAL (SELECT d.n AS w) z ON true;
SELECT * FROM docs d, (SELECT d.id) s;
