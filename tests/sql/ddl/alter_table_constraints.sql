-- ALTER TABLE ADD CONSTRAINT (CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY) over existing rows, DROP CONSTRAINT [IF EXISTS] [CASCADE], errors.
CREATE TABLE owners (id int, name text, email text);
CREATE TABLE accts (id int, owner_id int, code text, balance numeric(10,2), lim numeric(10,2));
INSERT INTO owners VALUES (1, 'ann', 'ann@x'), (2, 'bob', 'bob@x'), (2, 'bob2', 'bob@x');
INSERT INTO accts VALUES (10, 1, 'A', 5.00, 10.00), (11, 2, 'B', -1.00, 10.00), (12, 9, 'C', 20.00, 10.00), (13, NULL, 'C', 0, NULL);
-- PRIMARY KEY over duplicate keys fails; over NULL keys too
ALTER TABLE owners ADD CONSTRAINT owners_pk PRIMARY KEY (id);
UPDATE owners SET id = 3 WHERE name = 'bob2';
ALTER TABLE owners ADD CONSTRAINT owners_pk PRIMARY KEY (id);
INSERT INTO owners VALUES (1, 'dup', 'dup@x');
INSERT INTO owners VALUES (NULL, 'nokey', 'nokey@x');
-- a second primary key is not allowed
ALTER TABLE owners ADD PRIMARY KEY (name);
-- UNIQUE over duplicates fails
ALTER TABLE owners ADD CONSTRAINT owners_email_uq UNIQUE (email);
UPDATE owners SET email = 'bob2@x' WHERE id = 3;
ALTER TABLE owners ADD CONSTRAINT owners_email_uq UNIQUE (email);
INSERT INTO owners VALUES (4, 'cat', 'ann@x');
INSERT INTO owners VALUES (4, 'cat', NULL), (5, 'dan', NULL);
SELECT * FROM owners ORDER BY id;
-- CHECK over violating rows fails
ALTER TABLE accts ADD CONSTRAINT balance_nonneg CHECK (balance >= 0);
UPDATE accts SET balance = 0 WHERE balance < 0;
ALTER TABLE accts ADD CONSTRAINT balance_nonneg CHECK (balance >= 0);
INSERT INTO accts VALUES (14, 1, 'D', -5, NULL);
UPDATE accts SET balance = balance - 100 WHERE id = 10;
-- a CHECK over two columns; NULL passes a CHECK
ALTER TABLE accts ADD CONSTRAINT within_limit CHECK (balance <= lim);
UPDATE accts SET lim = 50 WHERE id = 12;
ALTER TABLE accts ADD CONSTRAINT within_limit CHECK (balance <= lim);
INSERT INTO accts VALUES (14, 1, 'D', 60, 50);
INSERT INTO accts VALUES (14, 1, 'D', 60, NULL);
-- a constraint name can be used once per table
ALTER TABLE accts ADD CONSTRAINT within_limit CHECK (lim > 0);
-- constraints without a name get generated ones
ALTER TABLE accts ADD CHECK (code <> '');
ALTER TABLE accts ADD UNIQUE (id);
ALTER TABLE accts ADD PRIMARY KEY (id);
INSERT INTO accts VALUES (15, 1, '', 0, 0);
SELECT * FROM accts ORDER BY id;
-- FOREIGN KEY over orphan rows fails
ALTER TABLE accts ADD CONSTRAINT accts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id);
INSERT INTO owners VALUES (6, 'eve', 'eve@x');
UPDATE accts SET owner_id = 6 WHERE id = 12;
ALTER TABLE accts ADD CONSTRAINT accts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id);
INSERT INTO accts VALUES (16, 99, 'E', 0, 0);
INSERT INTO accts VALUES (16, NULL, 'E', 0, 0);
DELETE FROM owners WHERE id = 6;
UPDATE owners SET id = 60 WHERE id = 6;
-- foreign keys need a unique target of a matching type
ALTER TABLE accts ADD CONSTRAINT bad_fk FOREIGN KEY (owner_id) REFERENCES owners (name);
ALTER TABLE accts ADD CONSTRAINT bad_fk FOREIGN KEY (code) REFERENCES owners (id);
ALTER TABLE accts ADD CONSTRAINT bad_fk FOREIGN KEY (nosuch) REFERENCES owners (id);
ALTER TABLE accts ADD CONSTRAINT bad_fk FOREIGN KEY (owner_id) REFERENCES nosuch (id);
ALTER TABLE accts ADD CONSTRAINT bad_ck CHECK (nosuch > 0);
ALTER TABLE nosuch ADD CONSTRAINT c CHECK (true);
SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE table_name = 'owners' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK') AND constraint_name NOT LIKE '%not_null' ORDER BY constraint_name;
SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE table_name = 'accts' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK') AND constraint_name NOT LIKE '%not_null' ORDER BY constraint_name;
SELECT * FROM accts ORDER BY id;
-- DROP CONSTRAINT: CHECK
ALTER TABLE accts DROP CONSTRAINT balance_nonneg;
INSERT INTO accts VALUES (17, 1, 'F', -5, 0);
ALTER TABLE accts DROP CONSTRAINT accts_code_check;
INSERT INTO accts VALUES (18, 1, '', 0, 0);
ALTER TABLE accts DROP CONSTRAINT IF EXISTS within_limit;
ALTER TABLE accts DROP CONSTRAINT IF EXISTS within_limit;
INSERT INTO accts VALUES (19, 1, 'G', 60, 50);
-- unknown constraint names
ALTER TABLE accts DROP CONSTRAINT nosuch;
ALTER TABLE accts DROP CONSTRAINT balance_nonneg;
ALTER TABLE accts DROP CONSTRAINT IF EXISTS nosuch CASCADE;
ALTER TABLE nosuch DROP CONSTRAINT c;
ALTER TABLE IF EXISTS nosuch DROP CONSTRAINT c;
-- DROP CONSTRAINT: FOREIGN KEY
ALTER TABLE accts DROP CONSTRAINT accts_owner_fk;
INSERT INTO accts VALUES (20, 99, 'H', 0, 0);
DELETE FROM owners WHERE id = 6;
-- DROP CONSTRAINT: UNIQUE and PRIMARY KEY
ALTER TABLE accts DROP CONSTRAINT accts_id_key;
ALTER TABLE accts DROP CONSTRAINT accts_pkey;
INSERT INTO accts VALUES (10, 1, 'dup', 0, 0);
SELECT id, code FROM accts WHERE id = 10 ORDER BY code;
SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE table_name = 'accts' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK') AND constraint_name NOT LIKE '%not_null' ORDER BY constraint_name;
-- the NOT NULL that ADD PRIMARY KEY set stays after the key is dropped
SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'accts' AND column_name = 'id';
INSERT INTO accts VALUES (NULL, 1, 'nokey', 0, 0);
SELECT * FROM accts ORDER BY id, code;
-- a referenced primary key or unique constraint cannot be dropped without CASCADE
CREATE TABLE notes (id int PRIMARY KEY, owner_id int CONSTRAINT notes_owner_fk REFERENCES owners (id), owner_email text CONSTRAINT notes_email_fk REFERENCES owners (email));
INSERT INTO notes VALUES (1, 1, 'ann@x');
ALTER TABLE owners DROP CONSTRAINT owners_pk;
ALTER TABLE owners DROP CONSTRAINT owners_email_uq;
INSERT INTO notes VALUES (2, 42, 'ann@x');
INSERT INTO notes VALUES (2, 1, 'zed@x');
ALTER TABLE owners DROP CONSTRAINT owners_pk CASCADE;
INSERT INTO notes VALUES (2, 42, 'ann@x');
INSERT INTO notes VALUES (3, 1, 'zed@x');
INSERT INTO owners VALUES (1, 'again', 'again@x');
ALTER TABLE owners DROP CONSTRAINT IF EXISTS owners_email_uq CASCADE;
INSERT INTO notes VALUES (3, 1, 'zed@x');
INSERT INTO owners VALUES (7, 'dupmail', 'ann@x');
SELECT * FROM notes ORDER BY id;
SELECT * FROM owners ORDER BY id, name;
SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE table_name IN ('owners', 'notes') AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK') AND constraint_name NOT LIKE '%not_null' ORDER BY constraint_name;
-- a foreign key added with ON DELETE CASCADE; a multi-column UNIQUE
CREATE TABLE cats (id int PRIMARY KEY, name text);
CREATE TABLE pets (id int, cat_id int, tag text, color text);
INSERT INTO cats VALUES (1, 'tom'), (2, 'kit');
INSERT INTO pets VALUES (1, 1, 'a', 'red'), (2, 1, 'a', 'blue'), (3, 2, 'b', 'red'), (4, 2, NULL, 'red'), (5, 2, NULL, 'red');
ALTER TABLE pets ADD CONSTRAINT pets_cat_fk FOREIGN KEY (cat_id) REFERENCES cats (id) ON DELETE CASCADE, ADD CONSTRAINT pets_tag_color_uq UNIQUE (tag, color);
INSERT INTO pets VALUES (6, 1, 'a', 'blue');
INSERT INTO pets VALUES (6, 1, 'b', 'blue');
DELETE FROM cats WHERE id = 1;
SELECT * FROM pets ORDER BY id;
-- a failing action in a multi-action ALTER adds none of the constraints
ALTER TABLE pets ADD CONSTRAINT pets_pk PRIMARY KEY (id), ADD CONSTRAINT pets_color_ck CHECK (color = 'blue');
INSERT INTO pets VALUES (3, 2, 'z', 'green');
ALTER TABLE pets DROP CONSTRAINT pets_cat_fk, DROP CONSTRAINT pets_tag_color_uq;
INSERT INTO pets VALUES (7, 9, 'b', 'red');
SELECT * FROM pets ORDER BY id, tag;
SELECT constraint_name, constraint_type FROM information_schema.table_constraints WHERE table_name IN ('cats', 'pets') AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK') AND constraint_name NOT LIKE '%not_null' ORDER BY constraint_name;
-- RENAME CONSTRAINT
CREATE TABLE rc_parent (id int CONSTRAINT rc_pk PRIMARY KEY, code text CONSTRAINT rc_code_key UNIQUE, n int CONSTRAINT rc_pos CHECK (n > 0));
CREATE TABLE rc_child (pid int CONSTRAINT rc_fk REFERENCES rc_parent);
ALTER TABLE rc_parent RENAME CONSTRAINT rc_pos TO rc_positive;
ALTER TABLE rc_parent RENAME CONSTRAINT rc_code_key TO rc_code_unique;
ALTER TABLE rc_parent RENAME CONSTRAINT rc_pk TO rc_parent_key;
ALTER TABLE rc_child RENAME CONSTRAINT rc_fk TO rc_child_parent;
SELECT conname, contype FROM pg_constraint WHERE conrelid IN ('rc_parent'::regclass, 'rc_child'::regclass) ORDER BY conname;
SELECT indexname FROM pg_indexes WHERE tablename = 'rc_parent' ORDER BY 1;
INSERT INTO rc_parent VALUES (1, 'a', 0);
INSERT INTO rc_parent VALUES (1, 'a', 1);
INSERT INTO rc_parent VALUES (2, 'a', 1);
INSERT INTO rc_child VALUES (9);
ALTER TABLE rc_parent RENAME CONSTRAINT nosuch TO other;
ALTER TABLE rc_parent RENAME CONSTRAINT rc_positive TO rc_code_unique;
ALTER TABLE rc_parent RENAME CONSTRAINT rc_code_unique TO rc_child;
ALTER TABLE rc_parent RENAME CONSTRAINT rc_positive TO rc_positive;
ALTER TABLE nosuch RENAME CONSTRAINT a TO b;
ALTER TABLE rc_parent DROP CONSTRAINT rc_positive;
INSERT INTO rc_parent VALUES (3, 'c', -1);
DROP TABLE rc_child, rc_parent;
