#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/acl.hpp"
#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

/// A function made by CREATE FUNCTION ... LANGUAGE sql: its pg_proc row.
/// The body is kept as SQL text and bound again at each call, with the
/// arguments as the values of $1, $2, ... and of their names.
/// PostgreSQL 15 docs, CREATE FUNCTION and "Query Language (SQL) Functions".
struct FunctionDef {
  /// How the body was written (PostgreSQL keeps the SQL-standard forms in
  /// prosqlbody, the string in prosrc).
  enum class BodyForm : std::uint8_t { kString, kReturn, kAtomic };
  /// One argument, or an output column of RETURNS TABLE (mode 't').
  struct Arg {
    std::string name;          ///< empty when unnamed
    SqlType type;              ///< domain_oid set for a domain's name
    char mode = 'i';           ///< proargmodes: 'i' in, 't' a RETURNS TABLE column
    std::string default_text;  ///< DEFAULT as SQL text; empty for none
  };

  std::uint32_t oid = 0;  ///< 0 until created
  std::string schema = "public";
  std::string name;
  std::int64_t owner = 0;  ///< the owning role's oid (proowner)
  std::vector<Arg> args;   ///< input arguments first, then RETURNS TABLE's columns
  SqlType result;          ///< the return type; for RETURNS TABLE, its one column's, or unused
  bool returns_void = false;
  bool returns_set = false;    ///< SETOF or RETURNS TABLE
  bool returns_table = false;  ///< RETURNS TABLE (prorettype record, or its one column's type)
  char volatility = 'v';       ///< provolatile
  bool strict = false;         ///< proisstrict
  char parallel = 'u';         ///< proparallel
  BodyForm body_form = BodyForm::kString;
  std::string body;      ///< the statements to run, as SQL text
  std::string sql_body;  ///< RETURN ... or BEGIN ATOMIC ... END as shown; empty for a string body
  std::string comment;   ///< COMMENT ON FUNCTION; empty for none
  Acl acl;               ///< proacl

  /// The input arguments (mode 'i').
  std::vector<const Arg*> inputs() const;
  /// RETURNS TABLE's columns (mode 't').
  std::vector<const Arg*> table_columns() const;
  /// How many trailing inputs have a DEFAULT (pronargdefaults).
  std::size_t defaults() const;
};

std::string encode_function_def(const FunctionDef& def);
/// Throws DbError XX001 for bytes that are no function definition.
FunctionDef decode_function_def(std::string_view raw);

}  // namespace heliosdb::engine
