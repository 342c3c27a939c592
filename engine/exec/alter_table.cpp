// ALTER TABLE: its actions change a copy of the table's definition, in
// order; then the stored rows are brought to what the new definition says
// (checked, rewritten or indexed) and the catalog takes it.
#include <algorithm>
#include <optional>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/column_defaults.hpp"
#include "engine/exec/constraint_builder.hpp"
#include "engine/exec/domain_checks.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/index_keys.hpp"
#include "engine/exec/materialized_views.hpp"
#include "engine/exec/matview_options.hpp"
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/projection.hpp"
#include "engine/exec/relation_rename.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/sequence_ddl.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/stored_expressions.hpp"
#include "engine/exec/table_ddl.hpp"
#include "engine/exec/table_rewrite.hpp"
#include "engine/exec/view_ddl.hpp"
#include "engine/parser/parser.hpp"
#include "engine/vector/index_registry.hpp"

namespace heliosdb::engine {

namespace {

// The table an ALTER names; nullopt (with a NOTICE) for IF EXISTS on a missing one.
std::optional<TableDef> altered_table(const ast::RangeVar& range, bool if_exists, QueryResult& result,
                                      ExecContext& ctx) {
  auto table = ctx.catalog.find_table(relation_schema(ctx, range.schema, range.name), range.name);
  if (!table && if_exists) {
    result.notices.push_back({"NOTICE", "00000", "relation \"" + range.name + "\" does not exist, skipping", {}});
    return std::nullopt;
  }
  if (!table) ctx.require_table(range.schema, range.name, range.location);  // throws 42P01
  return table;
}

// An access list as it reads once `to` owns what `from` did.
Acl with_new_owner(Acl acl, std::int64_t from, std::uint32_t to) {
  if (acl) acl_change_owner(*acl, owner_oid(from), to);
  return acl;
}

// OWNER TO, for the table, view or sequence `range` names (pg_dump writes
// ALTER TABLE for all three): a table's sequences follow it, and the
// entries of the old owner in access lists become the new one's.
void change_owner(const ast::RangeVar& range, const ast::AlterTableStmt::OwnerTo& to, QueryResult& result,
                  ExecContext& ctx) {
  const auto owner = static_cast<std::uint32_t>(role_oid(ast::RoleName{to.role, to.current_user}, ctx));
  const std::string schema = relation_schema(ctx, range.schema, range.name, true);
  if (auto table = ctx.catalog.find_table(schema, range.name)) {
    if (owner_oid(table->owner) == owner) return;
    check_owner_change(ctx, table->owner, owner, table->kind_name(), table->name, schema);
    TableDef updated = *table;
    updated.owner = owner;
    updated.acl = with_new_owner(table->acl, table->owner, owner);
    for (ColumnDef& c : updated.columns) c.acl = with_new_owner(c.acl, table->owner, owner);
    ctx.catalog.update_table(*table, updated);
    for (SequenceDef sequence : ctx.catalog.sequences()) {
      if (sequence.owner_table != table->oid) continue;
      sequence.acl = with_new_owner(sequence.acl, sequence.owner, owner);
      sequence.owner = owner;
      ctx.catalog.update_sequence(sequence);
    }
  } else if (auto view = ctx.catalog.find_view(schema, range.name)) {
    if (owner_oid(view->owner) == owner) return;
    check_owner_change(ctx, view->owner, owner, "view", view->name, schema);
    ViewDef updated = *view;
    updated.owner = owner;
    updated.acl = with_new_owner(view->acl, view->owner, owner);
    for (Acl& acl : updated.column_acls) acl = with_new_owner(acl, view->owner, owner);
    ctx.catalog.update_view(updated);
  } else if (auto sequence = ctx.catalog.find_sequence(schema, range.name)) {
    if (owner_oid(sequence->owner) == owner) return;
    if (auto owning = ctx.catalog.find_table(sequence->owner_table)) {
      throw DbError(sqlstate::kFeatureNotSupported, "cannot change owner of sequence \"" + sequence->name + "\"")
          .with_detail("Sequence \"" + sequence->name + "\" is linked to table \"" + owning->name + "\".");
    }
    check_owner_change(ctx, sequence->owner, owner, "sequence", sequence->name, schema);
    SequenceDef updated = *sequence;
    updated.owner = owner;
    updated.acl = with_new_owner(sequence->acl, sequence->owner, owner);
    ctx.catalog.update_sequence(updated);
  } else {
    // An index: it belongs to its table's owner.
    result.notices.push_back({"WARNING", "42809", "cannot change owner of index \"" + range.name + "\"", {}});
  }
}

// ALTER TABLE name OWNER TO role alone, which pg_dump also writes for sequences and views.
// PostgreSQL's name of an ALTER TABLE action, as its errors give it.
std::string alter_action_name(const ast::AlterTableStmt::Command& command) {
  using A = ast::AlterTableStmt;
  return std::visit(
      [](const auto& c) -> std::string {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, A::AddColumn>) return "ADD COLUMN";
        if constexpr (std::is_same_v<T, A::AddConstraint>) return "ADD CONSTRAINT";
        if constexpr (std::is_same_v<T, A::DropColumn>) return "DROP COLUMN";
        if constexpr (std::is_same_v<T, A::AlterColumnType>) return "ALTER COLUMN ... SET DATA TYPE";
        if constexpr (std::is_same_v<T, A::SetDefault>) return "ALTER COLUMN ... SET DEFAULT";
        if constexpr (std::is_same_v<T, A::SetNotNull>) {
          return c.not_null ? "ALTER COLUMN ... SET NOT NULL" : "ALTER COLUMN ... DROP NOT NULL";
        }
        if constexpr (std::is_same_v<T, A::DropConstraint>) return "DROP CONSTRAINT";
        if constexpr (std::is_same_v<T, A::AddIdentity>) return "ALTER COLUMN ... ADD IDENTITY";
        if constexpr (std::is_same_v<T, A::SetIdentity>) return "ALTER COLUMN ... SET";
        if constexpr (std::is_same_v<T, A::DropIdentity>) return "ALTER COLUMN ... DROP IDENTITY";
        if constexpr (std::is_same_v<T, A::DropExpression>) return "ALTER COLUMN ... DROP EXPRESSION";
        if constexpr (std::is_same_v<T, A::SetOptions>) return c.reset ? "RESET (...)" : "SET (...)";
        if constexpr (std::is_same_v<T, A::RowSecurity>) {
          if (c.force) return c.on ? "FORCE ROW SECURITY" : "NO FORCE ROW SECURITY";
          return c.on ? "ENABLE ROW SECURITY" : "DISABLE ROW SECURITY";
        }
        return "OWNER TO";
      },
      command);
}

// A materialized view keeps its query as text, naming tables and columns:
// until it keeps them by oid and place, what it reads keeps its name, and
// the columns it uses theirs.
[[noreturn]] void refuse_for_matview(const std::string& what, const std::string& view) {
  throw DbError(sqlstate::kFeatureNotSupported,
                "not supported yet: " + what + ", which materialized view \"" + view + "\" reads");
}

bool only_owner_change(const ast::AlterTableStmt& alter) {
  return !alter.commands.empty() && std::all_of(alter.commands.begin(), alter.commands.end(), [](const auto& c) {
    return std::holds_alternative<ast::AlterTableStmt::OwnerTo>(c);
  });
}

bool contains(const std::vector<int>& columns, int column) {
  return std::find(columns.begin(), columns.end(), column) != columns.end();
}

bool same_set(std::vector<int> a, std::vector<int> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// After column `dropped` goes, the columns behind it move up one place.
void shift_columns(std::vector<int>& columns, int dropped) {
  for (int& c : columns) {
    if (c > dropped) --c;
  }
}

// One ALTER TABLE statement under way: the definition its actions change,
// where each of its columns takes its values from, and what is left to do
// to other objects.
class TableAlteration {
 public:
  TableAlteration(const TableDef& old, ExecContext& ctx, QueryResult& result)
      : old_(old), def_(old), ctx_(ctx), result_(result) {
    for (std::size_t i = 0; i < old.columns.size(); ++i) sources_.push_back({static_cast<int>(i), nullptr});
    for (const SequenceDef& seq : ctx.catalog.sequences()) {
      if (seq.owner_table == old.oid) owned_sequences_.push_back(seq);
    }
  }

  void apply(const ast::AlterTableStmt::AddColumn& add);
  void apply(const ast::AlterTableStmt::AddConstraint& add) { add_table_constraint(def_, add.constraint, {}, ctx_); }
  void apply(const ast::AlterTableStmt::DropColumn& drop);
  void apply(const ast::AlterTableStmt::AlterColumnType& change);
  void apply(const ast::AlterTableStmt::SetDefault& set);
  void apply(const ast::AlterTableStmt::SetNotNull& set);
  void apply(const ast::AlterTableStmt::DropConstraint& drop);
  void apply(const ast::AlterTableStmt::AddIdentity& add);
  void apply(const ast::AlterTableStmt::SetIdentity& set);
  void apply(const ast::AlterTableStmt::DropIdentity& drop);
  void apply(const ast::AlterTableStmt::DropExpression& drop);
  /// SET / RESET (...): a materialized view's refresh options; a table's
  /// fillfactor, which has nothing to change here.
  void apply(const ast::AlterTableStmt::SetOptions& set) {
    if (def_.materialized) {
      MatViewRefreshOptions& options = def_.materialized->options;
      if (!set.reset) {
        apply_matview_options(options, set.options);
        return;
      }
      std::vector<std::string> names;
      for (const auto& [name, value] : set.options) names.push_back(name);
      reset_matview_options(options, names);
      return;
    }
    for (const auto& [name, value] : set.options) {
      if (name != "fillfactor")
        throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: this storage parameter");
    }
  }

  /// ENABLE / DISABLE / [NO] FORCE ROW LEVEL SECURITY.
  void apply(const ast::AlterTableStmt::RowSecurity& change) {
    (change.force ? def_.force_row_security : def_.row_security) = change.on;
  }

  void apply(const ast::AlterTableStmt::OwnerTo& to) {
    const auto owner = static_cast<std::uint32_t>(role_oid(ast::RoleName{to.role, to.current_user}, ctx_));
    if (owner_oid(def_.owner) == owner) return;
    check_owner_change(ctx_, def_.owner, owner, def_.kind_name(), def_.name, def_.schema);
    def_.acl = with_new_owner(def_.acl, def_.owner, owner);
    def_.owner = owner;
  }

  /// Brings the stored rows and the other objects to the new definition, and stores it.
  void finish();
  /// What CASCADE took with it.
  const std::vector<std::string>& cascaded() const { return cascaded_; }

 private:
  DbError not_ready(const std::string& column, const std::string& why) const {
    return DbError(sqlstate::kObjectNotInPrerequisiteState,
                   "column \"" + column + "\" of relation \"" + def_.name + "\" " + why);
  }
  // The sequence an identity column of the stored table owns.
  std::optional<SequenceDef> owned_sequence(int column) const {
    const int was = sources_[static_cast<std::size_t>(column)].old_column;
    for (const SequenceDef& seq : owned_sequences_) {
      if (was >= 0 && seq.owner_column == was) return seq;
    }
    return std::nullopt;
  }
  int column_of(const std::string& name) const {
    const int i = def_.column_index(name);
    if (i < 0) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + name + "\" of relation \"" + def_.name + "\" does not exist");
    }
    return i;
  }
  // `dependent` depends on `object`: without CASCADE that stops the ALTER.
  void depend(const std::string& dependent, const std::string& object, const std::string& depends_on, bool cascade) {
    if (!cascade) {
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop " + object + " because other objects depend on it")
          .with_detail(dependent + " depends on " + depends_on)
          .with_hint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    cascaded_.push_back(dependent);
  }
  void drop_keys_referencing(const std::vector<int>& columns, const std::string& object, const std::string& index,
                             bool cascade);
  void update_referencing_tables(const std::vector<int>& moved);
  void update_owned_sequences(const std::vector<int>& moved);

  const TableDef& old_;
  TableDef def_;
  std::vector<ColumnSource> sources_;  // parallel to def_.columns
  bool rewrite_ = false;
  std::vector<std::pair<std::uint32_t, std::string>> dropped_child_keys_;  // (table oid, foreign key name)
  std::vector<SequenceDef> owned_sequences_;
  ExecContext& ctx_;
  QueryResult& result_;
  std::vector<std::string> cascaded_;  // "view v", "constraint c on table t": for the NOTICE
};

void TableAlteration::apply(const ast::AlterTableStmt::AddColumn& add) {
  const ast::ColumnDef& c = add.column;
  if (def_.column_index(c.name) >= 0) {
    std::string message = "column \"" + c.name + "\" of relation \"" + def_.name + "\" already exists";
    if (!add.if_not_exists) throw DbError(sqlstate::kDuplicateColumn, message);
    result_.notices.push_back({"NOTICE", "42701", message + ", skipping", {}});
    return;
  }
  def_.columns.push_back(column_as_written(c));
  require_type_usage(ctx_, def_.columns.back().type, def_.columns.back().domain_oid);
  sources_.push_back({});
  const std::size_t i = def_.columns.size() - 1;
  if (is_serial_type(c.type)) make_serial_column(def_, i, c, ctx_);
  apply_column_constraints(def_, i, c, ctx_);
  check_generation_expressions(def_, i, c);
  ColumnDef& column = def_.columns[i];
  if (column.is_generated()) {
    rewrite_ = true;  // every stored row gets the value computed (rewrite_rows)
    return;
  }
  if (column.domain_oid != 0 && column.default_expr.empty() && !column.default_value && column.identity == 0) {
    // Each stored row takes the domain's DEFAULT (or NULL), which must meet the domain's constraints.
    std::string text = domain_default(ctx_, column.domain_oid);
    BoundExprPtr value = make_constant(Value::null(column.type.id));
    if (!text.empty()) {
      Binder binder({}, "DEFAULT", ctx_);
      value = coerce(binder.bind(*parser::parse_expression(text)), column.type, CastContext::kAssignment);
    }
    sources_[i].compute = make_domain_check(std::move(value), column.domain_oid, ctx_);
    rewrite_ = true;
    return;
  }
  if (column.default_expr.empty()) {
    // Rows stored before read the default, as PostgreSQL's attmissingval; nothing is rewritten.
    column.missing_value = column.default_value;
    return;
  }
  Binder binder({}, "DEFAULT", ctx_);
  sources_[i].compute =
      coerce(binder.bind(*parser::parse_expression(column.default_expr)), column.type, CastContext::kAssignment);
  rewrite_ = true;
}

void TableAlteration::apply(const ast::AlterTableStmt::DropColumn& drop) {
  const int i = def_.column_index(drop.column);
  if (i < 0) {
    std::string message = "column \"" + drop.column + "\" of relation \"" + def_.name + "\" does not exist";
    if (!drop.if_exists) throw DbError(sqlstate::kUndefinedColumn, message);
    result_.notices.push_back({"NOTICE", "00000", message + ", skipping", {}});
    return;
  }
  const std::string object = "column " + drop.column + " of table " + def_.name;
  // A generated column computed from this one goes with it, given CASCADE.
  std::vector<std::string> generated_from;
  for (int g : generated_columns_reading(def_, i)) {
    if (g == i) continue;
    const std::string& name = def_.columns[static_cast<std::size_t>(g)].name;
    depend("column " + name + " of table " + def_.name, object, object, drop.cascade);
    generated_from.push_back(name);
  }
  const int was = sources_[static_cast<std::size_t>(i)].old_column;
  if (was >= 0) {
    // Objects outside the table that read the column need CASCADE.
    for (const auto& [child, fk] : referencing_keys(ctx_, old_)) {
      if (!contains(fk.ref_columns, was)) continue;
      depend("constraint " + fk.name + " on table " + child.name, object, object, drop.cascade);
      dropped_child_keys_.emplace_back(child.oid, fk.name);
    }
    for (const ViewDef& view : views_using_column(ctx_, old_, was)) {
      depend("view " + view.name, object, object, drop.cascade);
      ctx_.catalog.drop_view(view);
      drop_dependent_views(ctx_, {{view.oid, "view " + view.name}}, true, cascaded_);
    }
    for (const TableDef& view : matviews_using_column(ctx_, old_, was)) {
      depend("materialized view " + view.name, object, object, drop.cascade);
      ctx_.catalog.drop_table(view);
      drop_dependent_views(ctx_, {{view.oid, "materialized view " + view.name}}, true, cascaded_);
    }
  }
  // A policy reading the column needs CASCADE, which drops it.
  std::erase_if(def_.policies, [&](const PolicyDef& policy) {
    if (!names_word(policy.using_expr, drop.column) && !names_word(policy.check_expr, drop.column)) return false;
    depend("policy " + policy.name + " on table " + def_.name, object, object, drop.cascade);
    return true;
  });
  // What of the table itself involves the column goes with it, as in PostgreSQL.
  if (contains(def_.primary_key, i)) def_.primary_key.clear();
  std::erase_if(def_.indexes, [&](const IndexDef& index) { return contains(index.columns, i); });
  std::erase_if(def_.vector_indexes, [&](const VectorIndexDef& index) { return index.column == i; });
  std::erase_if(def_.foreign_keys, [&](const ForeignKeyDef& fk) {
    return contains(fk.columns, i) || (fk.ref_table == def_.oid && contains(fk.ref_columns, i));
  });
  def_.columns.erase(def_.columns.begin() + i);
  sources_.erase(sources_.begin() + i);
  std::erase_if(def_.checks, [&](const CheckDef& check) {
    try {
      Binder binder(table_scope(def_, def_.name), "CHECK", ctx_);
      binder.bind(*parser::parse_expression(check.expr));
      return false;
    } catch (const DbError&) {
      return true;  // it read the column
    }
  });
  // An index whose expression or predicate read the column goes too.
  std::erase_if(def_.indexes, [&](const IndexDef& index) {
    if (index.plain()) return false;
    try {
      bind_index(def_, index);
      return false;
    } catch (const DbError&) {
      return true;
    }
  });
  shift_columns(def_.primary_key, i);
  for (IndexDef& index : def_.indexes) shift_columns(index.columns, i);
  for (VectorIndexDef& index : def_.vector_indexes) {
    if (index.column > i) --index.column;
  }
  for (ForeignKeyDef& fk : def_.foreign_keys) {
    shift_columns(fk.columns, i);
    if (fk.ref_table == def_.oid) shift_columns(fk.ref_columns, i);
  }
  rewrite_ = true;
  for (const std::string& name : generated_from) {
    def_.columns[static_cast<std::size_t>(column_of(name))].generated.clear();  // it read the column just dropped
    apply(ast::AlterTableStmt::DropColumn{name, true, true});
  }
}

void TableAlteration::apply(const ast::AlterTableStmt::AlterColumnType& change) {
  const int i = column_of(change.column);
  ColumnSource& source = sources_[static_cast<std::size_t>(i)];
  ColumnDef& column = def_.columns[static_cast<std::size_t>(i)];
  if (source.old_column < 0) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: changing the type of column \"" +
                                                         change.column + "\" added by the same ALTER"),
             change.location);
  }
  if (source.compute) {
    throw at(DbError(sqlstate::kSyntaxError, "cannot alter type of column \"" + change.column + "\" twice"),
             change.location);
  }
  const SqlType type = resolve_type_name(change.type);
  require_type_usage(ctx_, type, type.domain_oid);
  if (type.domain_oid != 0) {
    throw at(DbError(sqlstate::kFeatureNotSupported, "not supported yet: changing a column's type to a domain"),
             change.location);
  }
  const std::string type_name = type_display_name({type.id, -1, type.enum_oid});
  for (int g : generated_columns_reading(def_, i)) {
    if (g == i) continue;
    throw DbError(sqlstate::kFeatureNotSupported, "cannot alter type of a column used by a generated column")
        .with_detail("Column \"" + change.column + "\" is used by generated column \"" +
                     def_.columns[static_cast<std::size_t>(g)].name + "\".");
  }
  if (column.is_generated() && change.using_expr) {
    throw DbError(sqlstate::kInvalidColumnDefinition, "cannot specify USING when altering type of generated column")
        .with_detail("Column \"" + change.column + "\" is a generated column.");
  }
  if (column.is_generated()) {
    // The column is computed again from its expression (rewrite_rows), which must fit the new type.
    Binder generation(table_scope(def_, def_.name), "column generation expressions");
    const SqlType computed = generation.bind(*parser::parse_expression(column.generated))->type;
    if (!can_cast(computed.id, type.id, CastContext::kAssignment)) {
      throw DbError(sqlstate::kDatatypeMismatch,
                    "column \"" + change.column + "\" cannot be cast automatically to type " + type_name);
    }
  }
  if (std::vector<ViewDef> views = views_using_column(ctx_, old_, source.old_column); !views.empty()) {
    throw DbError(sqlstate::kFeatureNotSupported, "cannot alter type of a column used by a view or rule")
        .with_detail("rule _RETURN on view " + views[0].name + " depends on column \"" + change.column + "\"");
  }
  if (std::vector<TableDef> views = matviews_using_column(ctx_, old_, source.old_column); !views.empty()) {
    throw DbError(sqlstate::kFeatureNotSupported, "cannot alter type of a column used by a view or rule")
        .with_detail("rule _RETURN on materialized view " + views[0].name + " depends on column \"" + change.column +
                     "\"");
  }
  // USING reads the row as it was; without it the column converts as an assignment would.
  Binder binder(table_scope(old_, old_.name), "transform expression", ctx_);
  BoundExprPtr value;
  if (change.using_expr) {
    value = binder.bind(*change.using_expr);
  } else {
    value =
        binder.bind(*ast::make_expr(ast::ColumnRef{{old_.columns[static_cast<std::size_t>(source.old_column)].name}}));
  }
  if (!can_cast(value->type.id, type.id, CastContext::kAssignment)) {
    if (change.using_expr) {
      throw DbError(sqlstate::kDatatypeMismatch, "result of USING clause for column \"" + change.column +
                                                     "\" cannot be cast automatically to type " + type_name)
          .with_hint("You might need to add an explicit cast.");
    }
    throw DbError(sqlstate::kDatatypeMismatch,
                  "column \"" + change.column + "\" cannot be cast automatically to type " + type_name)
        .with_hint("You might need to specify \"USING " + change.column + "::" + type_display_name(type) + "\".");
  }
  source.compute = coerce(std::move(value), type, CastContext::kAssignment);
  // The default must still fit.
  std::optional<TypeId> default_type;
  if (column.default_value) default_type = column.default_value->type();
  if (!column.default_expr.empty()) {
    Binder default_binder({}, "DEFAULT", ctx_);
    default_type = default_binder.bind(*parser::parse_expression(column.default_expr))->type.id;
  }
  if (default_type && !can_cast(*default_type, type.id, CastContext::kAssignment)) {
    throw DbError(sqlstate::kDatatypeMismatch,
                  "default for column \"" + change.column + "\" cannot be cast automatically to type " + type_name);
  }
  if (column.default_value) {
    column.default_value = evaluate(*coerce(make_constant(*column.default_value), type, CastContext::kAssignment), {});
  }
  for (const VectorIndexDef& index : def_.vector_indexes) {
    if (index.column == i && type.id != TypeId::kVector) {
      throw DbError(sqlstate::kDatatypeMismatch,
                    "operator class for index \"" + index.name + "\" does not accept data type " + type_name);
    }
  }
  // Foreign keys on either side of the column must still compare.
  auto check_key = [&](const std::string& fk_name, const ColumnDef& a, const ColumnDef& b) {
    if (comparable_keys(a.type.id, b.type.id)) return;
    throw DbError(sqlstate::kDatatypeMismatch, "foreign key constraint \"" + fk_name + "\" cannot be implemented")
        .with_detail("Key columns \"" + a.name + "\" and \"" + b.name + "\" are of incompatible types: " +
                     type_display_name(a.type) + " and " + type_display_name(b.type) + ".");
  };
  column.type = type;
  column.domain_oid = 0;
  column.missing_value.reset();  // every row is rewritten with the column in it
  for (const ForeignKeyDef& fk : def_.foreign_keys) {
    for (std::size_t k = 0; k < fk.columns.size(); ++k) {
      if (fk.columns[k] != i && !(fk.ref_table == def_.oid && fk.ref_columns[k] == i)) continue;
      const ColumnDef& mine = def_.columns[static_cast<std::size_t>(fk.columns[k])];
      if (fk.ref_table == def_.oid) {
        check_key(fk.name, mine, def_.columns[static_cast<std::size_t>(fk.ref_columns[k])]);
      } else if (auto parent = ctx_.catalog.find_table(fk.ref_table)) {
        check_key(fk.name, mine, parent->columns[static_cast<std::size_t>(fk.ref_columns[k])]);
      }
    }
  }
  for (const auto& [child, fk] : referencing_keys(ctx_, old_)) {
    for (std::size_t k = 0; k < fk.columns.size(); ++k) {
      if (fk.ref_columns[k] == source.old_column) {
        check_key(fk.name, child.columns[static_cast<std::size_t>(fk.columns[k])], column);
      }
    }
  }
  rewrite_ = true;
}

