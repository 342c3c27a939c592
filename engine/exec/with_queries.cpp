#include "engine/exec/with_queries.hpp"

#include <algorithm>
#include <unordered_set>

#include "engine/ast/expr_walk.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/statements.hpp"
#include "engine/exec/view_target.hpp"
#include "engine/types/cast.hpp"

namespace heliosdb::engine {

/// One WITH query in scope and, once run, its rows.
struct WithBinding {
  enum class State : std::uint8_t {
    kPending,           ///< not read yet
    kRunning,           ///< its query is running
    kNonRecursiveTerm,  ///< WITH RECURSIVE: the term before UNION is running
    kRecursiveTerm,     ///< ... the term after it, reading `rows` (the working table)
    kDone,
  };
  const ast::CommonTableExpr* query = nullptr;
  bool recursive_clause = false;
  std::vector<std::unique_ptr<WithBinding>>* clause = nullptr;  ///< its WITH clause's queries
  std::size_t position = 0;                                     ///< in `clause`
  State state = State::kPending;
  bool hidden = false;   ///< out of scope while an earlier query of a plain WITH runs
  bool has_rows = true;  ///< false for INSERT/UPDATE/DELETE without RETURNING
  std::vector<ResultColumn> columns;
  std::vector<Row> rows;
};

namespace {

using State = WithBinding::State;

const std::string& name_of(const WithBinding& b) { return b.query->name; }

DbError at_query(DbError e, const WithBinding& b) { return at(std::move(e), b.query->location); }

void apply_aliases(WithBinding& b) {
  const auto& aliases = b.query->column_aliases;
  if (aliases.size() > b.columns.size()) {
    throw at_query(DbError(sqlstate::kInvalidColumnReference,
                           "WITH query \"" + name_of(b) + "\" has " + std::to_string(b.columns.size()) +
                               " columns available but " + std::to_string(aliases.size()) + " columns specified"),
                   b);
  }
  for (std::size_t i = 0; i < aliases.size(); ++i) b.columns[i].name = aliases[i];
  // A WITH query's columns come from no table (RowDescription says 0).
  for (ResultColumn& c : b.columns) {
    c.table_oid = 0;
    c.column_number = 0;
  }
}

// Unknown-typed output (a bare string literal) reads as text, as PostgreSQL
// resolves a WITH query's output columns.
void resolve_unknown(std::vector<ResultColumn>& columns, std::vector<Row>& rows) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].type.id != TypeId::kUnknown) continue;
    columns[c].type = {TypeId::kText, -1};
    for (Row& row : rows) {
      if (row[c].type() != TypeId::kText) row[c] = cast_value(row[c], columns[c].type, CastContext::kExplicit);
    }
  }
}

QueryResult run_modifying(const ast::Statement& statement, ExecContext& ctx) {
  if (const auto* insert = std::get_if<ast::InsertStmt>(&statement.node)) return run_insert(*insert, ctx);
  if (const auto* update = std::get_if<ast::UpdateStmt>(&statement.node)) return run_update(*update, ctx);
  if (const auto* del = std::get_if<ast::DeleteStmt>(&statement.node)) return run_delete(*del, ctx);
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: this statement in WITH");
}

std::uint32_t target_oid(const ast::Statement& statement, ExecContext& ctx) {
  const ast::RangeVar* target = nullptr;
  auto action = ViewTarget::Action::kDelete;
  if (const auto* insert = std::get_if<ast::InsertStmt>(&statement.node)) {
    target = &insert->table;
    action = ViewTarget::Action::kInsert;
  }
  if (const auto* update = std::get_if<ast::UpdateStmt>(&statement.node)) {
    target = &update->table;
    action = ViewTarget::Action::kUpdate;
  }
  if (const auto* del = std::get_if<ast::DeleteStmt>(&statement.node)) target = &del->table;
  if (target == nullptr) return 0;
  // Through a view, the table under it changes.
  if (auto view = ViewTarget::find(*target, action, ctx)) return view->table().oid;
  return ctx.require_table(target->schema, target->name, target->location)->oid;
}

// PostgreSQL's checkWellFormedRecursion: the recursive term reads its own
// query once, not inside a subquery, an outer join's NULL-extended side,
// INTERSECT or EXCEPT, and does not aggregate over it.
class RecursionCheck {
 public:
  /// `non_recursive`: checking the term before UNION, which must not read it at all.
  RecursionCheck(const std::string& name, bool non_recursive) : name_(name), non_recursive_(non_recursive) {}

  /// How often the term reads the query (0 or 1; anything else throws).
  int term(const ast::SelectStmt& s) {
    select(s, nullptr);
    if (refs_ > 0 && s.set_op == ast::SelectStmt::SetOp::kNone) {
      bool grouped = !s.group_by.empty() || ast::contains_aggregate(s.having.get());
      for (const auto& t : s.targets) grouped = grouped || ast::contains_aggregate(t.expr.get());
      if (grouped) {
        throw DbError(sqlstate::kInvalidRecursion,
                      "aggregate functions are not allowed in a recursive query's recursive term");
      }
    }
    return refs_;
  }

