#include "engine/catalog/table_codec.hpp"

#include <algorithm>

#include "engine/catalog/field_codec.hpp"
#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// Version 2 added per-row defaults, the primary key's name, indexes, checks and foreign keys;
// version 3 vector indexes; version 4 deferrable foreign keys; version 5 identity columns; version 6
// comments; version 7 index expressions and partial-index predicates; version 8 generated columns;
// version 9 the enum type of each column (0 for other types); version 10 domains; version 11 the
// history an index was given; version 12 the owner and access list; version 13 materialized views; version 14 row-level
// security and policies; version 15 column privileges; version 16 the widths of the tables a materialized view reads.
constexpr char kFormatVersion = 16;

using namespace catalog_fields;

void put_ints(std::string& out, const std::vector<int>& v) {
  put_int(out, static_cast<std::int64_t>(v.size()));
  for (int i : v) put_int(out, i);
}
std::vector<int> take_ints(std::string_view& in) {
  std::vector<int> v(static_cast<std::size_t>(take_int(in)));
  for (int& i : v) i = static_cast<int>(take_int(in));
  return v;
}

void put_index(std::string& out, const IndexDef& index) {
  put_int(out, index.oid);
  put_str(out, index.name);
  put_ints(out, index.columns);
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    put_int(out, (index.descending[i] ? 1 : 0) | (index.nulls_first[i] ? 2 : 0));
  }
  put_int(out, (index.unique ? 1 : 0) | (index.constraint ? 2 : 0));
}
IndexDef take_index(std::string_view& in) {
  IndexDef index;
  index.oid = static_cast<std::uint32_t>(take_int(in));
  index.name = take_str(in);
  index.columns = take_ints(in);
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    auto flags = take_int(in);
    index.descending.push_back((flags & 1) != 0);
    index.nulls_first.push_back((flags & 2) != 0);
  }
  auto flags = take_int(in);
  index.unique = (flags & 1) != 0;
  index.constraint = (flags & 2) != 0;
  return index;
}

// max_cpu_percent is kept in millionths of a percent: the codec has integers.
constexpr double kPercentScale = 1e6;

void put_matview(std::string& out, const MaterializedViewDef& mv) {
  put_str(out, mv.sql);
  put_strs(out, mv.search_path);
  put_int(out, static_cast<std::int64_t>(mv.reads.size()));
  for (std::uint32_t oid : mv.reads) put_int(out, oid);
  put_int(out, mv.populated ? 1 : 0);
  put_int(out, static_cast<std::int64_t>(mv.refreshed_scn));
  put_int(out, mv.refreshed_at);
  const MatViewRefreshOptions& o = mv.options;
  put_int(out, (o.auto_refresh ? 1 : 0) | (o.lazy_update ? 2 : 0));
  put_int(out, static_cast<std::int64_t>(o.max_cpu_percent * kPercentScale));
  put_int(out, o.threshold_table_size);
  put_int(out, o.threshold_dml_rate);
  put_int(out, o.lazy_catchup_window);
}
MaterializedViewDef take_matview(std::string_view& in) {
  MaterializedViewDef mv;
  mv.sql = take_str(in);
  mv.search_path = take_strs(in);
  for (auto n = take_int(in); n > 0; --n) mv.reads.push_back(static_cast<std::uint32_t>(take_int(in)));
  mv.populated = take_int(in) != 0;
  mv.refreshed_scn = static_cast<std::uint64_t>(take_int(in));
  mv.refreshed_at = take_int(in);
  MatViewRefreshOptions& o = mv.options;
  const auto flags = take_int(in);
  o.auto_refresh = (flags & 1) != 0;
  o.lazy_update = (flags & 2) != 0;
  o.max_cpu_percent = static_cast<double>(take_int(in)) / kPercentScale;
  o.threshold_table_size = take_int(in);
  o.threshold_dml_rate = take_int(in);
  o.lazy_catchup_window = take_int(in);
  return mv;
}

void put_policy(std::string& out, const PolicyDef& policy) {
  put_int(out, policy.oid);
  put_str(out, policy.name);
  put_int(out, policy.command);
  put_int(out, policy.permissive ? 1 : 0);
  put_int(out, static_cast<std::int64_t>(policy.roles.size()));
  for (std::uint32_t role : policy.roles) put_int(out, role);
  put_str(out, policy.using_expr);
  put_str(out, policy.check_expr);
}
PolicyDef take_policy(std::string_view& in) {
  PolicyDef policy;
  policy.oid = static_cast<std::uint32_t>(take_int(in));
  policy.name = take_str(in);
  policy.command = static_cast<char>(take_int(in));
  policy.permissive = take_int(in) != 0;
  for (auto n = take_int(in); n > 0; --n) policy.roles.push_back(static_cast<std::uint32_t>(take_int(in)));
  policy.using_expr = take_str(in);
  policy.check_expr = take_str(in);
  return policy;
}

