#include "engine/exec/assignment.hpp"

#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/generated_columns.hpp"

namespace heliosdb::engine {

namespace {

void require_assignable(const SqlType& type, const ColumnDef& column, int location) {
  if (can_cast(type.id, column.type.id, CastContext::kAssignment)) return;
  throw at(DbError(sqlstate::kDatatypeMismatch, "column \"" + column.name + "\" is of type " +
                                                    type_display_name(column.type) + " but expression is of type " +
                                                    type_display_name(type))
               .with_hint("You will need to rewrite or cast the expression."),
           location);
}

}  // namespace

BoundExprPtr assign_to(BoundExprPtr e, const ColumnDef& column, int location) {
  require_assignable(e->type, column, location);
  return coerce(std::move(e), column.type, CastContext::kAssignment);
}

Value assign_value(Value value, const ColumnDef& column, int location) {
  const SqlType type{value.type(), -1};  // as make_constant types it
  if (type == column.type) return value;
  require_assignable(type, column, location);
  return cast_value(value, column.type, CastContext::kAssignment);
}

std::vector<std::pair<int, BoundExprPtr>> bind_set_list(const std::vector<ast::SetClause>& set, const TableDef& table,
                                                        Binder& binder) {
  std::vector<std::pair<int, BoundExprPtr>> sets;
  std::set<int> seen;
  for (const ast::SetClause& clause : set) {
    const int index = table.column_index(clause.column);
    if (index < 0) {
      throw at(DbError(sqlstate::kUndefinedColumn,
                       "column \"" + clause.column + "\" of relation \"" + table.name + "\" does not exist"),
               clause.location);
    }
    if (clause.subscripted) {
      throw at(DbError(sqlstate::kFeatureNotSupported,
                       "not supported yet: assigning to a field or element of \"" + clause.column + "\""),
               clause.location);
    }
    if (!seen.insert(index).second) {
      throw at(DbError(sqlstate::kSyntaxError, "multiple assignments to same column \"" + clause.column + "\""),
               clause.location);
    }
    const ColumnDef& column = table.columns[static_cast<std::size_t>(index)];
    if (column.is_generated() && !std::holds_alternative<ast::DefaultMarker>(clause.value->node)) {
      refuse_generated_update(column);
    }
    if (column.identity == 'a' && !std::holds_alternative<ast::DefaultMarker>(clause.value->node)) {
      throw DbError(sqlstate::kGeneratedAlways, "column \"" + column.name + "\" can only be updated to DEFAULT")
          .with_detail("Column \"" + column.name + "\" is an identity column defined as GENERATED ALWAYS.");
    }
    if (std::holds_alternative<ast::DefaultMarker>(clause.value->node)) {
      sets.emplace_back(index, nullptr);
    } else {
      sets.emplace_back(index, assign_to(binder.bind(*clause.value), table.columns[static_cast<std::size_t>(index)],
                                         clause.value->location));
    }
  }
  return sets;
}

std::vector<int> set_columns(const std::vector<std::pair<int, BoundExprPtr>>& sets) {
  std::vector<int> out;
  out.reserve(sets.size());
  for (const auto& set : sets) out.push_back(set.first);
  return out;
}

}  // namespace heliosdb::engine