void TableAlteration::apply(const ast::AlterTableStmt::SetDefault& set) {
  ColumnDef& column = def_.columns[static_cast<std::size_t>(column_of(set.column))];
  if (column.identity != 0) {
    DbError error(sqlstate::kSyntaxError,
                  "column \"" + set.column + "\" of relation \"" + def_.name + "\" is an identity column");
    if (!set.value) error.with_hint("Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.");
    throw error;
  }
  if (column.is_generated()) {
    DbError error(sqlstate::kSyntaxError,
                  "column \"" + set.column + "\" of relation \"" + def_.name + "\" is a generated column");
    if (!set.value) error.with_hint("Use ALTER TABLE ... ALTER COLUMN ... DROP EXPRESSION instead.");
    throw error;
  }
  if (set.value) {
    set_default(*set.value, column, &ctx_);
    return;
  }
  column.default_value.reset();
  column.default_expr.clear();
  column.default_text.clear();
}

void TableAlteration::apply(const ast::AlterTableStmt::SetNotNull& set) {
  const int i = column_of(set.column);
  if (!set.not_null && def_.columns[static_cast<std::size_t>(i)].identity != 0) {
    throw DbError(sqlstate::kSyntaxError,
                  "column \"" + set.column + "\" of relation \"" + def_.name + "\" is an identity column");
  }
  if (!set.not_null && contains(def_.primary_key, i)) {
    throw DbError(sqlstate::kInvalidTableDefinition, "column \"" + set.column + "\" is in a primary key");
  }
  def_.columns[static_cast<std::size_t>(i)].not_null = set.not_null;
}

