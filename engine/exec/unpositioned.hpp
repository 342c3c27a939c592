#pragma once
// PostgreSQL reports what is wrong inside a stored text (a function's body, a
// domain's base type, DEFAULT or CHECK) without a position in the statement
// that holds it.

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

/// What `f` returns; the DbError it throws goes on without its position.
template <typename F>
auto unpositioned(F f) {
  try {
    return f();
  } catch (const DbError& e) {
    if (!e.position()) throw;
    DbError out(e.state(), e.what());
    out.with_detail(e.detail()).with_hint(e.hint()).with_context(e.context()).with_routine(e.routine());
    out.with_table(e.schema_name(), e.table_name()).with_column(e.column_name()).with_constraint(e.constraint_name());
    if (!e.datatype_name().empty()) out.with_datatype(e.schema_name(), e.datatype_name());
    throw out;
  }
}

}  // namespace heliosdb::engine
