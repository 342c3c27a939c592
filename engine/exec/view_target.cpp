#include "engine/exec/view_target.hpp"

#include <set>

#include "engine/ast/expr_walk.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/exec/row_security.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/exec/view_ddl.hpp"
#include "engine/plan/planner.hpp"

namespace heliosdb::engine {

struct ViewTarget::Layer {
  ViewDef def;
  std::unique_ptr<ast::SelectStmt> query;  ///< parsed from def.sql; `from` points into it
  const ast::RangeVar* from = nullptr;     ///< the one relation the view reads
  Projection projection;                   ///< the view's columns over the row of the layer below
  BoundExprPtr where;                      ///< null: no WHERE
  std::vector<int> below;                  ///< per column: the column of the layer below it is; -1: computed
  bool checks = false;                     ///< its WHERE is checked on new rows
};

namespace {

const char* verb_of(ViewTarget::Action action) {
  switch (action) {
    case ViewTarget::Action::kInsert:
      return "insert into";
    case ViewTarget::Action::kUpdate:
      return "update";
    case ViewTarget::Action::kDelete:
      break;
  }
  return "delete from";
}

[[noreturn]] void refuse(ViewTarget::Action action, const std::string& view, const std::string& reason) {
  const char* trigger = action == ViewTarget::Action::kInsert   ? "INSERT"
                        : action == ViewTarget::Action::kUpdate ? "UPDATE"
                                                                : "DELETE";
  const char* doing = action == ViewTarget::Action::kInsert   ? "inserting into"
                      : action == ViewTarget::Action::kUpdate ? "updating"
                                                              : "deleting from";
  throw DbError(sqlstate::kObjectNotInPrerequisiteState,
                std::string("cannot ") + verb_of(action) + " view \"" + view + "\"")
      .with_detail(reason)
      .with_hint(std::string("To enable ") + doing + " the view, provide an INSTEAD OF " + trigger +
                 " trigger or an unconditional ON " + trigger + " DO INSTEAD rule.");
}

std::string qualifier_of(const ast::RangeVar& range) { return range.alias.empty() ? range.name : range.alias; }

// A FROM item's column aliases rename the leading columns.
void rename_columns(std::vector<ScopeColumn>& scope, const ast::RangeVar& range) {
  for (std::size_t i = 0; i < range.column_aliases.size() && i < scope.size(); ++i) {
    scope[i].name = range.column_aliases[i];
  }
}

}  // namespace

std::optional<std::string> ViewTarget::not_updatable_reason(const ast::SelectStmt& query) {
  if (query.distinct || !query.distinct_on.empty()) return "Views containing DISTINCT are not automatically updatable.";
  if (!query.group_by.empty() || !query.grouping_sets.empty()) {
    return "Views containing GROUP BY are not automatically updatable.";
  }
  if (query.having) return "Views containing HAVING are not automatically updatable.";
  if (query.set_op != ast::SelectStmt::SetOp::kNone) {
    return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
  }
  if (query.with) return "Views containing WITH are not automatically updatable.";
  if (query.limit || query.offset) return "Views containing LIMIT or OFFSET are not automatically updatable.";
  for (const ast::ResultTarget& target : query.targets) {
    if (ast::contains_aggregate(target.expr.get())) {
      return "Views that return aggregate functions are not automatically updatable.";
    }
  }
  for (const ast::ResultTarget& target : query.targets) {
    if (ast::contains_window_function(target.expr.get())) {
      return "Views that return window functions are not automatically updatable.";
    }
  }
  if (query.from.size() != 1 || !std::holds_alternative<ast::RangeVar>(query.from[0]->node) || !query.values.empty()) {
    return "Views that do not select from a single table or view are not automatically updatable.";
  }
  return std::nullopt;
}

ViewTarget::ViewTarget(std::vector<std::unique_ptr<Layer>> layers, std::shared_ptr<const TableDef> table,
                       std::vector<ScopeColumn> scope)
    : layers_(std::move(layers)), table_(std::move(table)), scope_(std::move(scope)) {
  const ViewDef& view = layers_.front()->def;
  as_table_.oid = view.oid;
  as_table_.schema = view.schema;
  as_table_.name = view.name;
  for (const ScopeColumn& c : scope_) {
    ColumnDef column;
    column.name = c.name;
    column.type = c.type;
    as_table_.columns.push_back(std::move(column));
  }
}

ViewTarget::~ViewTarget() = default;

std::unique_ptr<ViewTarget> ViewTarget::find(const ast::RangeVar& range, Action action, ExecContext& ctx) {
  std::optional<ViewDef> view = ctx.catalog.find_view(relation_schema(ctx, range.schema, range.name), range.name);
  if (!view) return nullptr;
  std::vector<std::unique_ptr<Layer>> layers;
  std::shared_ptr<const TableDef> table;
  std::set<std::uint32_t> seen;
  // The statement's role must have the action's privilege on the view it
  // names; each view's owner on what the view reads.
  const std::uint32_t wanted = action == Action::kInsert   ? privilege::kInsert
                               : action == Action::kUpdate ? privilege::kUpdate
                                                           : privilege::kDelete;
  std::optional<std::uint32_t> checked_as;
  while (!table) {
    if (!seen.insert(view->oid).second) {
      throw DbError(sqlstate::kInvalidObjectDefinition,
                    "infinite recursion detected in rules for relation \"" + view->name + "\"");
    }
    auto layer = std::make_unique<Layer>();
    layer->def = std::move(*view);
    {
      std::optional<ActAs> as;
      if (checked_as) as.emplace(ctx, *checked_as);
      require_view_privileges(ctx, layer->def, wanted);
    }
    checked_as = owner_oid(layer->def.owner);
    layer->query = view_query(layer->def);
    if (auto reason = not_updatable_reason(*layer->query)) refuse(action, layer->def.name, *reason);
    layer->from = &std::get<ast::RangeVar>(layer->query->from[0]->node);
    if (layer->from->temporal) {
      throw DbError(sqlstate::kFeatureNotSupported,
                    "not supported yet: changing view \"" + layer->def.name + "\", which reads history (AS OF)");
    }
    ViewNamesAsMade names_as_made(ctx, layer->def.search_path, &layer->def.table_widths);
    const std::string schema = relation_schema(ctx, layer->from->schema, layer->from->name);
    table = ctx.catalog.table(schema, layer->from->name);
    if (!table) view = ctx.catalog.find_view(schema, layer->from->name);
    if (!table && !view) {
      refuse(action, layer->def.name,
             "Views that do not select from a single table or view are not automatically updatable.");
    }
    layers.push_back(std::move(layer));
  }
  {
    ActAs as(ctx, *checked_as);
    require_table_privileges(ctx, *table, wanted);
    // The table's policies would hold for the view's owner, whose they are here.
    if (row_security_applies(ctx, *table)) {
      throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: changing table \"" + table->name +
                                                        "\" through view \"" + layers.front()->def.name +
                                                        "\", whose owner its row-level security policies hold for");
    }
  }

