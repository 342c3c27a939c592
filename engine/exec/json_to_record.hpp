#pragma once
// json_to_record, jsonb_to_record, json_to_recordset and jsonb_to_recordset
// in FROM: a JSON object (or an array of them) read as rows of the columns
// a column definition list names, each member converted to its column's
// type as PostgreSQL's populate_record does.

#include <string>
#include <string_view>

#include "engine/ast/statement.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// Whether `name` is one of the functions returning record that a column definition list describes.
bool is_json_to_record(std::string_view name);

/// The rows of `ref`'s call. 42601 without a column definition list.
Relation json_to_record_relation(const ast::FunctionRef& ref, const std::string& qualifier, ExecContext& ctx);

}  // namespace heliosdb::engine
