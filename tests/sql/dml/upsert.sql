-- INSERT ... ON CONFLICT: DO NOTHING, DO UPDATE with EXCLUDED, arbiters, RETURNING, command tags, errors.
-- unordered
CREATE TABLE kv (k INT PRIMARY KEY, v TEXT, n INT NOT NULL DEFAULT 0, flag BOOLEAN DEFAULT false);
INSERT INTO kv VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3);
-- DO NOTHING
INSERT INTO kv VALUES (1, 'uno', 10) ON CONFLICT (k) DO NOTHING;
INSERT INTO kv VALUES (4, 'four', 4) ON CONFLICT (k) DO NOTHING;
INSERT INTO kv VALUES (1, 'uno', 10), (5, 'five', 5) ON CONFLICT (k) DO NOTHING;
INSERT INTO kv VALUES (2, 'dos', 20), (3, 'tres', 30) ON CONFLICT (k) DO NOTHING;
SELECT * FROM kv ORDER BY k;
-- DO NOTHING without a conflict target
INSERT INTO kv VALUES (1, 'x') ON CONFLICT DO NOTHING;
INSERT INTO kv VALUES (6, 'six') ON CONFLICT DO NOTHING;
SELECT * FROM kv ORDER BY k;
-- the same key twice in one DO NOTHING insert: the second is skipped
INSERT INTO kv VALUES (7, 'seven', 7), (7, 'siete', 70) ON CONFLICT (k) DO NOTHING;
SELECT * FROM kv WHERE k = 7;
-- DO UPDATE with EXCLUDED
INSERT INTO kv VALUES (1, 'uno', 10) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v;
SELECT * FROM kv WHERE k = 1;
INSERT INTO kv VALUES (8, 'eight', 8) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v;
SELECT * FROM kv WHERE k = 8;
INSERT INTO kv VALUES (2, 'dos', 20) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, n = EXCLUDED.n, flag = true;
SELECT * FROM kv WHERE k = 2;
INSERT INTO kv VALUES (3, 'x', 5) ON CONFLICT (k) DO UPDATE SET n = kv.n + EXCLUDED.n;
SELECT * FROM kv WHERE k = 3;
INSERT INTO kv VALUES (3, 'x', 5) ON CONFLICT (k) DO UPDATE SET v = kv.v || '+' || EXCLUDED.v;
SELECT * FROM kv WHERE k = 3;
-- a table alias names the existing row
INSERT INTO kv AS t VALUES (4, 'cuatro', 40) ON CONFLICT (k) DO UPDATE SET n = t.n * 2, v = upper(t.v);
SELECT * FROM kv WHERE k = 4;
-- EXCLUDED carries the column defaults of the proposed row
INSERT INTO kv (k, v) VALUES (5, 'cinco') ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n, flag = EXCLUDED.flag;
SELECT * FROM kv WHERE k = 5;
-- SET to DEFAULT, to an expression, to a subquery, row form
INSERT INTO kv VALUES (6, 'x') ON CONFLICT (k) DO UPDATE SET n = DEFAULT, flag = NOT kv.flag;
SELECT * FROM kv WHERE k = 6;
INSERT INTO kv VALUES (6, 'x') ON CONFLICT (k) DO UPDATE SET n = (SELECT max(n) FROM kv) + 1;
SELECT * FROM kv WHERE k = 6;
INSERT INTO kv VALUES (7, 'siete', 77) ON CONFLICT (k) DO UPDATE SET (v, n) = (EXCLUDED.v, EXCLUDED.n + 1);
SELECT * FROM kv WHERE k = 7;
INSERT INTO kv VALUES (7, NULL, 0) ON CONFLICT (k) DO UPDATE SET v = coalesce(EXCLUDED.v, kv.v), n = greatest(kv.n, EXCLUDED.n);
SELECT * FROM kv WHERE k = 7;
SELECT * FROM kv ORDER BY k;
-- DO UPDATE ... WHERE: a row failing the condition is left alone and not counted
INSERT INTO kv VALUES (1, 'ignored', 0) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE kv.n > 100;
SELECT * FROM kv WHERE k = 1;
INSERT INTO kv VALUES (1, 'taken', 0) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE kv.n = 1;
SELECT * FROM kv WHERE k = 1;
INSERT INTO kv VALUES (2, 'bigger', 50) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n WHERE EXCLUDED.n > kv.n;
INSERT INTO kv VALUES (2, 'smaller', 5) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n WHERE EXCLUDED.n > kv.n;
SELECT * FROM kv WHERE k = 2;
INSERT INTO kv VALUES (1, 'a', 0), (2, 'b', 0), (3, 'c', 0), (9, 'nine', 9) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE kv.k % 2 = 1;
SELECT * FROM kv ORDER BY k;
INSERT INTO kv VALUES (1, 'z') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE kv.flag IS NULL;
INSERT INTO kv VALUES (1, 'z') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE NULL;
SELECT v FROM kv WHERE k = 1;
-- multi-row upserts: inserts and updates counted together
INSERT INTO kv VALUES (9, 'nueve', 90), (10, 'ten', 10), (11, 'eleven', 11) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, n = EXCLUDED.n;
SELECT * FROM kv WHERE k >= 9 ORDER BY k;
INSERT INTO kv SELECT k + 10, v || '!', n FROM kv WHERE k <= 2 ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v;
SELECT * FROM kv WHERE k >= 9 ORDER BY k;
INSERT INTO kv SELECT k, 'bulk', 0 FROM kv WHERE k > 10 ON CONFLICT (k) DO NOTHING;
INSERT INTO kv SELECT k, 'bulk', 0 FROM kv WHERE k > 10 ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v;
SELECT k, v FROM kv WHERE k > 10 ORDER BY k;
SELECT count(*) FROM kv;
-- ON CONFLICT ON CONSTRAINT
INSERT INTO kv VALUES (1, 'by-name') ON CONFLICT ON CONSTRAINT kv_pkey DO UPDATE SET v = EXCLUDED.v;
SELECT v FROM kv WHERE k = 1;
INSERT INTO kv VALUES (1, 'nope') ON CONFLICT ON CONSTRAINT kv_pkey DO NOTHING;
SELECT v FROM kv WHERE k = 1;
-- RETURNING: rows skipped by DO NOTHING are not returned
INSERT INTO kv VALUES (1, 'r') ON CONFLICT (k) DO NOTHING RETURNING k, v;
INSERT INTO kv VALUES (20, 'twenty', 20) ON CONFLICT (k) DO NOTHING RETURNING k, v;
INSERT INTO kv VALUES (1, 'r'), (21, 'twenty-one') ON CONFLICT (k) DO NOTHING RETURNING k, v;
INSERT INTO kv VALUES (1, 'r'), (22, 'twenty-two') ON CONFLICT (k) DO NOTHING RETURNING *;
-- RETURNING after DO UPDATE shows the updated row
INSERT INTO kv VALUES (1, 'upd', 100) ON CONFLICT (k) DO UPDATE SET n = EXCLUDED.n RETURNING k, v, n;
INSERT INTO kv VALUES (1, 'upd'), (23, 'new') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v RETURNING k, v;
INSERT INTO kv VALUES (1, 'no') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v WHERE false RETURNING k, v;
INSERT INTO kv AS t VALUES (2, 'x', 1) ON CONFLICT (k) DO UPDATE SET n = t.n + 1 RETURNING t.k, t.n, n * 10 AS tenfold;
INSERT INTO kv VALUES (24, 'a'), (25, 'b') ON CONFLICT DO NOTHING RETURNING k;
-- composite unique keys
CREATE TABLE pair (a INT, b TEXT, qty INT, note TEXT, UNIQUE (a, b));
INSERT INTO pair VALUES (1, 'x', 1, 'first'), (1, 'y', 2, 'first'), (2, 'x', 3, 'first');
INSERT INTO pair VALUES (1, 'x', 10, 'again') ON CONFLICT (a, b) DO UPDATE SET qty = pair.qty + EXCLUDED.qty, note = EXCLUDED.note;
INSERT INTO pair VALUES (2, 'y', 4, 'new') ON CONFLICT (a, b) DO UPDATE SET qty = pair.qty + EXCLUDED.qty;
INSERT INTO pair VALUES (1, 'y', 5, 'swapped') ON CONFLICT (b, a) DO UPDATE SET note = EXCLUDED.note;
INSERT INTO pair VALUES (2, 'x', 0, 'skip') ON CONFLICT (a, b) DO NOTHING;
SELECT * FROM pair ORDER BY a, b;
INSERT INTO pair VALUES (3, 'x', 1, 'n') ON CONFLICT ON CONSTRAINT pair_a_b_key DO UPDATE SET qty = 0;
INSERT INTO pair VALUES (3, 'x', 1, 'n') ON CONFLICT ON CONSTRAINT pair_a_b_key DO UPDATE SET qty = 0;
SELECT * FROM pair WHERE a = 3;
-- NULLs never conflict in a unique key
INSERT INTO pair VALUES (NULL, 'x', 1, 'null-a') ON CONFLICT (a, b) DO UPDATE SET qty = 99;
INSERT INTO pair VALUES (NULL, 'x', 1, 'null-a') ON CONFLICT (a, b) DO UPDATE SET qty = 99;
INSERT INTO pair VALUES (4, NULL, 1, 'null-b'), (4, NULL, 1, 'null-b') ON CONFLICT (a, b) DO UPDATE SET qty = 99;
SELECT a, b, qty, note FROM pair WHERE a IS NULL OR b IS NULL ORDER BY a NULLS FIRST, note;
SELECT count(*) FROM pair;
-- conflicts on a secondary UNIQUE constraint
CREATE TABLE account (id INT PRIMARY KEY, email TEXT UNIQUE, name TEXT, visits INT DEFAULT 1);
INSERT INTO account VALUES (1, 'a@x', 'ann'), (2, 'b@x', 'bob');
INSERT INTO account VALUES (3, 'a@x', 'anna') ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, visits = account.visits + 1;
SELECT * FROM account ORDER BY id;
INSERT INTO account VALUES (3, 'c@x', 'cy') ON CONFLICT (email) DO UPDATE SET visits = account.visits + 1;
INSERT INTO account VALUES (4, 'c@x', 'cyrus') ON CONFLICT (email) DO NOTHING;
INSERT INTO account VALUES (2, 'z@x', 'zed') ON CONFLICT (email) DO NOTHING;
INSERT INTO account VALUES (2, 'z@x', 'zed') ON CONFLICT (id) DO NOTHING;
INSERT INTO account VALUES (5, 'b@x', 'bea') ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name;
INSERT INTO account VALUES (5, 'b@x', 'bea') ON CONFLICT DO NOTHING;
INSERT INTO account VALUES (2, 'q@x', 'q') ON CONFLICT DO NOTHING;
SELECT * FROM account ORDER BY id;
INSERT INTO account VALUES (9, 'b@x', 'bob2') ON CONFLICT ON CONSTRAINT account_email_key DO UPDATE SET name = EXCLUDED.name RETURNING id, email, name;
INSERT INTO account VALUES (9, 'a@x', 'x') ON CONFLICT (email) DO UPDATE SET id = EXCLUDED.id RETURNING id, name;
SELECT * FROM account ORDER BY id;
-- a unique index (not a constraint) can also be the arbiter
CREATE TABLE tag (id INT, label TEXT, uses INT DEFAULT 1);
CREATE UNIQUE INDEX tag_label_idx ON tag (label);
INSERT INTO tag VALUES (1, 'red'), (2, 'blue');
INSERT INTO tag VALUES (3, 'red') ON CONFLICT (label) DO UPDATE SET uses = tag.uses + 1;
INSERT INTO tag VALUES (4, 'red'), (5, 'green'), (6, 'blue') ON CONFLICT (label) DO UPDATE SET uses = tag.uses + 1;
SELECT * FROM tag ORDER BY id;
-- serial keys: a skipped or updated insert still used up a sequence value
CREATE TABLE counter (id SERIAL PRIMARY KEY, name TEXT UNIQUE, hits INT DEFAULT 1);
INSERT INTO counter (name) VALUES ('a') ON CONFLICT (name) DO UPDATE SET hits = counter.hits + 1 RETURNING id, name, hits;
INSERT INTO counter (name) VALUES ('a') ON CONFLICT (name) DO UPDATE SET hits = counter.hits + 1 RETURNING id, name, hits;
INSERT INTO counter (name) VALUES ('a') ON CONFLICT (name) DO NOTHING RETURNING id;
INSERT INTO counter (name) VALUES ('b') ON CONFLICT (name) DO UPDATE SET hits = counter.hits + 1 RETURNING id, name, hits;
SELECT * FROM counter ORDER BY id;
-- DO UPDATE may change the key itself
INSERT INTO kv VALUES (25, 'move') ON CONFLICT (k) DO UPDATE SET k = kv.k + 100;
SELECT k, v FROM kv WHERE k > 24 ORDER BY k;
-- check constraints apply to the proposed row before the conflict check, and to the updated row
CREATE TABLE stock (sku TEXT PRIMARY KEY, qty INT CHECK (qty <= 10));
INSERT INTO stock VALUES ('s1', 5);
INSERT INTO stock VALUES ('s1', 4) ON CONFLICT (sku) DO UPDATE SET qty = stock.qty + EXCLUDED.qty;
SELECT * FROM stock;
INSERT INTO stock VALUES ('s1', 3) ON CONFLICT (sku) DO UPDATE SET qty = stock.qty + EXCLUDED.qty;
INSERT INTO stock VALUES ('s1', 3) ON CONFLICT (sku) DO UPDATE SET qty = stock.qty + EXCLUDED.qty WHERE stock.qty + EXCLUDED.qty <= 10;
INSERT INTO stock VALUES ('s1', 20) ON CONFLICT (sku) DO NOTHING;
INSERT INTO stock VALUES ('s1', 20) ON CONFLICT (sku) DO UPDATE SET qty = 0;
SELECT * FROM stock;
-- errors
INSERT INTO kv VALUES (1, 'x') ON CONFLICT (v) DO NOTHING;
INSERT INTO pair VALUES (1, 'x', 1, 'n') ON CONFLICT (a) DO NOTHING;
INSERT INTO kv VALUES (1, 'x') ON CONFLICT (nope) DO NOTHING;
INSERT INTO kv VALUES (1, 'x') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.nope;
INSERT INTO kv VALUES (1, 'a'), (1, 'b') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v;
INSERT INTO kv VALUES (30, 'a'), (30, 'b') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v;
INSERT INTO kv VALUES (1, 'x') ON CONFLICT DO UPDATE SET v = 'y';
INSERT INTO kv VALUES (1, 'x') ON CONFLICT ON CONSTRAINT no_such_constraint DO NOTHING;
INSERT INTO tag VALUES (7, 'red') ON CONFLICT ON CONSTRAINT tag_label_idx DO NOTHING;
INSERT INTO kv VALUES (1, 'x') ON CONFLICT (k) DO UPDATE SET n = NULL;
INSERT INTO kv VALUES (1, 'x') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v RETURNING EXCLUDED.v;
INSERT INTO kv VALUES (1, 'x') ON CONFLICT (k) DO UPDATE SET v = v;
SELECT * FROM kv ORDER BY k;
DROP TABLE kv, pair, account, tag, counter, stock;
-- UPDATE with a multiple-column SET
CREATE TABLE pair (id int PRIMARY KEY, a int, b text);
INSERT INTO pair VALUES (1, 10, 'x'), (2, 20, 'y');
UPDATE pair SET (a, b) = (a + 1, upper(b)) WHERE id = 1 RETURNING *;
UPDATE pair SET (b, a) = ROW('z', 0) WHERE id = 2 RETURNING *;
UPDATE pair SET (a, b) = (1) WHERE id = 2;
UPDATE pair SET (a, b) = (1, 'q', 3) WHERE id = 2;
UPDATE pair SET (a, a) = (1, 2) WHERE id = 2;
SELECT * FROM pair ORDER BY id;
DROP TABLE pair;
