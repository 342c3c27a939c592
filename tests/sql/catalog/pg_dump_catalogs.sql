-- covers: the catalogs and functions pg_dump reads: pg_index with pg_get_indexdef (primary key, unique, composite, DESC, NULLS), pg_constraint with pg_get_constraintdef, pg_attrdef with pg_get_expr, pg_depend of serial and identity sequences, pg_sequence, tableoid, acldefault, "char", name subscripts and regnamespace
CREATE TABLE parents (id serial PRIMARY KEY, code varchar(10) NOT NULL UNIQUE, rank integer CHECK (rank > 0), label text DEFAULT 'none');
CREATE TABLE children (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id integer NOT NULL REFERENCES parents (id) ON DELETE CASCADE,
  other_id integer REFERENCES parents (id) ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
  made timestamp,
  CONSTRAINT made_known CHECK (made IS NOT NULL)
);
CREATE INDEX children_parent_made ON children (parent_id, made DESC);
CREATE INDEX children_made_nulls ON children (made NULLS FIRST, other_id DESC NULLS LAST);
CREATE UNIQUE INDEX parents_rank_label ON parents (rank, label);
SELECT c.relname, i.indisunique, i.indisprimary, i.indnatts, i.indkey, i.indoption, pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
  WHERE t.relname IN ('parents', 'children') ORDER BY c.relname;
SELECT pg_get_indexdef('children_parent_made'::regclass, 0, true), pg_get_indexdef('children_parent_made'::regclass, 2, true);
SELECT conname, contype, condeferrable, condeferred, conkey, confkey, confupdtype, confdeltype, confmatchtype,
       conindid = 0 AS no_index, pg_get_constraintdef(oid)
  FROM pg_constraint WHERE conrelid IN ('parents'::regclass, 'children'::regclass) ORDER BY conname;
SELECT c.conname, i.relname FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid WHERE c.contype = 'f' ORDER BY 1;
SELECT a.adnum, pg_get_expr(a.adbin, a.adrelid) FROM pg_attrdef a WHERE a.adrelid = 'parents'::regclass ORDER BY 1;
SET search_path = '';
SELECT pg_get_expr(a.adbin, a.adrelid) FROM pg_attrdef a WHERE a.adrelid = 'public.parents'::regclass AND a.adnum = 1;
SELECT pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint WHERE conname = 'children_parent_id_fkey';
RESET search_path;
SELECT s.relname, d.refobjid::regclass, d.refobjsubid, d.deptype
  FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND s.relkind = 'S' ORDER BY 1;
SELECT d.refobjid::regclass, d.deptype FROM pg_depend d JOIN pg_attrdef a ON a.oid = d.objid
  WHERE d.classid = 'pg_attrdef'::regclass AND d.refobjsubid = 0;
SELECT seqrelid::regclass, format_type(seqtypid, NULL), seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle
  FROM pg_sequence ORDER BY seqrelid::regclass::text;
SELECT tableoid::regclass, relname FROM pg_class WHERE relname = 'parents';
SELECT n.tableoid = 'pg_namespace'::regclass, n.nspname FROM pg_namespace n WHERE nspname = 'public';
SELECT acldefault('r', 10), acldefault('s', 10), acldefault('n', 10), acldefault('d', 10);
SELECT acldefault(CASE WHEN c.relkind = 'S' THEN 's'::"char" ELSE 'r'::"char" END, c.relowner) FROM pg_class c WHERE relname = 'parents_id_seq';
SELECT typname, typname[0] = '_' AS underscore FROM pg_type WHERE typname IN ('int4', '_int4') ORDER BY 1;
SELECT 'pg_catalog'::regnamespace::oid, 'public'::regnamespace::oid;
SELECT pg_encoding_to_char(6), pg_is_in_recovery();
SELECT count(*) FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname = 'none';
