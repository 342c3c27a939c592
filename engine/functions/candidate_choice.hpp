#pragma once

// The choice among overloads the arguments all convert to, shared by built-in
// and user-defined functions so that both prefer what PostgreSQL prefers.

#include <cstddef>
#include <vector>

#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

/// The candidate of `fits` whose declared argument types fit `args` best:
/// exact matches first, then text taken for unknown literals, then float8 for
/// a number (its category's preferred type). `declared(candidate, i)` is a
/// candidate's i-th argument type. nullptr when the best two tie.
template <typename Candidate, typename Declared>
const Candidate* best_candidate(const std::vector<const Candidate*>& fits, const std::vector<SqlType>& args,
                                Declared declared) {
  auto score = [&](const Candidate& c) {
    int exact = 0, text_for_unknown = 0, preferred = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const TypeId type = declared(c, i);
      if (args[i].id == type) ++exact;
      if (args[i].id == TypeId::kUnknown && type == TypeId::kText) ++text_for_unknown;
      if (args[i].id != type && is_numeric_type(args[i].id) && type == TypeId::kFloat8) ++preferred;
    }
    return exact * 100 + text_for_unknown * 10 + preferred;
  };
  const Candidate* best = fits[0];
  bool tie = false;
  for (std::size_t i = 1; i < fits.size(); ++i) {
    const int a = score(*fits[i]), b = score(*best);
    if (a > b) {
      best = fits[i];
      tie = false;
    } else if (a == b) {
      tie = true;
    }
  }
  return tie ? nullptr : best;
}

}  // namespace heliosdb::engine
