// The catalogs of objects the engine does not have (operators, casts,
// extensions, triggers, publications, ...), with PostgreSQL 15's columns and
// no rows, so that pg_dump's and psql's queries over them bind and find
// nothing; and pg_database, pg_tablespace and pg_settings.
//
// Columns of the types the engine lacks: name and "char" are text; aclitem[],
// pg_node_tree, int2vector and oidvector are their text forms; regproc
// columns that queries cast to oid are oids, those they cast to regproc text.
#include "engine/common/db_error.hpp"
#include "engine/exec/acl_text.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/session/settings.hpp"

namespace heliosdb::engine {

namespace {

constexpr TypeId O = TypeId::kOid;
constexpr TypeId T = TypeId::kText;
constexpr TypeId B = TypeId::kBool;
constexpr TypeId I2 = TypeId::kInt2;
constexpr TypeId I4 = TypeId::kInt4;
constexpr TypeId F4 = TypeId::kFloat4;
constexpr TypeId TA = array_of(TypeId::kText);
constexpr TypeId OA = array_of(TypeId::kOid);

struct EmptyCatalog {
  const char* name;
  std::vector<ViewColumn> columns;
};

const std::vector<EmptyCatalog>& empty_catalogs() {
  static const std::vector<EmptyCatalog> kCatalogs = {
      {"pg_init_privs", {{"objoid", O}, {"classoid", O}, {"objsubid", I4}, {"privtype", T}, {"initprivs", TA}}},
      {"pg_cast",
       {{"oid", O}, {"castsource", O}, {"casttarget", O}, {"castfunc", O}, {"castcontext", T}, {"castmethod", T}}},
      {"pg_transform", {{"oid", O}, {"trftype", O}, {"trflang", O}, {"trffromsql", O}, {"trftosql", O}}},
      {"pg_operator",
       {{"oid", O},
        {"oprname", T},
        {"oprnamespace", O},
        {"oprowner", O},
        {"oprkind", T},
        {"oprcanmerge", B},
        {"oprcanhash", B},
        {"oprleft", O},
        {"oprright", O},
        {"oprresult", O},
        {"oprcom", O},
        {"oprnegate", O},
        {"oprcode", O},
        {"oprrest", O},
        {"oprjoin", O}}},
      {"pg_opclass",
       {{"oid", O},
        {"opcmethod", O},
        {"opcname", T},
        {"opcnamespace", O},
        {"opcowner", O},
        {"opcfamily", O},
        {"opcintype", O},
        {"opcdefault", B},
        {"opckeytype", O}}},
      {"pg_opfamily", {{"oid", O}, {"opfmethod", O}, {"opfname", T}, {"opfnamespace", O}, {"opfowner", O}}},
      {"pg_amop",
       {{"oid", O},
        {"amopfamily", O},
        {"amoplefttype", O},
        {"amoprighttype", O},
        {"amopstrategy", I2},
        {"amoppurpose", T},
        {"amopopr", O},
        {"amopmethod", O},
        {"amopsortfamily", O}}},
      {"pg_amproc",
       {{"oid", O},
        {"amprocfamily", O},
        {"amproclefttype", O},
        {"amprocrighttype", O},
        {"amprocnum", I2},
        {"amproc", T}}},
      {"pg_ts_parser",
       {{"oid", O},
        {"prsname", T},
        {"prsnamespace", O},
        {"prsstart", O},
        {"prstoken", O},
        {"prsend", O},
        {"prsheadline", O},
        {"prslextype", O}}},
      {"pg_ts_template", {{"oid", O}, {"tmplname", T}, {"tmplnamespace", O}, {"tmplinit", O}, {"tmpllexize", O}}},
      {"pg_ts_dict",
       {{"oid", O},
        {"dictname", T},
        {"dictnamespace", O},
        {"dictowner", O},
        {"dicttemplate", O},
        {"dictinitoption", T}}},
      {"pg_ts_config", {{"oid", O}, {"cfgname", T}, {"cfgnamespace", O}, {"cfgowner", O}, {"cfgparser", O}}},
      {"pg_foreign_data_wrapper",
       {{"oid", O},
        {"fdwname", T},
        {"fdwowner", O},
        {"fdwhandler", T},
        {"fdwvalidator", T},
        {"fdwacl", TA},
        {"fdwoptions", TA}}},
      {"pg_foreign_server",
       {{"oid", O},
        {"srvname", T},
        {"srvowner", O},
        {"srvfdw", O},
        {"srvtype", T},
        {"srvversion", T},
        {"srvacl", TA},
        {"srvoptions", TA}}},
      {"pg_foreign_table", {{"ftrelid", O}, {"ftserver", O}, {"ftoptions", TA}}},
      {"pg_user_mapping", {{"oid", O}, {"umuser", O}, {"umserver", O}, {"umoptions", TA}}},
      {"pg_collation",
       {{"oid", O},
        {"collname", T},
        {"collnamespace", O},
        {"collowner", O},
        {"collprovider", T},
        {"collisdeterministic", B},
        {"collencoding", I4},
        {"collcollate", T},
        {"collctype", T},
        {"colliculocale", T},
        {"collversion", T}}},
      {"pg_conversion",
       {{"oid", O},
        {"conname", T},
        {"connamespace", O},
        {"conowner", O},
        {"conforencoding", I4},
        {"contoencoding", I4},
        {"conproc", T},
        {"condefault", B}}},
      {"pg_inherits", {{"inhrelid", O}, {"inhparent", O}, {"inhseqno", I4}, {"inhdetachpending", B}}},
      {"pg_event_trigger",
       {{"oid", O},
        {"evtname", T},
        {"evtevent", T},
        {"evtowner", O},
        {"evtfoid", T},
        {"evtenabled", T},
        {"evttags", TA}}},
      {"pg_partitioned_table",
       {{"partrelid", O},
        {"partstrat", T},
        {"partnatts", I2},
        {"partdefid", O},
        {"partattrs", T},
        {"partclass", OA},
        {"partcollation", OA},
        {"partexprs", T}}},
      {"pg_statistic_ext",
       {{"oid", O},
        {"stxrelid", O},
        {"stxname", T},
        {"stxnamespace", O},
        {"stxowner", O},
        {"stxstattarget", I4},
        {"stxkeys", T},
        {"stxkind", TA},
        {"stxexprs", T}}},
      {"pg_trigger",
       {{"oid", O},
        {"tgrelid", O},
        {"tgparentid", O},
        {"tgname", T},
        {"tgfoid", T},
        {"tgtype", I2},
        {"tgenabled", T},
        {"tgisinternal", B},
        {"tgconstrrelid", O},
        {"tgconstrindid", O},
        {"tgconstraint", O},
        {"tgdeferrable", B},
        {"tginitdeferred", B},
        {"tgnargs", I2},
        {"tgattr", T},
        {"tgargs", TypeId::kBytea},
        {"tgqual", T},
        {"tgoldtable", T},
        {"tgnewtable", T}}},
      {"pg_rewrite",
       {{"oid", O},
        {"rulename", T},
        {"ev_class", O},
        {"ev_type", T},
        {"ev_enabled", T},
        {"is_instead", B},
        {"ev_qual", T},
        {"ev_action", T}}},
      {"pg_publication",
       {{"oid", O},
        {"pubname", T},
        {"pubowner", O},
        {"puballtables", B},
        {"pubinsert", B},
        {"pubupdate", B},
        {"pubdelete", B},
        {"pubtruncate", B},
        {"pubviaroot", B}}},
      {"pg_publication_rel",
       {{"oid", O}, {"prpubid", O}, {"prrelid", O}, {"prqual", T}, {"prattrs", array_of(TypeId::kInt2)}}},
      {"pg_publication_namespace", {{"oid", O}, {"pnpubid", O}, {"pnnspid", O}}},
      {"pg_subscription",
       {{"oid", O},
        {"subdbid", O},
        {"subskiplsn", T},
        {"subname", T},
        {"subowner", O},
        {"subenabled", B},
        {"subbinary", B},
        {"substream", B},
        {"subtwophasestate", T},
        {"subdisableonerr", B},
        {"subconninfo", T},
        {"subslotname", T},
        {"subsynccommit", T},
        {"subpublications", TA}}},
      {"pg_largeobject_metadata", {{"oid", O}, {"lomowner", O}, {"lomacl", TA}}},
      {"pg_seclabel", {{"objoid", O}, {"classoid", O}, {"objsubid", I4}, {"provider", T}, {"label", T}}},
      {"pg_seclabels",
       {{"objoid", O},
        {"classoid", O},
        {"objsubid", I4},
        {"objtype", T},
        {"objnamespace", O},
        {"objname", T},
        {"provider", T},
        {"label", T}}},
      {"pg_shseclabel", {{"objoid", O}, {"classoid", O}, {"provider", T}, {"label", T}}},
      {"pg_shdescription", {{"objoid", O}, {"classoid", O}, {"description", T}}},
      {"pg_db_role_setting", {{"setdatabase", O}, {"setrole", O}, {"setconfig", TA}}},
      {"pg_enum", {{"oid", O}, {"enumtypid", O}, {"enumsortorder", F4}, {"enumlabel", T}}},
      {"pg_aggregate", {{"aggfnoid", T}, {"aggkind", T}, {"aggnumdirectargs", I2}, {"aggtransfn", T}}},
      {"pg_parameter_acl", {{"oid", O}, {"parname", T}, {"paracl", TA}}},
  };
  return kCatalogs;
}

Value text(std::string s) { return Value::string(TypeId::kText, std::move(s)); }
Value oid(std::int64_t v) { return Value::oid(TypeId::kOid, v, {}); }

}  // namespace

std::optional<Relation> empty_catalog(const std::string& name, const std::string& qualifier) {
  for (const EmptyCatalog& c : empty_catalogs()) {
    if (name == c.name) return make_relation(c.columns, qualifier);
  }
  return std::nullopt;
}

// Our one database, as PostgreSQL's initdb makes its "postgres" database (oid 5): UTF8, owned by the superuser.
Relation pg_database_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"oid", O},
                              {"datname", T},
                              {"datdba", O},
                              {"encoding", I4},
                              {"datlocprovider", T},
                              {"datistemplate", B},
                              {"datallowconn", B},
                              {"datconnlimit", I4},
                              {"datfrozenxid", TypeId::kInt8},
                              {"datminmxid", TypeId::kInt8},
                              {"dattablespace", O},
                              {"datcollate", T},
                              {"datctype", T},
                              {"daticulocale", T},
                              {"datcollversion", T},
                              {"datacl", TA}},  // aclitem[]: its text form is text[]'s
                             qualifier);
  std::string collate = "C";
  if (ctx.settings != nullptr) {
    try {
      collate = ctx.settings->show("lc_collate");
    } catch (const DbError&) {
    }
  }
  r.rows.push_back({oid(kDatabaseOid), text(ctx.database_name), oid(kBootstrapSuperuser),
                    Value::integer(I4, kUtf8Encoding), text("c"), Value::boolean(false), Value::boolean(true),
                    Value::integer(I4, -1), Value::integer(TypeId::kInt8, 0), Value::integer(TypeId::kInt8, 1),
                    oid(kDefaultTablespace), text(collate), text(collate), Value::null(T), Value::null(T),
                    acl_value(ctx, database_acl(ctx))});
  return r;
}