  // Bound from the table up: each view's columns over the row of the one below.
  std::vector<ScopeColumn> scope = table_scope(*table, qualifier_of(*layers.back()->from));
  mark_columns_after_view(scope, table->oid, &layers.back()->def.table_widths);
  rename_columns(scope, *layers.back()->from);
  for (std::size_t k = layers.size(); k-- > 0;) {
    Layer& layer = *layers[k];
    {
      ViewNamesAsMade names_as_made(ctx, layer.def.search_path, &layer.def.table_widths);
      Binder binder(scope, "SELECT", ctx);
      layer.projection = bind_projection(layer.query->targets, binder, false);
      if (layer.query->where) layer.where = Binder(scope, "WHERE", ctx).bind_condition(*layer.query->where);
    }
    // The columns the view was made with: a `*` now finds columns added since.
    const std::size_t width = layer.def.columns.size();
    if (layer.projection.exprs.size() < width) {
      throw DbError(sqlstate::kInternalError,
                    "view \"" + layer.def.name + "\" has fewer columns than it was made with");
    }
    layer.projection.exprs.resize(width);
    layer.projection.columns.resize(width);
    bool any_updatable = false;
    for (const BoundExprPtr& e : layer.projection.exprs) {
      layer.below.push_back(e->kind == BoundExpr::Kind::kColumn ? e->column : -1);
      any_updatable = any_updatable || layer.below.back() >= 0;
    }
    if (!any_updatable && action != Action::kDelete) {
      refuse(action, layer.def.name, "Views that have no updatable columns are not automatically updatable.");
    }
    std::vector<ScopeColumn> above;
    const std::string qualifier = k == 0 ? qualifier_of(range) : qualifier_of(*layers[k - 1]->from);
    for (std::size_t i = 0; i < width; ++i) {
      above.push_back({qualifier, layer.def.columns[i], layer.projection.exprs[i]->type});
    }
    if (k > 0) rename_columns(above, *layers[k - 1]->from);
    scope = std::move(above);
  }
  bool cascaded = false;
  for (const auto& layer : layers) {
    layer->checks = layer->def.check_option != 0 || cascaded;
    cascaded = cascaded || layer->def.check_option == 'c';
  }
  return std::unique_ptr<ViewTarget>(new ViewTarget(std::move(layers), std::move(table), std::move(scope)));
}

