#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/acl.hpp"

#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

/// A domain made by CREATE DOMAIN: its pg_type row (typtype 'd') and its
/// CHECK constraints' pg_constraint rows (contypid). Its array type (_name)
/// has the oid after its own. PostgreSQL 15 docs, CREATE DOMAIN.
struct DomainDef {
  /// One CHECK constraint; VALUE in `expr` is the value being checked.
  struct Check {
    std::uint32_t oid = 0;  ///< the pg_constraint row's oid
    std::string name;
    std::string expr;       ///< the condition as SQL text, bound again when used
    bool validated = true;  ///< false after ADD ... NOT VALID until VALIDATE CONSTRAINT
  };

  std::uint32_t oid = 0;  ///< the type's oid; 0 until created
  std::string schema = "public";
  std::string name;
  std::int64_t owner = 0;  ///< the owning role's oid (pg_type.typowner)
  /// The type values have. For a domain over another domain, that domain's
  /// base type with `domain_oid` naming it: its constraints hold too.
  SqlType base;
  bool not_null = false;      ///< typnotnull
  std::string default_expr;   ///< DEFAULT as SQL text; empty for none
  std::vector<Check> checks;  ///< in the order they were added
  std::string comment;        ///< COMMENT ON DOMAIN; empty for none
  Acl acl;                    ///< typacl (GRANT USAGE ON DOMAIN)

  std::uint32_t array_oid() const { return oid + 1; }
};

std::string encode_domain_def(const DomainDef& def);
/// Throws DbError XX001 for bytes that are no domain definition.
DomainDef decode_domain_def(std::string_view raw);

}  // namespace heliosdb::engine
