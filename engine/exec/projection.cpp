#include "engine/exec/projection.hpp"

#include "engine/common/db_error.hpp"
#include "engine/exec/evaluator.hpp"

namespace heliosdb::engine {

Row Projection::evaluate(const Row& input) const {
  Row out;
  out.reserve(exprs.size());
  for (const auto& e : exprs) out.push_back(engine::evaluate(*e, input));
  return out;
}

std::vector<ScopeColumn> table_scope(const TableDef& table, const std::string& qualifier) {
  std::vector<ScopeColumn> scope;
  scope.reserve(table.columns.size());
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnDef& c = table.columns[i];
    scope.push_back({qualifier, c.name, c.type, table.oid, static_cast<std::int16_t>(i + 1)});
  }
  return scope;
}

namespace {

// PostgreSQL's FigureColnameInternal: a name and how strongly it was chosen
// (2: a column or function name; 1: a type name or "case"; 0: nothing).
std::pair<std::string, int> figure_name(const ast::Expr& expr) {
  return std::visit(
      [&](const auto& node) -> std::pair<std::string, int> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, ast::ColumnRef>) {
          if (node.star || node.names.empty()) return {"?column?", 0};
          return {node.names.back(), 2};
        } else if constexpr (std::is_same_v<T, ast::FuncCall>) {
          return {node.name.back(), 2};
        } else if constexpr (std::is_same_v<T, ast::Cast>) {
          auto inner = figure_name(*node.arg);
          if (inner.second > 1) return inner;
          return {node.type.names.back(), 1};
        } else if constexpr (std::is_same_v<T, ast::CaseExpr>) {
          // CASE ... ELSE x END takes x's name when that is strong.
          if (node.otherwise) {
            auto inner = figure_name(*node.otherwise);
            if (inner.second > 1) return inner;
          }
          return {"case", 1};
        } else if constexpr (std::is_same_v<T, ast::SubLink>) {
          if (node.kind == ast::SubLink::Kind::kExists) return {"exists", 2};
          if (node.kind == ast::SubLink::Kind::kArray) return {"array", 2};
          // (SELECT x ...) is named after its one output column.
          if (node.kind == ast::SubLink::Kind::kScalar && !node.select->targets.empty()) {
            const ast::ResultTarget& first = node.select->targets[0];
            return {first.alias.empty() ? figure_name(*first.expr).first : first.alias, 2};
          }
          return {"?column?", 0};
        } else if constexpr (std::is_same_v<T, ast::ArrayExpr>) {
          return {"array", 2};
        } else if constexpr (std::is_same_v<T, ast::RowExpr>) {
          return {"row", 2};
        } else if constexpr (std::is_same_v<T, ast::Subscript>) {
          // (x).f is named f; x[i] after its x.
          for (auto it = node.indices.rbegin(); it != node.indices.rend(); ++it) {
            if (!it->field.empty()) return {it->field, 2};
          }
          return figure_name(*node.arg);
        } else if constexpr (std::is_same_v<T, ast::SqlValueFunction>) {
          using K = ast::SqlValueFunction::Kind;
          switch (node.kind) {
            case K::kCurrentDate:
              return {"current_date", 2};
            case K::kCurrentTime:
              return {"current_time", 2};
            case K::kCurrentTimestamp:
              return {"current_timestamp", 2};
            case K::kLocalTime:
              return {"localtime", 2};
            case K::kLocalTimestamp:
              return {"localtimestamp", 2};
            case K::kCurrentRole:
              return {"current_role", 2};
            case K::kCurrentUser:
              return {"current_user", 2};
            case K::kUser:
              return {"user", 2};
            case K::kSessionUser:
              return {"session_user", 2};
            case K::kCurrentCatalog:
              return {"current_catalog", 2};
            case K::kCurrentSchema:
              return {"current_schema", 2};
          }
          return {"?column?", 0};
        } else {
          return {"?column?", 0};
        }
      },
      expr.node);
}

}  // namespace

std::string output_column_name(const ast::Expr& expr) { return figure_name(expr).first; }

Projection bind_projection(const std::vector<ast::ResultTarget>& targets, Binder& binder, bool grouped) {
  Projection p;
  const auto& scope = binder.scope();
  for (const ast::ResultTarget& target : targets) {
    const auto* ref = std::get_if<ast::ColumnRef>(&target.expr->node);
    if (ref != nullptr && ref->star) {
      // * or t.*: every column of the scope (of that table).
      bool any = false;
      for (std::size_t i : star_columns(scope, ref->names.empty() ? nullptr : &ref->names[0])) {
        any = true;
        // A FULL JOIN ... USING column is its merged value, by its bare name.
        const bool merged = ref->names.empty() && scope[i].using_role == ScopeColumn::Using::kFull;
        ast::ColumnRef column{merged ? std::vector<std::string>{scope[i].name}
                                     : std::vector<std::string>{scope[i].qualifier, scope[i].name},
                              false};
        ast::Expr e{column, target.location};
        // By position where it can be: two columns may share a name (unnest(a, b)).
        p.exprs.push_back(merged || grouped ? binder.bind(e) : make_column(static_cast<int>(i), scope[i].type));
        if (merged) {
          p.columns.push_back({scope[i].name, p.exprs.back()->type, 0, 0});
        } else {
          p.columns.push_back({scope[i].name, scope[i].type, scope[i].table_oid, scope[i].column_number});
        }
      }
      if (!any && !ref->names.empty()) {
        throw DbError(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + ref->names[0] + "\"")
            .at_position(target.location + 1);
      }
      if (!any) {
        throw DbError(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid")
            .at_position(target.location + 1);
      }
      continue;
    }
    BoundExprPtr e = binder.bind(*target.expr);
    if (e->type.id == TypeId::kUnknown) e = coerce(std::move(e), {TypeId::kText, -1}, CastContext::kImplicit);
    ResultColumn rc{target.alias.empty() ? output_column_name(*target.expr) : target.alias, e->type};
    if (!grouped && e->kind == BoundExpr::Kind::kColumn && ref != nullptr) {
      rc.table_oid = scope[static_cast<std::size_t>(e->column)].table_oid;
      rc.column_number = scope[static_cast<std::size_t>(e->column)].column_number;
    }
    p.columns.push_back(rc);
    p.exprs.push_back(std::move(e));
  }
  return p;
}

}  // namespace heliosdb::engine
