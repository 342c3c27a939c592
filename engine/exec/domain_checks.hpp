#pragma once
// What a value must meet to be of a domain: the domain's NOT NULL and
// CHECK constraints and those of the domain it is over, as PostgreSQL's
// domain_check applies them wherever a value becomes the domain's (a cast,
// a column's assignment, COPY). PostgreSQL 15 docs, section 8.18 "Domain Types".

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/catalog/domain_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// The constraints of the domains a statement uses, each bound once: lives
/// in its ExecContext (domain_checks), on the statement's thread.
class DomainChecks {
 public:
  /// Throws 23502 "domain d does not allow null values" or 23514 "value for
  /// domain d violates check constraint \"c\"" unless `value` may be of the
  /// domain `domain_oid` (whose base type it has); CHECKs that are NULL
  /// pass. NOT VALID checks hold for new values too, as in PostgreSQL.
  /// Throws 42704 when there is no such domain (any more).
  static void check(ExecContext& ctx, std::uint32_t domain_oid, const Value& value);

  /// Whether `value` meets a condition bind_condition bound: true or NULL.
  static bool satisfies(const BoundExpr& condition, const Value& value);

  /// A domain's CHECK condition bound over the one column VALUE of type
  /// `base` (what the condition may name). Throws what binding throws:
  /// 42804 for a condition that is not boolean, 42703 for another column.
  static BoundExprPtr bind_condition(const std::string& expr, SqlType base);

 private:
  struct Bound {
    std::string name;               ///< as messages name the domain
    std::string schema, type_name;  ///< the error's schema and data type fields
    bool not_null = false;
    std::uint32_t parent = 0;  ///< the domain this one is over; 0 for none
    std::vector<std::pair<std::string, BoundExprPtr>> checks;
  };
  const Bound& bound(ExecContext& ctx, std::uint32_t domain_oid);

  std::map<std::uint32_t, Bound> bound_;
};

/// `expr` (of the domain's base type) as a value of the domain `domain_oid`:
/// evaluating it checks the domain's constraints in `ctx`, which must
/// outlive the expression.
BoundExprPtr make_domain_check(BoundExprPtr expr, std::uint32_t domain_oid, ExecContext& ctx);

/// A domain CHECK's condition as PostgreSQL shows it (pg_get_constraintdef,
/// information_schema, \dD): VALUE in capitals, as its deparser writes it.
std::string domain_check_text(const std::string& expr);

/// A domain's name as its messages spell it (schema-qualified when the search path does not find it).
std::string domain_display_name(const DomainDef& def);

}  // namespace heliosdb::engine
