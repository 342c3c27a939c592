#include "engine/exec/returning.hpp"

namespace heliosdb::engine {

std::unique_ptr<Projection> bind_returning(const std::vector<ast::ResultTarget>& targets,
                                           std::vector<ScopeColumn> scope, ExecContext& ctx) {
  if (targets.empty()) return nullptr;
  Binder binder(std::move(scope), "RETURNING", ctx);
  return std::make_unique<Projection>(bind_projection(targets, binder, false));
}

QueryResult returning_result(const Projection* projection) {
  QueryResult result;
  if (projection != nullptr) {
    result.returns_rows = true;
    result.columns = projection->columns;
  }
  return result;
}

}  // namespace heliosdb::engine
