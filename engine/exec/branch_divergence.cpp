#include "engine/exec/branch_divergence.hpp"

#include <algorithm>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

// A side's levels below the one both share hold only its own changes; the
// shared level, and those above it, count from the point where the sides
// parted (a branch made AS OF a point before its parent's own fork sees
// less of the grandparent than the parent does).
void collect(const storage::Store& store, const storage::ReadChain& levels, std::size_t common, storage::Scn base,
             Side& side) {
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const storage::Scn after = i < common ? 0 : base;
    if (levels[i].bound <= after) continue;
    for (storage::Change& c : store.changes(levels[i].branch, after, levels[i].bound))
      side.keys.insert(std::move(c.key));
  }
}

}  // namespace

// Each side as its transaction's snapshot sees it.
Divergence diverge(const storage::Store& store, const storage::Transaction& source,
                   const storage::Transaction& target) {
  const storage::ReadChain s = store.read_chain(source.branch(), source.snapshot_scn());
  const storage::ReadChain t = store.read_chain(target.branch(), target.snapshot_scn());
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (std::size_t j = 0; j < t.size(); ++j) {
      if (s[i].branch != t[j].branch) continue;
      Divergence d;
      d.base = std::min(s[i].bound, t[j].bound);
      collect(store, s, i, d.base, d.source);
      collect(store, t, j, d.base, d.target);
      return d;
    }
  }
  throw DbError(sqlstate::kInvalidParameterValue, "the branches share no history to merge from");
}

}  // namespace heliosdb::engine