void put_foreign_key(std::string& out, const ForeignKeyDef& fk) {
  put_str(out, fk.name);
  put_ints(out, fk.columns);
  put_int(out, fk.ref_table);
  put_ints(out, fk.ref_columns);
  put_int(out, fk.on_delete);
  put_int(out, fk.on_update);
}
ForeignKeyDef take_foreign_key(std::string_view& in) {
  ForeignKeyDef fk;
  fk.name = take_str(in);
  fk.columns = take_ints(in);
  fk.ref_table = static_cast<std::uint32_t>(take_int(in));
  fk.ref_columns = take_ints(in);
  fk.on_delete = static_cast<char>(take_int(in));
  fk.on_update = static_cast<char>(take_int(in));
  return fk;
}

void put_vector_index(std::string& out, const VectorIndexDef& index) {
  put_int(out, index.oid);
  put_str(out, index.name);
  put_int(out, index.column);
  put_str(out, index.method);
  put_int(out, static_cast<std::int64_t>(index.metric));
  put_str(out, index.quantization);
  put_int(out, static_cast<std::int64_t>(index.options.size()));
  for (const auto& [name, value] : index.options) {
    put_str(out, name);
    put_int(out, value);
  }
}

VectorIndexDef take_vector_index(std::string_view& in) {
  VectorIndexDef index;
  index.oid = static_cast<std::uint32_t>(take_int(in));
  index.name = take_str(in);
  index.column = static_cast<int>(take_int(in));
  index.method = take_str(in);
  index.metric = static_cast<VectorMetric>(take_int(in));
  index.quantization = take_str(in);
  for (auto n = take_int(in); n > 0; --n) {
    std::string name = take_str(in);
    index.options.emplace_back(std::move(name), take_int(in));
  }
  return index;
}

}  // namespace

std::string encode_table_def(const TableDef& def) {
  std::string out(1, kFormatVersion);
  put_int(out, def.oid);
  put_str(out, def.schema);
  put_str(out, def.name);
  put_int(out, static_cast<std::int64_t>(def.columns.size()));
  for (const ColumnDef& c : def.columns) {
    put_str(out, c.name);
    put_int(out, static_cast<std::int64_t>(c.type.id));
    put_int(out, c.type.typmod);
    put_int(out, c.not_null ? 1 : 0);
    put_int(out, c.default_value ? 1 : 0);
    if (c.default_value) {
      append_value(out, *c.default_value);
      put_str(out, c.default_text);
    }
    put_int(out, c.missing_value ? 1 : 0);
    if (c.missing_value) append_value(out, *c.missing_value);
  }
  put_ints(out, def.primary_key);
  for (const ColumnDef& c : def.columns) put_str(out, c.default_expr);
  put_str(out, def.primary_key_name);
  put_int(out, static_cast<std::int64_t>(def.indexes.size()));
  for (const IndexDef& index : def.indexes) put_index(out, index);
  put_int(out, static_cast<std::int64_t>(def.checks.size()));
  for (const CheckDef& check : def.checks) {
    put_str(out, check.name);
    put_str(out, check.expr);
  }
  put_int(out, static_cast<std::int64_t>(def.foreign_keys.size()));
  for (const ForeignKeyDef& fk : def.foreign_keys) put_foreign_key(out, fk);
  put_int(out, static_cast<std::int64_t>(def.vector_indexes.size()));
  for (const VectorIndexDef& index : def.vector_indexes) put_vector_index(out, index);
  for (const ForeignKeyDef& fk : def.foreign_keys) {
    put_int(out, (fk.deferrable ? 1 : 0) | (fk.initially_deferred ? 2 : 0));
  }
  for (const ColumnDef& c : def.columns) put_int(out, c.identity);
  put_str(out, def.comment);
  for (const ColumnDef& c : def.columns) put_str(out, c.comment);
  for (const IndexDef& index : def.indexes) put_str(out, index.comment);
  for (const IndexDef& index : def.indexes) {
    for (std::size_t i = 0; i < index.columns.size(); ++i) {
      put_str(out, i < index.expressions.size() ? index.expressions[i] : std::string());
    }
    put_str(out, index.predicate);
  }
  for (const ColumnDef& c : def.columns) put_str(out, c.generated);
  for (const ColumnDef& c : def.columns) put_int(out, c.type.enum_oid);
  for (const ColumnDef& c : def.columns) put_int(out, c.domain_oid);
  for (const IndexDef& index : def.indexes) {
    put_int(out, index.history_branch);
    put_int(out, static_cast<std::int64_t>(index.history_from));
  }
  put_int(out, def.owner);
  put_acl(out, def.acl);
  put_int(out, def.materialized ? 1 : 0);
  if (def.materialized) put_matview(out, *def.materialized);
  put_int(out, (def.row_security ? 1 : 0) | (def.force_row_security ? 2 : 0));
  put_int(out, static_cast<std::int64_t>(def.policies.size()));
  for (const PolicyDef& policy : def.policies) put_policy(out, policy);
  for (const ColumnDef& c : def.columns) put_acl(out, c.acl);
  if (def.materialized) put_table_widths(out, def.materialized->table_widths);
  return out;
}