Relation pg_tablespace_relation(const std::string& qualifier) {
  Relation r =
      make_relation({{"oid", O}, {"spcname", T}, {"spcowner", O}, {"spcacl", TA}, {"spcoptions", TA}}, qualifier);
  r.rows.push_back(
      {oid(kDefaultTablespace), text("pg_default"), oid(kBootstrapSuperuser), Value::null(TA), Value::null(TA)});
  r.rows.push_back(
      {oid(kGlobalTablespace), text("pg_global"), oid(kBootstrapSuperuser), Value::null(TA), Value::null(TA)});
  return r;
}

// The run-time parameters SHOW ALL lists, with their values in this session.
Relation pg_settings_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"name", T},
                              {"setting", T},
                              {"unit", T},
                              {"category", T},
                              {"short_desc", T},
                              {"extra_desc", T},
                              {"context", T},
                              {"vartype", T},
                              {"source", T},
                              {"min_val", T},
                              {"max_val", T},
                              {"enumvals", TA},
                              {"boot_val", T},
                              {"reset_val", T},
                              {"sourcefile", T},
                              {"sourceline", I4},
                              {"pending_restart", B}},
                             qualifier);
  if (ctx.settings == nullptr) return r;
  for (const auto& [name, setting, description] : ctx.settings->all()) {
    const Value null = Value::null(T);
    r.rows.push_back({text(name), text(setting), null, null, text(description), null, null, null, null, null, null,
                      Value::null(TA), null, null, null, Value::null(I4), Value::boolean(false)});
  }
  return r;
}

}  // namespace heliosdb::engine