void TableAlteration::apply(const ast::AlterTableStmt::DropConstraint& drop) {
  const std::string& name = drop.name;
  const std::string object = "constraint " + name + " on table " + def_.name;
  if (!def_.primary_key.empty() && def_.primary_key_name == name) {
    drop_keys_referencing(def_.primary_key, object, name, drop.cascade);
    def_.primary_key.clear();  // its columns stay NOT NULL, as in PostgreSQL
    return;
  }
  for (auto it = def_.indexes.begin(); it != def_.indexes.end(); ++it) {
    if (!it->constraint || it->name != name) continue;
    drop_keys_referencing(it->columns, object, name, drop.cascade);
    def_.indexes.erase(it);
    return;
  }
  const auto named = [&](const auto& k) { return k.name == name; };
  if (std::erase_if(def_.checks, named) > 0 || std::erase_if(def_.foreign_keys, named) > 0) return;
  std::string message = "constraint \"" + name + "\" of relation \"" + def_.name + "\" does not exist";
  if (!drop.if_exists) throw DbError(sqlstate::kUndefinedObject, message);
  result_.notices.push_back({"NOTICE", "00000", message + ", skipping", {}});
}

void TableAlteration::apply(const ast::AlterTableStmt::AddIdentity& add) {
  const int i = column_of(add.column);
  const ColumnDef& column = def_.columns[static_cast<std::size_t>(i)];
  const TypeId type = column.type.id;
  if (type != TypeId::kInt2 && type != TypeId::kInt4 && type != TypeId::kInt8) {
    throw DbError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
  }
  if (!column.not_null) throw not_ready(add.column, "must be declared NOT NULL before identity can be added");
  if (column.identity != 0) throw not_ready(add.column, "is already an identity column");
  if (column.default_value || !column.default_expr.empty() || column.is_generated()) {
    throw not_ready(add.column, "already has a default value");
  }
  make_identity_column(def_, static_cast<std::size_t>(i), add.identity, ctx_);
}

