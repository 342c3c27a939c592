-- covers: psql's \d (its "Policies" footer, row security enabled and forced) and \dp (the Policies column)
CREATE ROLE dpol_reader;
CREATE TABLE dpol_t (id INT PRIMARY KEY, owner_name TEXT, tenant INT);
\d dpol_t
ALTER TABLE dpol_t ENABLE ROW LEVEL SECURITY;
\d dpol_t
CREATE POLICY p_all ON dpol_t USING (owner_name = upper(owner_name));
CREATE POLICY p_read ON dpol_t AS RESTRICTIVE FOR SELECT TO dpol_reader USING (tenant = 1);
CREATE POLICY p_write ON dpol_t FOR INSERT TO dpol_reader, PUBLIC WITH CHECK (tenant > 0);
CREATE POLICY p_edit ON dpol_t FOR UPDATE USING (true) WITH CHECK (tenant < 10);
\d dpol_t
ALTER TABLE dpol_t FORCE ROW LEVEL SECURITY;
\d dpol_t
\dp dpol_t
ALTER TABLE dpol_t DISABLE ROW LEVEL SECURITY;
\d dpol_t
DROP TABLE dpol_t;
DROP ROLE dpol_reader;