TableDef decode_table_def(std::string_view in) {
  if (in.empty() || in[0] < 1 || in[0] > kFormatVersion) {
    throw DbError(sqlstate::kDataCorrupted, "unknown catalog format");
  }
  const char version = in[0];
  in.remove_prefix(1);
  TableDef def;
  def.oid = static_cast<std::uint32_t>(take_int(in));
  def.schema = take_str(in);
  def.name = take_str(in);
  auto ncols = take_int(in);
  for (std::int64_t i = 0; i < ncols; ++i) {
    ColumnDef c;
    c.name = take_str(in);
    c.type.id = static_cast<TypeId>(take_int(in));
    c.type.typmod = static_cast<std::int32_t>(take_int(in));
    c.not_null = take_int(in) != 0;
    if (take_int(in) != 0) {
      c.default_value = read_value(in, c.type.id);
      c.default_text = take_str(in);
    }
    if (take_int(in) != 0) c.missing_value = read_value(in, c.type.id);
    def.columns.push_back(std::move(c));
  }
  def.primary_key = take_ints(in);
  def.primary_key_name = def.name + "_pkey";
  if (version < 2) return def;
  for (ColumnDef& c : def.columns) {
    c.default_expr = take_str(in);
    if (!c.default_expr.empty()) c.default_text = c.default_expr;  // a per-row default shows as written
  }
  def.primary_key_name = take_str(in);
  for (auto n = take_int(in); n > 0; --n) def.indexes.push_back(take_index(in));
  for (auto n = take_int(in); n > 0; --n) {
    CheckDef check;
    check.name = take_str(in);
    check.expr = take_str(in);
    def.checks.push_back(std::move(check));
  }
  for (auto n = take_int(in); n > 0; --n) def.foreign_keys.push_back(take_foreign_key(in));
  if (version < 3) return def;
  for (auto n = take_int(in); n > 0; --n) def.vector_indexes.push_back(take_vector_index(in));
  if (version < 4) return def;
  for (ForeignKeyDef& fk : def.foreign_keys) {
    const auto flags = take_int(in);
    fk.deferrable = (flags & 1) != 0;
    fk.initially_deferred = (flags & 2) != 0;
  }
  if (version < 5) return def;
  for (ColumnDef& c : def.columns) {
    c.identity = static_cast<char>(take_int(in));
    if (c.identity != 0) c.default_text.clear();  // an identity shows no default
  }
  if (version < 6) return def;
  def.comment = take_str(in);
  for (ColumnDef& c : def.columns) c.comment = take_str(in);
  for (IndexDef& index : def.indexes) index.comment = take_str(in);
  if (version < 7) return def;
  for (IndexDef& index : def.indexes) {
    index.expressions.clear();
    for (std::size_t i = 0; i < index.columns.size(); ++i) index.expressions.push_back(take_str(in));
    if (std::all_of(index.expressions.begin(), index.expressions.end(), [](const auto& e) { return e.empty(); })) {
      index.expressions.clear();
    }
    index.predicate = take_str(in);
  }
  if (version < 8) return def;
  for (ColumnDef& c : def.columns) c.generated = take_str(in);
  if (version < 9) return def;
  for (ColumnDef& c : def.columns) c.type.enum_oid = static_cast<std::uint32_t>(take_int(in));
  if (version < 10) return def;
  for (ColumnDef& c : def.columns) c.domain_oid = static_cast<std::uint32_t>(take_int(in));
  if (version < 11) return def;
  for (IndexDef& index : def.indexes) {
    index.history_branch = static_cast<std::uint32_t>(take_int(in));
    index.history_from = static_cast<std::uint64_t>(take_int(in));
  }
  if (version < 12) return def;
  def.owner = static_cast<std::uint32_t>(take_int(in));
  def.acl = take_acl(in);
  if (version < 13) return def;
  if (take_int(in) != 0) def.materialized = take_matview(in);
  if (version < 14) return def;
  const auto security = take_int(in);
  def.row_security = (security & 1) != 0;
  def.force_row_security = (security & 2) != 0;
  for (auto n = take_int(in); n > 0; --n) def.policies.push_back(take_policy(in));
  if (version < 15) return def;
  for (ColumnDef& c : def.columns) c.acl = take_acl(in);
  if (version < 16) return def;
  if (def.materialized) def.materialized->table_widths = take_table_widths(in);
  return def;
}

}  // namespace heliosdb::engine
