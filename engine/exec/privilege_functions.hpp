#pragma once
// has_table_privilege, has_schema_privilege, has_database_privilege,
// has_sequence_privilege, has_column_privilege, has_function_privilege, and
// pg_has_role (Table 9.70: a role is a member of itself, a superuser of all)
// (PostgreSQL 15 docs, 9.26 "System Information Functions", Table 9.69).
// There are no GRANTs: every role holds every privilege on every object, so
// the answer is true wherever PostgreSQL's superuser would get true; but the
// object, role and privilege names are checked as PostgreSQL checks them.
#include <string>
#include <vector>

#include "engine/exec/bound_expr.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// Whether `name` is one of these functions.
bool is_privilege_function(const std::string& name);

/// The argument types of its forms (a role, then the object, then for
/// has_column_privilege the column, then the privilege text), text forms
/// before oid forms so that a quoted literal is read as a name.
std::vector<std::vector<TypeId>> privilege_function_forms(const std::string& name);

/// The call's value (NULL for an object oid that names nothing, false for a
/// role oid that names no role, as PostgreSQL answers). Throws DbError:
/// 42P01, 3F000, 3D000, 42703 for an unknown object named by text; 42704 for
/// an unknown role; 42809 for has_sequence_privilege on another relation;
/// 22023 for an unknown privilege; 0A000 for has_function_privilege, as the
/// catalog lists no functions yet.
Value evaluate_privilege_function(const BoundExpr& e, const std::vector<Value>& args);

}  // namespace heliosdb::engine
