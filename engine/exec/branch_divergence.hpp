#pragma once

#include <set>
#include <string>

#include "storage/store.hpp"

namespace heliosdb::engine {

/// The keys one side changed since the point where the sides diverged.
struct Side {
  std::set<std::string> keys;
};

/// What two branches did since their histories parted: `base` is the last
/// SCN whose state both share (the fork point on the way to their common
/// ancestor), and each side's keys changed after it.
struct Divergence {
  storage::Scn base = 0;
  Side source;
  Side target;
};

/// Each side as its transaction's snapshot sees it. Throws DbError 22023
/// if the branches share no history.
Divergence diverge(const storage::Store& store, const storage::Transaction& source, const storage::Transaction& target);

}  // namespace heliosdb::engine
