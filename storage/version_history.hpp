#pragma once

#include <lmdb.h>

#include <string_view>
#include <vector>

#include "storage/lmdb_env.hpp"
#include "storage/types.hpp"
#include "storage/version_reader.hpp"

namespace heliosdb::storage {

/// Every version of the keys in [begin, end) (an empty `end`: no upper bound)
/// that a read through `chain` sees, whose lifetime [start, end) overlaps
/// [from, to]: start <= to and (end == 0 or end > from). In key order, then
/// start order. See KeyVersion for how deletions show.
///
/// Through a branch, an ancestor's versions count up to the level's bound (the
/// fork point): the one in force there lasts, for the branch, until the
/// branch's own first change of the key (end 0 if it never changed it); the
/// ancestor's later changes are not seen.
///
/// Walks each level's current and history entries for the range once, in key
/// order. `txn` must not be written to meanwhile. Does not check `from` and
/// `to` against the retention floor or the snapshot: versions that ended at or
/// before a compaction's cutoff may be gone.
std::vector<KeyVersion> read_versions(const LmdbEnv& env, MDB_txn* txn, const ReadChain& chain, std::string_view begin,
                                      std::string_view end, Scn from, Scn to);

}  // namespace heliosdb::storage