void TableAlteration::apply(const ast::AlterTableStmt::SetIdentity& set) {
  const int i = column_of(set.column);
  ColumnDef& column = def_.columns[static_cast<std::size_t>(i)];
  if (column.identity == 0) throw not_ready(set.column, "is not an identity column");
  if (set.generated != 0) column.identity = set.generated;
  if (set.sequence_options.empty()) return;
  if (std::optional<SequenceDef> seq = owned_sequence(i)) alter_identity_sequence(ctx_, *seq, set.sequence_options);
}

void TableAlteration::apply(const ast::AlterTableStmt::DropIdentity& drop) {
  const int i = column_of(drop.column);
  ColumnDef& column = def_.columns[static_cast<std::size_t>(i)];
  if (column.identity == 0) {
    if (!drop.if_exists) throw not_ready(drop.column, "is not an identity column");
    result_.notices.push_back(
        {"NOTICE",
         "00000",
         "column \"" + drop.column + "\" of relation \"" + def_.name + "\" is not an identity column, skipping",
         {}});
    return;
  }
  column.identity = 0;
  column.default_expr.clear();
  if (std::optional<SequenceDef> seq = owned_sequence(i)) {
    ctx_.catalog.drop_sequence(*seq);
    std::erase_if(owned_sequences_, [&](const SequenceDef& s) { return s.oid == seq->oid; });
  }
}

