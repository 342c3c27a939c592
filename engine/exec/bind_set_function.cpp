// A set-returning call outside FROM: allowed in the select list (and ORDER
// BY), where the query expands each row by its results; everywhere else an
// error naming the place, as PostgreSQL's check_srf_call_placement words it.
#include <map>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/set_functions.hpp"
#include "engine/types/record.hpp"

namespace heliosdb::engine {

namespace {

constexpr const char* kLateralHint = "You might be able to move the set-returning function into a LATERAL FROM item.";

// The deepest set-returning call under `e`: -1 if none.
int deepest_call(const BoundExpr& e, const std::vector<SetFunctionCall>& calls) {
  int deepest = e.kind == BoundExpr::Kind::kSetFunction ? calls[static_cast<std::size_t>(e.column)].level : -1;
  for (const BoundExprPtr& arg : e.args) deepest = std::max(deepest, deepest_call(*arg, calls));
  return deepest;
}

// PostgreSQL's words for the clauses that never take a set-returning call.
const char* forbidden_place(const std::string& clause) {
  static const std::map<std::string, const char*> kPlaces = {
      {"WHERE", "WHERE"},
      {"HAVING", "HAVING"},
      {"JOIN/ON", "JOIN conditions"},
      {"JOIN/USING", "JOIN conditions"},
      {"CHECK", "check constraints"},
      {"DEFAULT", "DEFAULT expressions"},
      {"column generation expressions", "column generation expressions"},
  };
  auto it = kPlaces.find(clause);
  return it == kPlaces.end() ? nullptr : it->second;
}

}  // namespace

void Binder::check_set_function_place(const std::string& name, int location) const {
  auto refuse = [&](const std::string& message, bool hint) {
    DbError error(sqlstate::kFeatureNotSupported, message);
    if (hint) error.with_hint(kLateralHint);
    throw at(std::move(error), location);
  };
  if (inside_aggregate_) refuse("aggregate function calls cannot contain set-returning function calls", true);
  if (inside_window_) refuse("window function calls cannot contain set-returning function calls", true);
  if (conditional_ != nullptr) refuse(std::string("set-returning functions are not allowed in ") + conditional_, true);
  if (set_functions_ == nullptr) {
    if (const char* place = forbidden_place(clause_)) {
      refuse(std::string("set-returning functions are not allowed in ") + place, false);
    }
    refuse("not supported yet: set-returning function " + name + " in " + clause_, false);
  }
}

BoundExprPtr Binder::bind_set_function_call(const std::string& name, const ast::FuncCall& call, int location) {
  check_set_function_place(name, location);
  if (call.star || call.distinct || call.filter || !call.order.empty() || call.within_group) {
    throw at(DbError(sqlstate::kWrongObjectType, name + " is not an aggregate function"), location);
  }
  return add_set_function(bind_set_function(name, call, *this, location), name, location);
}

BoundExprPtr Binder::bind_set_function_field(const ast::FuncCall& call, const std::string& field, int location) {
  const std::string name = builtin_function_name(call);
  if (call.over || !is_set_function(name)) return nullptr;
  check_set_function_place(name, location);
  SetFunctionCall bound = bind_set_function(name, call, *this, location);
  if (bound.columns.size() == 1) {
    throw at(DbError(sqlstate::kWrongObjectType, "column notation ." + field + " applied to type " +
                                                     type_display_name(bound.columns[0].type) +
                                                     ", which is not a composite type"),
             location);
  }
  std::size_t k = 0;
  while (k < bound.columns.size() && bound.columns[k].name != field) ++k;
  if (k == bound.columns.size()) {
    throw at(DbError(sqlstate::kUndefinedColumn, "could not identify column \"" + field + "\" in record data type"),
             location);
  }
  bound.produce = [produce = std::move(bound.produce), k](const std::vector<Value>& args, ExecContext& ctx) {
    std::vector<Row> rows = produce(args, ctx);
    for (Row& row : rows) row = Row{std::move(row[k])};
    return rows;
  };
  bound.columns = {bound.columns[k]};
  return add_set_function(std::move(bound), name, location);
}

BoundExprPtr Binder::add_set_function(SetFunctionCall bound, const std::string& name, int location) {
  check_set_function_place(name, location);
  if (bound.columns.size() != 1) {
    // Several columns make one record each row, as PostgreSQL's select list shows them.
    std::vector<RecordField> fields;
    for (const SetFunctionCall::Column& c : bound.columns) fields.push_back({c.name, c.type});
    const std::int32_t typmod = record_typmod(fields);
    bound.produce = [produce = std::move(bound.produce), typmod](const std::vector<Value>& args, ExecContext& ctx) {
      std::vector<Row> rows = produce(args, ctx);
      for (Row& row : rows) row = Row{make_record(row, typmod)};
      return rows;
    };
    bound.columns = {{name, {TypeId::kRecord, typmod}}};
  }
  for (const BoundExprPtr& arg : bound.args)
    bound.level = std::max(bound.level, deepest_call(*arg, *set_functions_) + 1);
  auto placeholder = std::make_unique<BoundExpr>();
  placeholder->kind = BoundExpr::Kind::kSetFunction;
  placeholder->type = bound.columns[0].type;
  placeholder->column = static_cast<int>(set_functions_->size());
  set_functions_->push_back(std::move(bound));
  return placeholder;
}

}  // namespace heliosdb::engine
