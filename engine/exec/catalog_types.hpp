#pragma once
// PostgreSQL's catalog-only types, which pg_dump's and psql's catalog
// queries name and the engine has no type of its own for: name (text here,
// marked by a type modifier so that `typname[0]` subscripts it as
// PostgreSQL does), "char" (text), regproc (a function's name: text),
// regnamespace and regrole (an oid from a literal schema or role name; an
// oid cast to them prints the name).
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/ast/expr.hpp"
#include "engine/exec/bound_expr.hpp"

namespace heliosdb::engine {

/// The modifier of a text that is a name: NAMEDATALEN plus the length word,
/// as a varchar(63)'s would be; no other text carries one.
inline constexpr std::int32_t kNameTypmod = 64 + 4;

/// The modifier of a text that is an int2vector (pg_index.indkey and
/// indoption): its text, numbers separated by spaces, subscripted from 0 and
/// expanded by information_schema._pg_expandarray as PostgreSQL does.
inline constexpr std::int32_t kInt2VectorTypmod = 22;  // int2vector's type oid

/// The elements of an int2vector's text, as int2 values.
std::vector<Value> int2vector_items(std::string_view text);

/// Whether `type` is one of the catalog-only types.
bool is_catalog_only_type(const ast::TypeName& type);

/// `arg`::type for a catalog-only type. Throws 0A000 where the cast needs
/// more than the engine knows (a regproc from an oid, a regnamespace from an
/// expression), 42704 for a schema that does not exist.
BoundExprPtr bind_catalog_type_cast(const ast::TypeName& type, BoundExprPtr arg, int location, ExecContext* ctx);

/// 'name'::regproc::oid, as psql's \sf and \ef look up a function written
/// without arguments: the oid of the one user function of that name (42725
/// when several have it, 42883 when none does). Null when `cast` is not that.
BoundExprPtr bind_regproc_oid(const ast::Cast& cast, int location, ExecContext* ctx);

}  // namespace heliosdb::engine
