// pg_catalog.pg_index and pg_get_indexdef: the btree indexes of UNIQUE
// constraints and CREATE INDEX, the primary key's index (which our catalog
// keeps as the table's key, not as an index) and the vector indexes, as
// PostgreSQL 15 shows them to pg_dump and psql's \d.
#include "engine/common/identifier.hpp"
#include "engine/exec/catalog_row_oids.hpp"
#include "engine/exec/catalog_types.hpp"
#include "engine/exec/index_keys.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

// An index as pg_index describes it.
struct IndexRow {
  std::uint32_t oid;
  std::uint32_t table;
  std::vector<int> columns;  ///< 0-based column indexes
  std::vector<bool> descending;
  std::vector<bool> nulls_first;
  bool unique;
  bool primary;
  const IndexDef* def = nullptr;  ///< CREATE INDEX's and UNIQUE's: their expressions and predicate
};

// An index expression as pg_get_indexdef shows it: a function call as it
// is, anything else in parentheses.
std::string expression_text(const std::string& text) {
  const ast::ExprPtr e = parser::parse_expression(text);
  return std::holds_alternative<ast::FuncCall>(e->node) ? text : "(" + text + ")";
}

std::optional<std::string> key_expression(const IndexRow& index, std::size_t k) {
  if (index.def == nullptr || k >= index.def->expressions.size() || index.def->expressions[k].empty()) {
    return std::nullopt;
  }
  return index.def->expressions[k];
}

std::vector<IndexRow> btree_indexes(const TableDef& t) {
  std::vector<IndexRow> out;
  if (!t.primary_key.empty()) {
    const std::size_t n = t.primary_key.size();
    out.push_back({primary_key_index_oid(t), t.oid, t.primary_key, std::vector<bool>(n, false),
                   std::vector<bool>(n, false), true, true});
  }
  for (const IndexDef& index : t.indexes) {
    out.push_back({index.oid, t.oid, index.columns, index.descending, index.nulls_first, index.unique, false, &index});
  }
  return out;
}

// int2vector's text form: the numbers separated by blanks.
std::string vector_text(const std::vector<int>& v) {
  std::string out;
  for (int i : v) out += (out.empty() ? "" : " ") + std::to_string(i);
  return out;
}

const char* vector_opclass(VectorMetric metric) {
  switch (metric) {
    case VectorMetric::kL2:
      return "vector_l2_ops";
    case VectorMetric::kCosine:
      return "vector_cosine_ops";
    case VectorMetric::kInnerProduct:
      return "vector_ip_ops";
  }
  return "vector_l2_ops";
}

}  // namespace

Relation pg_index_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation(
      {{"indexrelid", TypeId::kOid},      {"indrelid", TypeId::kOid},        {"indnatts", TypeId::kInt2},
       {"indnkeyatts", TypeId::kInt2},    {"indisunique", TypeId::kBool},    {"indnullsnotdistinct", TypeId::kBool},
       {"indisprimary", TypeId::kBool},   {"indisexclusion", TypeId::kBool}, {"indimmediate", TypeId::kBool},
       {"indisclustered", TypeId::kBool}, {"indisvalid", TypeId::kBool},     {"indcheckxmin", TypeId::kBool},
       {"indisready", TypeId::kBool},     {"indislive", TypeId::kBool},      {"indisreplident", TypeId::kBool},
       {"indkey", TypeId::kText},         {"indcollation", TypeId::kText},   {"indclass", TypeId::kText},
       {"indoption", TypeId::kText},      {"indexprs", TypeId::kText},       {"indpred", TypeId::kText}},
      qualifier);
  for (ScopeColumn& column : r.scope) {
    if (column.name == "indkey" || column.name == "indoption") column.type.typmod = kInt2VectorTypmod;
  }
  auto add = [&](const IndexRow& index, const TableDef& t) {
    std::vector<int> keys, options, collations;
    std::string expressions;
    const auto key_types =
        index.def != nullptr ? index_key_columns(t, *index.def) : std::vector<std::pair<std::string, SqlType>>{};
    for (std::size_t k = 0; k < index.columns.size(); ++k) {
      const auto column = static_cast<std::size_t>(index.columns[k]);
      keys.push_back(index.columns[k] + 1);  // an expression's -1 is pg_index's 0
      if (auto e = key_expression(index, k)) expressions += (expressions.empty() ? "" : " ") + *e;
      // INDOPTION_DESC is 1, INDOPTION_NULLS_FIRST 2.
      const bool desc = k < index.descending.size() && index.descending[k];
      const bool nulls_first = k < index.nulls_first.size() && index.nulls_first[k];
      options.push_back((desc ? 1 : 0) | (nulls_first ? 2 : 0));
      const TypeId type = k < key_types.size()        ? key_types[k].second.id
                          : column < t.columns.size() ? t.columns[column].type.id
                                                      : TypeId::kUnknown;
      collations.push_back(is_character(type) ? 100 : 0);
    }
    const auto n = static_cast<std::int64_t>(keys.size());
    r.rows.push_back({Value::oid(TypeId::kOid, index.oid, {}), Value::oid(TypeId::kOid, index.table, {}),
                      Value::integer(TypeId::kInt2, n), Value::integer(TypeId::kInt2, n), Value::boolean(index.unique),
                      Value::boolean(false), Value::boolean(index.primary), Value::boolean(false), Value::boolean(true),
                      Value::boolean(false), Value::boolean(true), Value::boolean(false), Value::boolean(true),
                      Value::boolean(true), Value::boolean(false), Value::string(TypeId::kText, vector_text(keys)),
                      Value::string(TypeId::kText, vector_text(collations)),
                      // Operator classes are not in our pg_opclass: 0, as for an expression's missing one.
                      Value::string(TypeId::kText, vector_text(std::vector<int>(keys.size(), 0))),
                      Value::string(TypeId::kText, vector_text(options)),
                      // PostgreSQL keeps node trees here; the SQL text says the same to a reader.
                      expressions.empty() ? Value::null(TypeId::kText) : Value::string(TypeId::kText, expressions),
                      index.def == nullptr || index.def->predicate.empty()
                          ? Value::null(TypeId::kText)
                          : Value::string(TypeId::kText, index.def->predicate)});
  };
  for (const TableDef& t : ctx.catalog.tables()) {
    for (const IndexRow& index : btree_indexes(t)) add(index, t);
    for (const VectorIndexDef& v : t.vector_indexes) add({v.oid, t.oid, {v.column}, {false}, {false}, false, false}, t);
  }
  return r;
}

