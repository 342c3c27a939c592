#pragma once

// Hashed subqueries, PostgreSQL's semi-join and "hashed SubPlan" in one
// shape. A correlated EXISTS whose subquery meets the enclosing row only
// through equalities (inner = outer) runs once: its rows' inner sides become
// hash keys, and each enclosing row looks up its outer sides. x IN
// (uncorrelated subquery) keeps the subquery's values the same way. Without
// this, EXISTS ran its subquery again for each row and IN compared x with
// every value, a nested loop either way.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/exec/bound_expr.hpp"

namespace heliosdb::engine {

struct SubqueryHash {
  /// Keys of one integer each (most subqueries' ids) are held as numbers,
  /// with no text made for each; any others as hash_key's texts.
  explicit SubqueryHash(bool integers) : integer_keys(integers) {}
  /// Adds a row's key; one with a NULL sets has_null instead.
  void add(std::span<const Value> values);
  /// Whether a key is among the rows'; nullopt when it has a NULL.
  std::optional<bool> find(std::span<const Value> values) const;

  const bool integer_keys;
  std::unordered_set<std::int64_t> ints;
  std::unordered_set<std::string> keys;
  bool has_null = false;            ///< a row's key had a NULL: a miss of = ANY is then NULL, not false
  bool empty = true;                ///< the subquery gave no rows
  std::vector<BoundExprPtr> probe;  ///< over the enclosing row: the key to look up
};

/// The hash key of `values`; nullopt when one is NULL (= is never true then).
std::optional<std::string> hash_key(std::span<const Value> values);

/// Whether a value of type `a` and one of type `b` are equal exactly when
/// their hash keys are (not so for floats, character(n) or json).
bool hashable_pair(const SqlType& a, const SqlType& b);

/// EXISTS (hash) or x = ANY (hash), for the key `values` (EXISTS: the probe's over the enclosing row).
Value probe_hash(const SubqueryHash& hash, bool exists, std::span<const Value> values);

/// The hash of an uncorrelated subquery's first column, for x = ANY (rows).
std::shared_ptr<SubqueryHash> hash_rows(const std::vector<std::vector<Value>>& rows, const SqlType& type);

}  // namespace heliosdb::engine