ViewTarget::Updatability ViewTarget::updatability(const ViewDef& view, ExecContext& ctx) {
  Updatability out;
  out.columns.assign(view.columns.size(), false);
  ast::RangeVar range;
  range.schema = view.schema;
  range.name = view.name;
  std::unique_ptr<ViewTarget> target;
  try {
    target = find(range, Action::kDelete, ctx);
  } catch (const DbError&) {
    return out;  // not updatable, or no longer readable
  }
  if (!target) return out;
  out.deletable = true;
  for (std::size_t i = 0; i < out.columns.size(); ++i) {
    int at = static_cast<int>(i);
    for (const auto& layer : target->layers_) at = at < 0 ? at : layer->below[static_cast<std::size_t>(at)];
    out.columns[i] = at >= 0;
    out.insertable = out.insertable || at >= 0;
  }
  return out;
}

const ast::RangeVar& ViewTarget::table_range() const { return *layers_.back()->from; }

const ast::Expr* ViewTarget::table_where() const { return layers_.back()->query->where.get(); }

const std::vector<std::string>& ViewTarget::table_search_path() const { return layers_.back()->def.search_path; }

const std::string& ViewTarget::name() const { return layers_.front()->def.name; }

int ViewTarget::table_column(std::size_t column, const char* verb) const {
  int at = static_cast<int>(column);
  for (const auto& layer : layers_) {
    at = layer->below[static_cast<std::size_t>(at)];
    if (at < 0) {
      throw DbError(sqlstate::kFeatureNotSupported, std::string("cannot ") + verb + " column \"" +
                                                        layers_.front()->def.columns[column] + "\" of view \"" +
                                                        name() + "\"")
          .with_detail("View columns that are not columns of their base relation are not updatable.");
    }
  }
  return at;
}

namespace {

// Whether evaluating `e` again gives the same answer and does nothing else.
bool plain(const BoundExpr& e) {
  using K = BoundExpr::Kind;
  switch (e.kind) {
    case K::kConstant:
    case K::kColumn:
    case K::kCast:
    case K::kArith:
    case K::kNegate:
    case K::kCompare:
    case K::kAnd:
    case K::kOr:
    case K::kNot:
    case K::kIsNull:
    case K::kBoolTest:
    case K::kDistinct:
    case K::kLike:
    case K::kConcat:
    case K::kInList:
    case K::kCase:
    case K::kCoalesce:
    case K::kNullIf:
    case K::kRow:
    case K::kRowCompare:
      break;
    default:
      return false;
  }
  for (const BoundExprPtr& arg : e.args) {
    if (!plain(*arg)) return false;
  }
  return true;
}

// A copy of `e` with each column read replaced by a copy of that column's
// expression in `columns` (null: a plain copy).
BoundExprPtr substituted(const BoundExpr& e, const std::vector<BoundExprPtr>* columns) {
  if (columns != nullptr && e.kind == BoundExpr::Kind::kColumn) {
    return substituted(*(*columns)[static_cast<std::size_t>(e.column)], nullptr);
  }
  auto out = std::make_unique<BoundExpr>();
  out->kind = e.kind;
  out->type = e.type;
  out->constant = e.constant;
  out->column = e.column;
  out->op = e.op;
  out->negated = e.negated;
  out->case_insensitive = e.case_insensitive;
  out->has_operand = e.has_operand;
  out->has_else = e.has_else;
  out->cast_context = e.cast_context;
  out->function = e.function;
  out->ctx = e.ctx;
  out->param = e.param;
  for (const BoundExprPtr& arg : e.args) out->args.push_back(substituted(*arg, columns));
  return out;
}

}  // namespace