std::optional<std::string> index_definition(ExecContext& ctx, std::uint32_t oid, int column, bool pretty) {
  for (const TableDef& t : ctx.catalog.tables()) {
    // Not pretty, pg_get_indexdef names the table with its schema whatever the search path.
    const std::string table = pretty ? visible_relation_name(ctx, t.schema, t.name)
                                     : quote_identifier(t.schema) + "." + quote_identifier(t.name);
    const std::string on = " ON " + table + " USING ";
    auto key_column = [&](int k) -> std::optional<std::string> {
      if (k < 1) return std::nullopt;
      return quote_identifier(t.columns[static_cast<std::size_t>(k - 1)].name);
    };
    for (const IndexRow& index : btree_indexes(t)) {
      if (index.oid != oid) continue;
      if (column > 0) {
        if (static_cast<std::size_t>(column) > index.columns.size()) return std::string();
        if (auto e = key_expression(index, static_cast<std::size_t>(column - 1))) return *e;
        return key_column(index.columns[static_cast<std::size_t>(column - 1)] + 1);
      }
      std::string name = index.primary ? t.primary_key_name : "";
      for (const IndexDef& i : t.indexes) {
        if (i.oid == oid) name = i.name;
      }
      std::string out =
          std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " + quote_identifier(name) + on + "btree (";
      for (std::size_t k = 0; k < index.columns.size(); ++k) {
        const bool desc = k < index.descending.size() && index.descending[k];
        const bool nulls_first = k < index.nulls_first.size() && index.nulls_first[k];
        const std::optional<std::string> e = key_expression(index, k);
        out += (k > 0 ? ", " : "") +
               (e ? expression_text(*e) : quote_identifier(t.columns[static_cast<std::size_t>(index.columns[k])].name));
        if (desc) out += " DESC";
        // The default is NULLS LAST ascending and NULLS FIRST descending; only the other is spelled.
        if (nulls_first && !desc) out += " NULLS FIRST";
        if (!nulls_first && desc) out += " NULLS LAST";
      }
      out += ")";
      if (index.def != nullptr && !index.def->predicate.empty()) {
        out += pretty ? " WHERE " + index.def->predicate : " WHERE (" + index.def->predicate + ")";
      }
      return out;
    }
    for (const VectorIndexDef& v : t.vector_indexes) {
      if (v.oid != oid) continue;
      if (column > 0) return column == 1 ? key_column(v.column + 1) : std::string();
      std::string out = "CREATE INDEX " + quote_identifier(v.name) + on + v.method + " (" +
                        quote_identifier(t.columns[static_cast<std::size_t>(v.column)].name) + " " +
                        vector_opclass(v.metric) + ")";
      std::string with;
      for (const auto& [key, value] : v.options) {
        with += (with.empty() ? "" : ", ") + key + "='" + std::to_string(value) + "'";
      }
      return with.empty() ? out : out + " WITH (" + with + ")";
    }
  }
  return std::nullopt;
}

}  // namespace heliosdb::engine