 private:
  // `within`: what the reference must not appear within here, or null.
  void select(const ast::SelectStmt& s, const char* within) {
    if (s.set_op != ast::SelectStmt::SetOp::kNone) {
      const char* op = s.set_op == ast::SelectStmt::SetOp::kIntersect ? "INTERSECT"
                       : s.set_op == ast::SelectStmt::SetOp::kExcept  ? "EXCEPT"
                                                                      : nullptr;
      select(*s.left, within != nullptr ? within : op);
      select(*s.right, within != nullptr ? within : op);
      return;
    }
    for (const auto& item : s.from) from_item(*item, within);
    for (const auto& t : s.targets) expr(t.expr.get());
    expr(s.where.get());
    expr(s.having.get());
    for (const auto& g : s.group_by) expr(g.get());
  }

  void from_item(const ast::TableRef& ref, const char* within) {
    if (const auto* range = std::get_if<ast::RangeVar>(&ref.node)) {
      if (!range->schema.empty() || range->name != name_) return;
      auto refuse = [&](const std::string& what) {
        throw at(DbError(sqlstate::kInvalidRecursion,
                         "recursive reference to query \"" + name_ + "\" must not appear " + what),
                 range->location);
      };
      if (non_recursive_) refuse("within its non-recursive term");
      if (within != nullptr) refuse(std::string("within ") + within);
      if (++refs_ > 1) refuse("more than once");
    } else if (const auto* join = std::get_if<ast::JoinRef>(&ref.node)) {
      using JK = ast::JoinRef::Kind;
      const char* outer = within != nullptr ? within : "an outer join";
      from_item(*join->left, join->kind == JK::kRight || join->kind == JK::kFull ? outer : within);
      from_item(*join->right, join->kind == JK::kLeft || join->kind == JK::kFull ? outer : within);
      expr(join->on.get());
    } else if (const auto* sub = std::get_if<ast::SubqueryRef>(&ref.node)) {
      select(*sub->select, "a subquery");
    }
  }

  void expr(const ast::Expr* e) {
    if (e == nullptr) return;
    if (const auto* link = std::get_if<ast::SubLink>(&e->node)) select(*link->select, "a subquery");
    ast::for_each_child(*e, [&](const ast::Expr& child) { expr(&child); });
  }

  const std::string& name_;
  bool non_recursive_;
  int refs_ = 0;
};

// `non-recursive term UNION [ALL] recursive term`: the first term's rows,
// then the second's run again and again over the rows the last run added
// (UNION: the rows not seen before) until it adds none.
void run_recursive(WithBinding& b, const ast::SelectStmt& select, ExecContext& ctx) {
  RecursionCheck(name_of(b), true).term(*select.left);
  if (RecursionCheck(name_of(b), false).term(*select.right) == 0) {
    // No recursion after all: a plain UNION, whose name means what it
    // would without this query.
    b.hidden = true;
    QueryResult whole = run_select(select, ctx);
    b.hidden = false;
    b.columns = std::move(whole.columns);
    resolve_unknown(b.columns, whole.rows);
    apply_aliases(b);
    b.rows = std::move(whole.rows);
    return;
  }
  b.state = State::kNonRecursiveTerm;
  QueryResult first = run_select(*select.left, ctx);
  b.columns = std::move(first.columns);
  resolve_unknown(b.columns, first.rows);
  apply_aliases(b);

  std::unordered_set<std::string> seen;
  std::vector<Row> all;
  std::vector<Row> working;
  auto add = [&](Row row) {
    if (!select.set_all && !seen.insert(equality_key(row)).second) return;
    all.push_back(row);
    working.push_back(std::move(row));
  };
  for (Row& row : first.rows) add(std::move(row));

  b.state = State::kRecursiveTerm;
  bool first_run = true;
  do {
    ctx.check_interrupts();
    b.rows = std::move(working);
    working.clear();
    QueryResult next = run_select(*select.right, ctx);
    if (first_run) {
      auto refuse = [](const char* clause, int location) {
        throw at(
            DbError(sqlstate::kFeatureNotSupported, std::string(clause) + " in a recursive query is not implemented"),
            location);
      };
      if (!select.order_by.empty()) refuse("ORDER BY", select.order_by.front().expr->location);
      if (select.offset) refuse("OFFSET", select.offset->location);
      if (select.limit) refuse("LIMIT", select.limit->location);
      if (!select.locking.empty()) refuse("FOR UPDATE/SHARE", -1);
    }
    first_run = false;
    if (next.columns.size() != b.columns.size()) {
      throw DbError(sqlstate::kSyntaxError, "each UNION query must have the same number of columns");
    }
    for (std::size_t c = 0; c < b.columns.size(); ++c) {
      const SqlType want = b.columns[c].type;
      const SqlType got = next.columns[c].type;
      if (got.id == want.id) continue;
      if (common_type({want, got}, "UNION").id != want.id) {
        const auto& targets = select.left->targets;
        throw at(DbError(sqlstate::kDatatypeMismatch,
                         "recursive query \"" + name_of(b) + "\" column " + std::to_string(c + 1) + " has type " +
                             type_display_name(want) + " in non-recursive term but type " +
                             type_display_name(common_type({want, got}, "UNION")) + " overall")
                     .with_hint("Cast the output of the non-recursive term to the correct type."),
                 c < targets.size() ? targets[c].expr->location : b.query->location);
      }
      for (Row& row : next.rows) {
        if (!row[c].is_null()) row[c] = cast_value(row[c], want, CastContext::kImplicit);
      }
    }
    for (Row& row : next.rows) add(std::move(row));
  } while (!working.empty());
  b.rows = std::move(all);
}

