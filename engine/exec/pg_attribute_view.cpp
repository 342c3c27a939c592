// pg_catalog.pg_attribute: a row for each column of the database's tables,
// views and indexes, with PostgreSQL 15's values, for psql's \d, asyncpg's
// type introspection and the ORMs' reflection queries. System columns
// (ctid, xmin, ...) are not listed: we have none to offer.
#include "engine/exec/acl_text.hpp"
#include "engine/exec/catalog_row_oids.hpp"
#include "engine/exec/index_keys.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/system_views.hpp"

namespace heliosdb::engine {

namespace {

struct AttributeRow {
  std::uint32_t relation;
  std::string name;
  SqlType type;
  int number;
  bool not_null = false;
  bool has_default = false;
  char identity = '\0';
  char generated = '\0';     ///< s: GENERATED ALWAYS AS (...) STORED
  const Acl* acl = nullptr;  ///< attacl
};

Value char_text(char c) { return Value::string(TypeId::kText, c == '\0' ? std::string() : std::string(1, c)); }

}  // namespace

Relation pg_attribute_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"attrelid", TypeId::kOid},
                              {"attname", TypeId::kText},
                              {"atttypid", TypeId::kOid},
                              {"attstattarget", TypeId::kInt4},
                              {"attlen", TypeId::kInt2},
                              {"attnum", TypeId::kInt2},
                              {"attndims", TypeId::kInt4},
                              {"attcacheoff", TypeId::kInt4},
                              {"atttypmod", TypeId::kInt4},
                              {"attbyval", TypeId::kBool},
                              {"attalign", TypeId::kText},
                              {"attstorage", TypeId::kText},
                              {"attcompression", TypeId::kText},
                              {"attnotnull", TypeId::kBool},
                              {"atthasdef", TypeId::kBool},
                              {"atthasmissing", TypeId::kBool},
                              {"attidentity", TypeId::kText},
                              {"attgenerated", TypeId::kText},
                              {"attisdropped", TypeId::kBool},
                              {"attislocal", TypeId::kBool},
                              {"attinhcount", TypeId::kInt4},
                              {"attcollation", TypeId::kOid},
                              {"attacl", array_of(TypeId::kText)},  // aclitem[]
                              {"attoptions", array_of(TypeId::kText)},
                              {"attfdwoptions", array_of(TypeId::kText)},
                              {"attmissingval", TypeId::kText}},
                             qualifier);
  auto add = [&](const AttributeRow& a) {
    const TypeLayout layout = type_layout(a.type.id);
    const TypeId base = is_array(a.type.id) ? element_of(a.type.id) : a.type.id;
    const bool collatable = is_character(base);
    r.rows.push_back({Value::oid(TypeId::kOid, a.relation, {}),
                      Value::string(TypeId::kText, a.name),
                      Value::oid(TypeId::kOid, type_oid(a.type), {}),
                      Value::integer(TypeId::kInt4, -1),
                      Value::integer(TypeId::kInt2, layout.length),
                      Value::integer(TypeId::kInt2, a.number),
                      Value::integer(TypeId::kInt4, is_array(a.type.id) ? 1 : 0),
                      Value::integer(TypeId::kInt4, -1),
                      Value::integer(TypeId::kInt4, a.type.typmod),
                      Value::boolean(layout.by_value),
                      char_text(layout.align),
                      char_text(layout.storage),
                      char_text('\0'),
                      Value::boolean(a.not_null),
                      Value::boolean(a.has_default),
                      Value::boolean(false),
                      char_text(a.identity),
                      char_text(a.generated),
                      Value::boolean(false),
                      Value::boolean(true),
                      Value::integer(TypeId::kInt4, 0),
                      Value::oid(TypeId::kOid, collatable ? 100 : 0, {}),
                      a.acl != nullptr ? acl_value(ctx, *a.acl) : Value::null(array_of(TypeId::kText)),
                      Value::null(array_of(TypeId::kText)),
                      Value::null(array_of(TypeId::kText)),
                      Value::null(TypeId::kText)});
  };
  for (const TableDef& t : ctx.catalog.tables()) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const ColumnDef& c = t.columns[i];
      // A generation expression is kept in pg_attrdef, as a default is.
      const bool has_default = c.default_value.has_value() || !c.default_expr.empty() || c.is_generated();
      // A domain column's atttypid is the domain; its typmod is the domain's, not the column's.
      const SqlType type = c.domain_oid != 0 ? SqlType{c.type.id, -1, c.type.enum_oid, c.domain_oid} : c.type;
      add({t.oid, c.name, type, static_cast<int>(i + 1), c.not_null, has_default && c.identity == 0, c.identity,
           c.is_generated() ? 's' : '\0', &c.acl});
    }
    // An index's columns are its key columns, numbered from 1.
    for (std::size_t k = 0; k < t.primary_key.size(); ++k) {
      const ColumnDef& c = t.columns[static_cast<std::size_t>(t.primary_key[k])];
      add({primary_key_index_oid(t), c.name, c.type, static_cast<int>(k + 1)});
    }
    for (const IndexDef& index : t.indexes) {
      const auto keys = index_key_columns(t, index);
      for (std::size_t k = 0; k < keys.size(); ++k)
        add({index.oid, keys[k].first, keys[k].second, static_cast<int>(k + 1)});
    }
  }
  for (const ViewDef& v : ctx.catalog.views()) {
    for (std::size_t i = 0; i < v.columns.size() && i < v.types.size(); ++i) {
      AttributeRow row{v.oid, v.columns[i], v.types[i], static_cast<int>(i + 1)};
      if (i < v.column_acls.size()) row.acl = &v.column_acls[i];
      add(row);
    }
  }
  return r;
}

}  // namespace heliosdb::engine