// The stored values stay; from now on they are written like any column's.
void TableAlteration::apply(const ast::AlterTableStmt::DropExpression& drop) {
  ColumnDef& column = def_.columns[static_cast<std::size_t>(column_of(drop.column))];
  if (!column.is_generated()) {
    if (!drop.if_exists) throw not_ready(drop.column, "is not a stored generated column");
    result_.notices.push_back(
        {"NOTICE",
         "00000",
         "column \"" + drop.column + "\" of relation \"" + def_.name + "\" is not a stored generated column, skipping",
         {}});
    return;
  }
  column.generated.clear();
}

// A primary key or unique constraint on `columns` goes: so do the foreign
// keys that reference it, here and in other tables, given CASCADE.
void TableAlteration::drop_keys_referencing(const std::vector<int>& columns, const std::string& object,
                                            const std::string& index, bool cascade) {
  std::erase_if(def_.foreign_keys, [&](const ForeignKeyDef& fk) {
    if (fk.ref_table != def_.oid || !same_set(fk.ref_columns, columns)) return false;
    depend("constraint " + fk.name + " on table " + def_.name, object, "index " + index, cascade);
    return true;
  });
  std::vector<int> stored;  // the same columns by their places in the stored definition
  for (int c : columns) stored.push_back(sources_[static_cast<std::size_t>(c)].old_column);
  for (const auto& [child, fk] : referencing_keys(ctx_, old_)) {
    if (!same_set(fk.ref_columns, stored)) continue;
    depend("constraint " + fk.name + " on table " + child.name, object, "index " + index, cascade);
    dropped_child_keys_.emplace_back(child.oid, fk.name);
  }
}