void materialise(WithBinding& b, ExecContext& ctx) {
  const ast::Statement& statement = *b.query->query;
  const auto* select = std::get_if<ast::SelectStmt>(&statement.node);
  if (select == nullptr) {
    QueryResult result = run_modifying(statement, ctx);
    b.has_rows = result.returns_rows;
    b.columns = std::move(result.columns);
    b.rows = std::move(result.rows);
    apply_aliases(b);
    b.state = State::kDone;
    return;
  }
  // A plain WITH query sees only the queries before it in its clause.
  std::vector<WithBinding*> hid;
  if (!b.recursive_clause) {
    for (std::size_t i = b.position; i < b.clause->size(); ++i) {
      WithBinding& later = *(*b.clause)[i];
      if (!later.hidden) {
        later.hidden = true;
        hid.push_back(&later);
      }
    }
  }
  struct Unhide {
    std::vector<WithBinding*>& hid;
    ~Unhide() {
      for (WithBinding* h : hid) h->hidden = false;
    }
  } unhide{hid};
  if (b.recursive_clause && select->set_op == ast::SelectStmt::SetOp::kUnion) {
    run_recursive(b, *select, ctx);
  } else {
    b.state = State::kRunning;
    QueryResult result = run_select(*select, ctx);
    b.columns = std::move(result.columns);
    b.rows = std::move(result.rows);
    resolve_unknown(b.columns, b.rows);
    apply_aliases(b);
  }
  b.state = State::kDone;
}

}  // namespace

WithScope::WithScope(const std::shared_ptr<const ast::WithClause>& with, ExecContext& ctx) : ctx_(ctx) {
  if (!with) return;
  for (const ast::CommonTableExpr& query : with->queries) {
    auto b = std::make_unique<WithBinding>();
    b->query = &query;
    b->recursive_clause = with->recursive;
    b->clause = &bindings_;
    b->position = bindings_.size();
    bindings_.push_back(std::move(b));
  }
  for (auto& b : bindings_) ctx_.with_queries.push_back(b.get());
  if (ctx.describe_only) return;
  // Data-modifying queries run now, in order, whether read or not; the
  // statement may not read their tables again (check_not_changed_by_with).
  for (auto& b : bindings_) {
    if (std::holds_alternative<ast::SelectStmt>(b->query->query->node)) continue;
    const std::uint32_t oid = target_oid(*b->query->query, ctx_);
    materialise(*b, ctx_);
    ctx_.changed_by_with.push_back(oid);
  }
}

WithScope::~WithScope() { ctx_.with_queries.resize(ctx_.with_queries.size() - bindings_.size()); }

std::optional<Relation> with_query_relation(const std::string& name, const std::string& qualifier, int location,
                                            ExecContext& ctx) {
  for (auto it = ctx.with_queries.rbegin(); it != ctx.with_queries.rend(); ++it) {
    WithBinding& b = **it;
    if (b.hidden || name_of(b) != name) continue;
    switch (b.state) {
      case State::kPending:
        materialise(b, ctx);
        break;
      case State::kRunning:
        throw at(DbError(sqlstate::kInvalidRecursion, "recursive query \"" + name +
                                                          "\" does not have the form non-recursive-term UNION [ALL] "
                                                          "recursive-term"),
                 b.query->location);
      case State::kNonRecursiveTerm:
        throw at(DbError(sqlstate::kInvalidRecursion,
                         "recursive reference to query \"" + name + "\" must not appear within its non-recursive term"),
                 location);
      case State::kRecursiveTerm:
        break;
      case State::kDone:
        break;
    }
    if (!b.has_rows) {
      throw at(DbError(sqlstate::kFeatureNotSupported, "WITH query \"" + name + "\" does not have a RETURNING clause"),
               location);
    }
    Relation relation;
    for (const ResultColumn& c : b.columns) relation.scope.push_back({qualifier, c.name, c.type, 0, 0});
    relation.rows = b.rows;
    return relation;
  }
  return std::nullopt;
}

void check_not_changed_by_with(const TableDef& table, ExecContext& ctx) {
  if (std::find(ctx.changed_by_with.begin(), ctx.changed_by_with.end(), table.oid) == ctx.changed_by_with.end()) {
    return;
  }
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: reading table \"" + table.name +
                                                    "\" in a statement whose data-modifying WITH query changes it")
      .with_hint("Read it in a separate statement, before or after this one.");
}

}  // namespace heliosdb::engine
