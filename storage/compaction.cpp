// Retention: Store::compact removes history that no permitted read needs.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>

#include "storage/clock.hpp"
#include "storage/storage_error.hpp"
#include "storage/store.hpp"
#include "storage/version_format.hpp"
#include "storage/version_run.hpp"

namespace heliosdb::storage {

namespace {

// Entries examined per write job, so commits interleave with a long compaction.
constexpr std::size_t kChunk = 20000;

using Pins = std::map<BranchId, std::vector<Scn>>;

// A history version [start, end) is still needed if a descendant branch reads
// its branch at a point inside it.
bool pinned(const Pins& pins, BranchId branch, Scn start, Scn end) {
  auto it = pins.find(branch);
  if (it == pins.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(), [&](Scn p) { return start <= p && p < end; });
}

// Scans `db` from `resume` and erases up to kChunk-worth of entries for which
// `removable` holds; returns the key to resume from, or nullopt when done.
template <typename Removable>
std::optional<std::string> compact_chunk(WriteContext& ctx, Db db, const std::string& resume, Removable removable,
                                         std::uint64_t& removed) {
  Cursor cursor(ctx.env(), ctx.txn(), db);
  bool ok = cursor.seek(resume);
  for (std::size_t seen = 0; ok; ++seen) {
    if (seen == kChunk) return std::string(cursor.key());
    if (removable(cursor.key(), cursor.value())) {
      std::string key(cursor.key());
      ctx.erase(cursor);
      ++removed;
      ok = cursor.seek(key);  // the entry after the erased one
    } else {
      ok = cursor.next();
    }
  }
  return std::nullopt;
}

// Scans history runs from `resume`, dropping up to kChunk runs' worth of the
// versions no permitted read needs: a run left empty is erased, a shortened
// one rewritten (under its new first start). Returns the key to resume from,
// or nullopt when done.
std::optional<std::string> compact_history_chunk(WriteContext& ctx, const std::string& resume, Scn cutoff,
                                                 const Pins& pins, std::uint64_t& removed) {
  Cursor cursor(ctx.env(), ctx.txn(), Db::kHistory);
  std::vector<format::HistoryVersion> kept;
  std::deque<std::string> payloads;  // a packed run's rebuilt payloads, which `kept` may view
  std::string key;
  std::string value;
  bool ok = cursor.seek(resume);
  for (std::size_t seen = 0; ok; ++seen) {
    if (seen == kChunk) return std::string(cursor.key());
    format::VersionRun run(cursor.key(), cursor.value());
    const BranchId branch = format::key_branch(cursor.key());
    kept.clear();
    payloads.clear();
    for (std::size_t i = 0; i < run.size(); ++i) {
      format::HistoryVersion v = run.at(i, payloads.emplace_back());
      if (v.end > cutoff || pinned(pins, branch, v.start, v.end)) kept.push_back(v);
    }
    if (kept.size() == run.size()) {
      ok = cursor.next();
      continue;
    }
    removed += run.size() - kept.size();
    // Copies first: the kept payloads view the page the erase changes.
    key.assign(format::history_key_group(cursor.key()));
    format::encode_run(value, kept);
    const std::string old_key(cursor.key());
    ctx.erase(cursor);
    if (!kept.empty()) {
      format::put_u64(key, kept.front().start);
      ctx.put(Db::kHistory, key, value);
      ok = cursor.seek(key) && cursor.next();  // the run after the rewritten one
    } else {
      ok = cursor.seek(old_key);  // the run after the erased one
    }
  }
  return std::nullopt;
}

}  // namespace

CompactionStats Store::compact_expired() {
  const std::int64_t keep = retention_us_.load();
  if (keep <= 0) return {};
  const Scn cutoff = scn_at_time(now_micros() - keep);
  if (cutoff <= retention_floor()) return {};
  return compact(cutoff);
}

CompactionStats Store::compact(Scn cutoff) {
  pipeline_->submit([&](WriteContext& ctx) {
    if (cutoff > ctx.counters().last_scn) {
      throw StorageError(StorageErrc::kFutureScn, fmt::format("cannot compact up to SCN {}: the newest SCN is {}",
                                                              cutoff, ctx.counters().last_scn));
    }
    // Raise the floor first so no new AS OF read lands in what is removed below.
    ctx.counters().floor_scn = std::max(ctx.counters().floor_scn, cutoff);
    ctx.put(Db::kMeta, format::kMetaFloorScn, format::u64_bytes(ctx.counters().floor_scn));
  });

  // Branches created from now on fork at or after the cutoff, so history they
  // need ends after it and is never removable: a snapshot of pins suffices.
  // Pins reach through retired ancestors; a branch dropped meanwhile only
  // leaves pins that keep more than needed.
  const Pins pins = branches_.pinned_points();
  // Retired branches included: their change logs follow the same rules as
  // live ones, and their children's forks still count.
  const std::vector<format::BranchRecord> records = branches_.records();
  std::map<BranchId, Scn> earliest_fork;  // changes after a child's fork are kept for merges
  for (const format::BranchRecord& r : records) {
    if (r.info.parent == 0) continue;
    auto [it, inserted] = earliest_fork.emplace(r.info.parent, r.info.fork_scn);
    if (!inserted) it->second = std::min(it->second, r.info.fork_scn);
  }
  std::map<BranchId, bool> is_root;
  for (const format::BranchRecord& r : records) is_root[r.info.id] = r.info.parent == 0;

  CompactionStats stats;
  auto change_removable = [&](std::string_view key, std::string_view) {
    BranchId branch = format::key_branch(key);
    // A non-root branch's own changes are what a merge of it replays.
    auto root = is_root.find(branch);
    if (root == is_root.end() || !root->second) return false;
    Scn scn = format::change_key_scn(key);
    auto fork = earliest_fork.find(branch);
    return scn <= cutoff && (fork == earliest_fork.end() || scn <= fork->second);
  };

  for (auto [db, removed] :
       {std::pair{Db::kHistory, &stats.history_removed}, std::pair{Db::kChanges, &stats.changes_removed}}) {
    std::optional<std::string> resume = std::string();
    while (resume) {
      // The job may run more than once (a batch can be redone): it only
      // writes its results, never accumulates into them.
      const std::string from = *resume;
      std::optional<std::string> next;
      std::uint64_t n = 0;
      pipeline_->submit([&](WriteContext& ctx) {
        n = 0;
        next = db == Db::kHistory ? compact_history_chunk(ctx, from, cutoff, pins, n)
                                  : compact_chunk(ctx, db, from, change_removable, n);
      });
      resume = std::move(next);
      *removed += n;
    }
  }
  return stats;
}

}  // namespace heliosdb::storage
