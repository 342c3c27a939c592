#pragma once

#include <cstddef>
#include <vector>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// How two rows' ORDER BY values order: <0 when `a` comes first, >0 when
/// `b` does, 0 for a tie. `specs[k]` gives key k's `descending` and
/// `nulls_first`; NULLs go where it says, whatever the direction.
template <typename Spec>
int compare_sort_keys(const std::vector<Value>& a, const std::vector<Value>& b, const std::vector<Spec>& specs) {
  for (std::size_t k = 0; k < specs.size(); ++k) {
    const Value& x = a[k];
    const Value& y = b[k];
    if (x.is_null() || y.is_null()) {
      if (x.is_null() && y.is_null()) continue;
      return x.is_null() == specs[k].nulls_first ? -1 : 1;
    }
    const int c = compare_values(x, y);
    if (c != 0) return specs[k].descending ? -c : c;
  }
  return 0;
}

}  // namespace heliosdb::engine