BoundExprPtr ViewTarget::table_condition(const BoundExpr& view_where) const {
  if (view_where.kind == BoundExpr::Kind::kAnd) {
    // Each AND-ed term on its own: a volatile one leaves the others to use an index.
    auto out = std::make_unique<BoundExpr>();
    out->kind = BoundExpr::Kind::kAnd;
    out->type = view_where.type;
    for (const BoundExprPtr& term : view_where.args) {
      if (BoundExprPtr e = table_condition(*term)) out->args.push_back(std::move(e));
    }
    if (out->args.empty()) return nullptr;
    return out->args.size() == 1 ? std::move(out->args[0]) : std::move(out);
  }
  if (!plain(view_where)) return nullptr;
  // Through each view down, the columns it reads become the expressions they show.
  std::vector<int> reads = columns_read(view_where);
  for (const auto& layer : layers_) {
    std::vector<int> below;
    for (int c : reads) {
      const BoundExpr& shown = *layer->projection.exprs[static_cast<std::size_t>(c)];
      if (!plain(shown)) return nullptr;
      for (int b : columns_read(shown)) below.push_back(b);
    }
    reads = std::move(below);
  }
  BoundExprPtr condition = substituted(view_where, &layers_.front()->projection.exprs);
  for (std::size_t k = 1; k < layers_.size(); ++k) condition = substituted(*condition, &layers_[k]->projection.exprs);
  return condition;
}

PlanNodePtr ViewTarget::plan_scan(const BoundExpr* view_where, ExecContext& ctx) const {
  PlanNodePtr plan;
  auto condition = std::make_unique<BoundExpr>();
  condition->kind = BoundExpr::Kind::kAnd;
  condition->type = {TypeId::kBool, -1};
  {
    ViewNamesAsMade names_as_made(ctx, table_search_path(), &layers_.back()->def.table_widths);
    // The table is read as the view over it reads it: as that view's owner.
    ActAs as_owner(ctx, owner_oid(layers_.back()->def.owner));
    ast::RangeVar range = table_range();
    range.table_only = true;
    range.privileges_checked = true;
    const ast::TableRef item{std::move(range)};
    plan = plan_from({&item}, ctx);
    if (table_where() != nullptr) {
      condition->args.push_back(Binder(plan->scope, "WHERE", ctx).bind_condition(*table_where()));
    }
  }
  if (view_where != nullptr) {
    if (BoundExprPtr also = table_condition(*view_where)) condition->args.push_back(std::move(also));
  }
  if (condition->args.empty()) condition = nullptr;
  push_down_conditions(*plan, std::move(condition));
  return plan;
}

Row ViewTarget::view_row(const Row& table_row) const {
  Row row = table_row;
  for (std::size_t k = layers_.size(); k-- > 0;) row = layers_[k]->projection.evaluate(row);
  return row;
}

bool ViewTarget::shows(const Row& table_row) const {
  Row row = table_row;
  for (std::size_t k = layers_.size(); k-- > 0;) {
    if (layers_[k]->where) {
      const Value ok = evaluate(*layers_[k]->where, row);
      if (ok.is_null() || !ok.as_bool()) return false;
    }
    if (k > 0) row = layers_[k]->projection.evaluate(row);
  }
  return true;
}

void ViewTarget::check_new_row(const Row& table_row) const {
  Row row = table_row;
  // The innermost view that fails is named, as PostgreSQL checks them.
  for (std::size_t k = layers_.size(); k-- > 0;) {
    if (layers_[k]->checks && layers_[k]->where) {
      const Value ok = evaluate(*layers_[k]->where, row);
      if (ok.is_null() || !ok.as_bool()) {
        throw DbError(sqlstate::kWithCheckOptionViolation,
                      "new row violates check option for view \"" + layers_[k]->def.name + "\"")
            .with_detail("Failing row contains " + row_text(table_row) + ".");
      }
    }
    if (k > 0) row = layers_[k]->projection.evaluate(row);
  }
}

}  // namespace heliosdb::engine
