// CREATE INDEX and DROP INDEX.
#include <algorithm>

#include "engine/common/db_error.hpp"
#include "engine/exec/constraint_builder.hpp"
#include "engine/exec/index_history.hpp"
#include "engine/exec/index_keys.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/statements.hpp"
#include "engine/parser/parser.hpp"
#include "engine/vector/index_registry.hpp"
#include "engine/vector/vector_index_ddl.hpp"

namespace heliosdb::engine {

namespace {

// A btree index keeps keys in byte order (the C collation), so a type's
// default operator class and its *_pattern_ops (LIKE 'x%' in any collation)
// order alike: both are accepted for the types they belong to.
void check_btree_opclass(const std::string& opclass, TypeId type) {
  const std::string name = type_internal_name(type);
  auto family = [](std::string n) { return n == "varchar" ? std::string("text") : n; };
  bool exists = false;
  bool fits = false;
  for (const char* suffix : {"_ops", "_pattern_ops"}) {
    if (opclass.size() <= std::string(suffix).size() || !opclass.ends_with(suffix)) continue;
    const std::string of = opclass.substr(0, opclass.size() - std::string(suffix).size());
    const bool pattern = std::string(suffix) == "_pattern_ops";
    if (pattern && of != "text" && of != "varchar" && of != "bpchar") continue;
    bool known = of == "varchar";
    for (int t = 1; t <= static_cast<int>(TypeId::kVector); ++t) {
      known = known || type_internal_name(static_cast<TypeId>(t)) == of;
    }
    if (!known) continue;
    exists = true;
    fits = fits || family(of) == family(name);
  }
  if (!exists) {
    throw DbError(sqlstate::kUndefinedObject,
                  "operator class \"" + opclass + "\" does not exist for access method \"btree\"");
  }
  if (!fits) {
    throw DbError(sqlstate::kDatatypeMismatch,
                  "operator class \"" + opclass + "\" does not accept data type " + type_display_name({type, -1}));
  }
}

// The schema a statement's existing relation is in.
std::string schema_of(const ast::RangeVar& name, ExecContext& ctx) {
  return relation_schema(ctx, name.schema, name.name, true);
}

bool same_columns(std::vector<int> a, std::vector<int> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// A foreign key that relies on `index` being unique, if any: "constraint c on table t".
std::string foreign_key_needing(ExecContext& ctx, const TableDef& table, const IndexDef& index) {
  if (!index.unique) return {};
  for (const TableDef& other : ctx.catalog.tables()) {
    for (const ForeignKeyDef& fk : other.foreign_keys) {
      if (fk.ref_table == table.oid && same_columns(fk.ref_columns, index.columns) &&
          !same_columns(fk.ref_columns, table.primary_key)) {
        return "constraint " + fk.name + " on table " + other.name;
      }
    }
  }
  return {};
}

QueryResult create_vector_index(const ast::CreateIndexStmt& create, const TableDef& table, ExecContext& ctx,
                                QueryResult result) {
  VectorIndexDef index = make_vector_index_def(create, table);
  index.name = create.name.empty()
                   ? choose_name(table.name, {create.columns[0].name}, "idx",
                                 [&](const std::string& n) { return ctx.catalog.relation_exists(table.schema, n); })
                   : create.name;
  index.oid = ctx.catalog.allocate_oid();
  TableDef updated = table;
  updated.vector_indexes.push_back(index);
  ctx.catalog.update_table(table, updated);
  build_vector_index(ctx, updated, index);
  return result;
}

}  // namespace

QueryResult run_create_index(const ast::CreateIndexStmt& create, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "CREATE INDEX";
  const bool vector = is_vector_index_method(create.method);
  // hash indexes answer the same equality lookups; a btree serves them.
  if (create.method != "btree" && create.method != "hash" && !vector) {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: index method " + create.method);
  }
  for (const auto& [name, value] : create.options) {
    if (!vector && name != "fillfactor" && name != "deduplicate_items") {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: index storage parameter " + name);
    }
  }
  TableDef table = *ctx.require_table(create.table.schema, create.table.name, create.table.location);
  require_owner(ctx, table.owner, table.kind_name(), table.name);
  if (!create.name.empty() && ctx.catalog.relation_exists(table.schema, create.name)) {
    std::string message = "relation \"" + create.name + "\" already exists";
    if (create.if_not_exists) {
      result.notices.push_back({"NOTICE", "42P07", message + ", skipping", {}});
      return result;
    }
    throw DbError(sqlstate::kDuplicateTable, message);
  }
  if (vector) {
    const bool expression = std::any_of(create.columns.begin(), create.columns.end(),
                                        [](const ast::IndexColumn& c) { return !c.expression.empty(); });
    if (expression || !create.predicate.empty()) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "not supported yet: a " + create.method + " index on an expression or on some rows");
    }
    return create_vector_index(create, table, ctx, std::move(result));
  }
  IndexDef index;
  std::vector<std::string> names;
  for (const ast::IndexColumn& c : create.columns) {
    int column = -1;
    if (c.expression.empty()) {
      column = table.column_index(c.name);
      if (column < 0) throw DbError(sqlstate::kUndefinedColumn, "column \"" + c.name + "\" does not exist");
      names.push_back(c.name);
    } else {
      index.expressions.resize(create.columns.size());
      index.expressions[index.columns.size()] = c.expression;
      names.push_back(output_column_name(*parser::parse_expression(c.expression)));
    }
    index.columns.push_back(column);
    index.descending.push_back(c.descending);
    index.nulls_first.push_back(c.nulls_first.value_or(c.descending));
  }
  index.predicate = create.predicate;
  // Binding checks the expressions and gives the key types the operator classes must fit.
  const BoundIndex bound = bind_index(table, index);
  for (std::size_t i = 0; i < create.columns.size(); ++i) {
    const TypeId type =
        bound.keys[i] ? bound.keys[i]->type.id : table.columns[static_cast<std::size_t>(index.columns[i])].type.id;
    if (!create.columns[i].opclass.empty()) check_btree_opclass(create.columns[i].opclass, type);
  }
  index.unique = create.unique;
  index.name = create.name.empty()
                   ? choose_name(table.name, names, "idx",
                                 [&](const std::string& n) { return ctx.catalog.relation_exists(table.schema, n); })
                   : create.name;
  index.oid = ctx.catalog.allocate_oid();
  build_index(ctx, table, index);
  give_index_history(ctx, table, index);
  TableDef updated = table;
  updated.indexes.push_back(std::move(index));
  ctx.catalog.update_table(table, updated);
  return result;
}