// Other tables' foreign keys name our columns by place: they follow the
// columns that moved, and the ones CASCADE took go.
void TableAlteration::update_referencing_tables(const std::vector<int>& moved) {
  std::set<std::uint32_t> children;
  for (const auto& [child, fk] : referencing_keys(ctx_, old_)) children.insert(child.oid);
  for (std::uint32_t oid : children) {
    const TableDef child = *ctx_.catalog.find_table(oid);
    TableDef updated = child;
    std::erase_if(updated.foreign_keys, [&](const ForeignKeyDef& fk) {
      return std::find(dropped_child_keys_.begin(), dropped_child_keys_.end(), std::pair{oid, fk.name}) !=
             dropped_child_keys_.end();
    });
    for (ForeignKeyDef& fk : updated.foreign_keys) {
      if (fk.ref_table != old_.oid) continue;
      for (int& c : fk.ref_columns) c = moved[static_cast<std::size_t>(c)];
    }
    ctx_.catalog.update_table(child, updated);
  }
}

// A SERIAL's sequence belongs to its column: it goes with it, or follows it.
void TableAlteration::update_owned_sequences(const std::vector<int>& moved) {
  for (SequenceDef seq : owned_sequences_) {
    const int now = seq.owner_column < 0 ? -1 : moved[static_cast<std::size_t>(seq.owner_column)];
    if (now < 0) {
      ctx_.catalog.drop_sequence(seq);
    } else if (now != seq.owner_column) {
      seq.owner_column = now;
      ctx_.catalog.update_sequence(seq);
    }
  }
}

void TableAlteration::finish() {
  std::vector<int> moved(old_.columns.size(), -1);  // stored column -> its new place, -1 if dropped
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (sources_[i].old_column >= 0) moved[static_cast<std::size_t>(sources_[i].old_column)] = static_cast<int>(i);
  }
  std::vector<int> key_was;
  for (int c : def_.primary_key) key_was.push_back(sources_[static_cast<std::size_t>(c)].old_column);
  if (key_was != old_.primary_key) rewrite_ = true;  // rows are keyed anew
  update_referencing_tables(moved);
  update_owned_sequences(moved);

  auto had_index = [&](const IndexDef& index) {
    return std::any_of(old_.indexes.begin(), old_.indexes.end(), [&](const IndexDef& i) { return i.oid == index.oid; });
  };
  auto kept_index = [&](const IndexDef& index) {
    return std::any_of(def_.indexes.begin(), def_.indexes.end(), [&](const IndexDef& i) { return i.oid == index.oid; });
  };
  if (rewrite_) {
    rewrite_rows(ctx_, old_, def_, sources_);
  } else {
    // Only columns were added at the end: stored rows read as the new definition.
    std::vector<int> now_not_null;
    for (std::size_t i = 0; i < def_.columns.size(); ++i) {
      const ColumnDef& column = def_.columns[i];
      const int was = sources_[i].old_column;
      if (column.not_null &&
          (was < 0 ? !column.missing_value : !old_.columns[static_cast<std::size_t>(was)].not_null)) {
        now_not_null.push_back(static_cast<int>(i));
      }
    }
    check_no_nulls(ctx_, def_, now_not_null);
    for (const IndexDef& index : def_.indexes) {
      if (!had_index(index)) build_index(ctx_, def_, index);
    }
    for (const CheckDef& check : def_.checks) {
      const bool had =
          std::any_of(old_.checks.begin(), old_.checks.end(), [&](const CheckDef& c) { return c.name == check.name; });
      if (!had) validate_check(ctx_, def_, check);
    }
  }
  for (const IndexDef& index : old_.indexes) {
    if (!kept_index(index)) ctx_.catalog.delete_index_entries(index.oid);
  }
  ctx_.catalog.update_table(old_, def_);
  for (const ForeignKeyDef& fk : def_.foreign_keys) {
    const bool had = std::any_of(old_.foreign_keys.begin(), old_.foreign_keys.end(),
                                 [&](const ForeignKeyDef& f) { return f.name == fk.name; });
    if (!had) validate_foreign_key(ctx_, def_, fk);
  }
  if (rewrite_ || def_.vector_indexes.size() != old_.vector_indexes.size()) {
    VectorIndexRegistry::of(ctx_).forget_table(ctx_.txn.branch(), old_);
  }
}

}  // namespace

QueryResult run_alter_table(const ast::AlterTableStmt& alter, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = alter.command_tag;
  if (only_owner_change(alter)) {
    const std::string schema = relation_schema(ctx, alter.table.schema, alter.table.name, true);
    if (!ctx.catalog.relation_exists(schema, alter.table.name)) {
      altered_table(alter.table, alter.if_exists, result, ctx);  // IF EXISTS's notice, or 42P01
      return result;
    }
    for (const auto& command : alter.commands) {
      change_owner(alter.table, std::get<ast::AlterTableStmt::OwnerTo>(command), result, ctx);
    }
    return result;
  }
  std::optional<TableDef> found = altered_table(alter.table, alter.if_exists, result, ctx);
  if (!found) return result;
  require_owner(ctx, found->owner, found->kind_name(), found->name);
  for (const auto& command : alter.commands) {
    // A materialized view's columns come from its query: only its options and owner change.
    const bool allowed = std::holds_alternative<ast::AlterTableStmt::SetOptions>(command) ||
                         std::holds_alternative<ast::AlterTableStmt::OwnerTo>(command);
    if (found->materialized && !allowed) {
      throw DbError(sqlstate::kWrongObjectType, "ALTER action " + alter_action_name(command) +
                                                    " cannot be performed on relation \"" + found->name + "\"")
          .with_detail("This operation is not supported for materialized views.");
    }
  }
  const TableDef old = *found;
  TableAlteration alteration(old, ctx, result);
  for (const auto& command : alter.commands) std::visit([&](const auto& c) { alteration.apply(c); }, command);
  alteration.finish();
  add_drop_cascade_notice(result, alteration.cascaded());
  return result;
}

namespace {

// CHECK conditions, per-row DEFAULTs and generation expressions are kept as SQL text that names
// columns; until they are kept as trees, a column they use keeps its name.
void refuse_rename_of_used_column(const TableDef& renamed, const std::string& old_name, ExecContext& ctx) {
  std::vector<std::string> texts;
  for (const CheckDef& check : renamed.checks) texts.push_back(check.expr);
  for (const ColumnDef& c : renamed.columns) {
    if (!c.default_expr.empty()) texts.push_back(c.default_expr);
    if (c.is_generated()) texts.push_back(c.generated);
  }
  for (const IndexDef& index : renamed.indexes) {
    for (const std::string& e : index.expressions) {
      if (!e.empty()) texts.push_back(e);
    }
    if (!index.predicate.empty()) texts.push_back(index.predicate);
  }
  for (const PolicyDef& policy : renamed.policies) {
    if (names_word(policy.using_expr, old_name) || names_word(policy.check_expr, old_name)) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: renaming column \"" + old_name +
                                                        "\", which policy \"" + policy.name + "\" uses");
    }
  }
  for (const std::string& text : texts) {
    try {
      Binder binder(table_scope(renamed, renamed.name), "CHECK", ctx);
      binder.bind(*parser::parse_expression(text));
    } catch (const DbError&) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "not supported yet: renaming column \"" + old_name +
                        "\", which a CHECK constraint, DEFAULT, generation expression or index expression uses");
    }
  }
}