QueryResult run_drop_index(const ast::DropStmt& drop, ExecContext& ctx) {
  if (drop.concurrently && drop.names.size() > 1) {
    throw DbError(sqlstate::kFeatureNotSupported, "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
  }
  if (drop.concurrently && drop.cascade) {
    throw DbError(sqlstate::kFeatureNotSupported, "DROP INDEX CONCURRENTLY does not support CASCADE");
  }
  QueryResult result;
  result.command_tag = "DROP INDEX";
  struct Found {
    TableDef table;
    std::size_t index;
  };
  std::vector<Found> found;
  std::vector<Found> vector_found;
  for (const ast::RangeVar& name : drop.names) {
    std::string schema = schema_of(name, ctx);
    if (auto vector = ctx.catalog.find_vector_index(schema, name.name)) {
      require_owner(ctx, vector->first.owner, "index", name.name);
      vector_found.push_back({std::move(vector->first), vector->second});
      continue;
    }
    auto located = ctx.catalog.find_index(schema, name.name);
    if (!located) {
      for (const TableDef& table : ctx.catalog.tables()) {
        if (table.schema == schema && !table.primary_key.empty() && table.primary_key_name == name.name) {
          throw DbError(sqlstate::kDependentObjectsStillExist, "cannot drop index " + name.name +
                                                                   " because constraint " + name.name + " on table " +
                                                                   table.name + " requires it")
              .with_hint("You can drop constraint " + name.name + " on table " + table.name + " instead.");
        }
      }
      if (ctx.catalog.find_table(schema, name.name)) {
        throw DbError(sqlstate::kWrongObjectType, "\"" + name.name + "\" is not an index")
            .with_hint("Use DROP TABLE to remove a table.");
      }
      if (!drop.if_exists) throw DbError(sqlstate::kUndefinedObject, "index \"" + name.name + "\" does not exist");
      result.notices.push_back({"NOTICE", "00000", "index \"" + name.name + "\" does not exist, skipping", {}});
      continue;
    }
    const IndexDef& index = located->first.indexes[located->second];
    require_owner(ctx, located->first.owner, "index", index.name);
    if (index.constraint) {
      throw DbError(sqlstate::kDependentObjectsStillExist, "cannot drop index " + index.name + " because constraint " +
                                                               index.name + " on table " + located->first.name +
                                                               " requires it")
          .with_hint("You can drop constraint " + index.name + " on table " + located->first.name + " instead.");
    }
    if (std::string user = foreign_key_needing(ctx, located->first, index); !user.empty()) {
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop index " + index.name + " because other objects depend on it")
          .with_detail(user + " depends on index " + index.name)
          .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    found.push_back({std::move(located->first), located->second});
  }
  for (const Found& f : found) {
    // Several indexes of one table may go: read the table as it is now.
    TableDef table = *ctx.catalog.find_table(f.table.oid);
    const std::string& name = f.table.indexes[f.index].name;
    auto it = std::find_if(table.indexes.begin(), table.indexes.end(),
                           [&](const IndexDef& index) { return index.name == name; });
    ctx.catalog.delete_index_entries(it->oid);
    TableDef updated = table;
    updated.indexes.erase(updated.indexes.begin() + (it - table.indexes.begin()));
    ctx.catalog.update_table(table, updated);
  }
  for (const Found& f : vector_found) {
    TableDef table = *ctx.catalog.find_table(f.table.oid);
    const std::uint32_t oid = f.table.vector_indexes[f.index].oid;
    TableDef updated = table;
    std::erase_if(updated.vector_indexes, [&](const VectorIndexDef& v) { return v.oid == oid; });
    ctx.catalog.update_table(table, updated);
    // Its memory goes now; a rollback rebuilds it on the next search.
    VectorIndexRegistry::of(ctx).forget(ctx.txn.branch(), oid);
  }
  return result;
}

}  // namespace heliosdb::engine