// ALTER TABLE ... RENAME CONSTRAINT: a primary key's or unique constraint's
// index takes the new name too, as in PostgreSQL.
void rename_constraint(TableDef& def, const std::string& name, const std::string& new_name, const std::string& schema,
                       ExecContext& ctx) {
  std::vector<std::string*> names;  // every constraint of the table, by its name
  std::string* found = nullptr;
  bool has_index = false;
  auto consider = [&](std::string& n, bool index) {
    names.push_back(&n);
    if (n == name && found == nullptr) {
      found = &n;
      has_index = index;
    }
  };
  if (!def.primary_key.empty()) consider(def.primary_key_name, true);
  for (IndexDef& index : def.indexes) {
    if (index.constraint) consider(index.name, true);
  }
  for (CheckDef& check : def.checks) consider(check.name, false);
  for (ForeignKeyDef& fk : def.foreign_keys) consider(fk.name, false);
  if (found == nullptr) {
    throw DbError(sqlstate::kUndefinedObject,
                  "constraint \"" + name + "\" for table \"" + def.name + "\" does not exist");
  }
  for (const std::string* n : names) {
    if (*n == new_name) {
      throw DbError(sqlstate::kDuplicateObject,
                    "constraint \"" + new_name + "\" for relation \"" + def.name + "\" already exists");
    }
  }
  if (has_index && ctx.catalog.relation_exists(schema, new_name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + new_name + "\" already exists");
  }
  *found = new_name;
}

// ALTER INDEX ... RENAME TO: a unique constraint's index names the constraint too, as in PostgreSQL.
QueryResult rename_index(const ast::RenameStmt& rename, ExecContext& ctx) {
  QueryResult result;
  result.command_tag = "ALTER INDEX";
  const std::string schema = relation_schema(ctx, rename.table.schema, rename.table.name, true);
  auto index = ctx.catalog.find_index(schema, rename.table.name);
  auto vector_index = index ? std::nullopt : ctx.catalog.find_vector_index(schema, rename.table.name);
  if (!index && !vector_index) {
    // A primary key's index is its constraint: renaming it renames the key.
    for (const TableDef& table : ctx.catalog.tables()) {
      if (table.schema != schema || table.primary_key.empty() || table.primary_key_name != rename.table.name) continue;
      TableDef updated = table;
      updated.primary_key_name = rename.new_name;
      ctx.catalog.update_table(table, updated);
      return result;
    }
    std::string message = "relation \"" + rename.table.name + "\" does not exist";
    if (ctx.catalog.relation_exists(schema, rename.table.name)) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + rename.table.name + "\" is not an index");
    }
    if (!rename.if_exists) throw at(DbError(sqlstate::kUndefinedTable, message), rename.table.location);
    result.notices.push_back({"NOTICE", "00000", message + ", skipping", {}});
    return result;
  }
  if (ctx.catalog.relation_exists(schema, rename.new_name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + rename.new_name + "\" already exists");
  }
  const TableDef& table = index ? index->first : vector_index->first;
  TableDef updated = table;
  if (index) {
    updated.indexes[index->second].name = rename.new_name;
  } else {
    updated.vector_indexes[vector_index->second].name = rename.new_name;
  }
  ctx.catalog.update_table(table, updated);
  return result;
}

}  // namespace

QueryResult run_rename(const ast::RenameStmt& rename, ExecContext& ctx) {
  if (!rename.index && rename.constraint.empty()) {
    if (std::optional<QueryResult> done = rename_view_or_sequence(rename, ctx)) return std::move(*done);
  }
  const std::string schema = relation_schema(ctx, rename.table.schema, rename.table.name, true);
  // PostgreSQL lets ALTER INDEX rename a table too, and so do we.
  if (rename.index && !ctx.catalog.find_table(schema, rename.table.name)) return rename_index(rename, ctx);
  QueryResult result;
  result.command_tag = rename.index                                                  ? "ALTER INDEX"
                       : rename.object == ast::RenameStmt::Object::kMaterializedView ? "ALTER MATERIALIZED VIEW"
                                                                                     : "ALTER TABLE";
  std::optional<TableDef> found = altered_table(rename.table, rename.if_exists, result, ctx);
  if (!found) return result;
  require_owner(ctx, found->owner, found->kind_name(), found->name);
  TableDef def = *found;
  // A view keeps its query as text, naming tables and columns: until it
  // keeps them by oid and place, what a view reads keeps its name.
  auto refuse_for_view = [&](const std::string& what, const std::string& view) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  "not supported yet: renaming " + what + ", which view \"" + view + "\" reads");
  };
  if (rename.object == ast::RenameStmt::Object::kMaterializedView && !found->materialized) {
    throw DbError(sqlstate::kWrongObjectType, "\"" + found->name + "\" is not a materialized view");
  }
  if (auto reader = matview_reading(ctx, found->oid); reader && rename.constraint.empty() && rename.column.empty()) {
    refuse_for_matview("renaming table \"" + found->name + "\"", reader->name);
  }
  if (!rename.constraint.empty()) {
    rename_constraint(def, rename.constraint, rename.new_name, schema, ctx);
  } else if (rename.column.empty()) {
    for (const ViewDef& view : ctx.catalog.views()) {
      if (std::find(view.reads.begin(), view.reads.end(), def.oid) != view.reads.end()) {
        refuse_for_view("table \"" + def.name + "\"", view.name);
      }
    }
    def.name = rename.new_name;
  } else {
    int index = def.column_index(rename.column);
    if (index < 0) throw DbError(sqlstate::kUndefinedColumn, "column \"" + rename.column + "\" does not exist");
    if (std::vector<ViewDef> views = views_using_column(ctx, def, index); !views.empty()) {
      refuse_for_view("column \"" + rename.column + "\"", views[0].name);
    }
    if (std::vector<TableDef> views = matviews_using_column(ctx, def, index); !views.empty()) {
      refuse_for_matview("renaming column \"" + rename.column + "\" of table \"" + def.name + "\"", views[0].name);
    }
    if (def.column_index(rename.new_name) >= 0) {
      throw DbError(sqlstate::kDuplicateColumn,
                    "column \"" + rename.new_name + "\" of relation \"" + def.name + "\" already exists");
    }
    def.columns[static_cast<std::size_t>(index)].name = rename.new_name;
    refuse_rename_of_used_column(def, rename.column, ctx);
  }
  ctx.catalog.update_table(*found, def);
  return result;
}

}  // namespace heliosdb::engine
