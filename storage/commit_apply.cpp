#include "storage/commit_apply.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "storage/storage_error.hpp"
#include "storage/version_format.hpp"
#include "storage/version_reader.hpp"
#include "storage/version_run.hpp"

namespace heliosdb::storage {

namespace {

[[noreturn]] void throw_conflict() {
  throw StorageError(StorageErrc::kSerializationFailure, "could not serialize access due to concurrent update");
}

// Whether the change log answers for everything committed on `branch` after
// `request.snapshot` (compaction has removed none of it) and is shorter than
// the write set; then walking it beats looking up each written key, as for a
// bulk load with nothing committed in between. Throws on a conflict found.
bool checked_by_change_log(WriteContext& ctx, BranchId branch, const CommitRequest& request) {
  if (request.snapshot < ctx.counters().floor_scn) return false;
  Cursor changes(ctx.env(), ctx.txn(), Db::kChanges);
  std::size_t budget = request.writes->size();
  for (bool ok = changes.seek(format::change_prefix(branch, request.snapshot + 1));
       ok && format::key_branch(changes.key()) == branch; ok = changes.next()) {
    if (budget-- == 0) return false;
    auto write = request.writes->find(format::change_user_key(changes.key()));
    if (write != request.writes->end() && format::change_key_scn(changes.key()) > write->second.check_from) {
      throw_conflict();
    }
  }
  return true;
}

// First committer wins: a key this transaction writes must not have changed
// since the snapshot its write was judged against.
void check_conflicts(WriteContext& ctx, BranchId branch, const CommitRequest& request) {
  if (checked_by_change_log(ctx, branch, request)) return;
  VersionReader reader(ctx.env(), ctx.txn());
  for (const auto& [key, write] : *request.writes) {
    if (write.check_from != kUnchecked && reader.last_change(branch, key) > write.check_from) throw_conflict();
  }
}

// Leaves in `run_key` the prefix of the key's history keys (branch | escaped
// key) and moves `history` to the key's last run; false if it has none.
bool seek_last_run(Cursor& history, BranchId branch, std::string_view key, std::string& run_key) {
  run_key.clear();
  format::put_u32(run_key, branch);
  format::append_escaped(run_key, key);
  const std::size_t group = run_key.size();
  run_key.append(format::u64_bytes(~Scn{0}));
  const bool found = history.seek_last_at_or_before(run_key) && history.key().size() == run_key.size() &&
                     history.key().substr(0, group) == std::string_view(run_key).substr(0, group);
  run_key.resize(group);
  return found;
}

// Adds a replaced version to its key's history: to the key's last run while
// that has room, else as a new run. `run_key` and `run_value` are buffers
// reused from key to key.
void retire_version(WriteContext& ctx, Cursor& history, BranchId branch, std::string_view key,
                    const format::HistoryVersion& version, std::string& run_key, std::string& run_value) {
  if (seek_last_run(history, branch, key, run_key)) {
    format::VersionRun last(history.key(), history.value());
    if (last.has_room_for(version.payload.size())) {
      // Copies both: views into a write transaction's pages move on the next put.
      format::append_to_run(run_value, last, version);
      run_key.assign(history.key());
      ctx.put(history, run_key, run_value);
      return;
    }
  }
  format::put_u64(run_key, version.start);
  format::encode_run(run_value, std::span(&version, 1));
  ctx.put(history, run_key, run_value);
}

// Gives each key of `pasts` the history runs of its past versions. A key
// must have had no versions of its own on the branch before this commit.
void give_pasts(WriteContext& ctx, Cursor& current, Cursor& history, BranchId branch, Scn commit_scn,
                const WriteSet& writes, const PastSet& pasts) {
  std::string current_key;
  std::string run_key;
  std::string run_value;
  std::vector<format::HistoryVersion> versions;
  for (const auto& [key, given] : pasts) {
    auto invalid = [&](const char* why) {
      return StorageError(StorageErrc::kInvalidArgument, fmt::format("cannot give a key a past: {}", why));
    };
    // Written in this commit or not, the key must have had no versions here
    // before it (retired ones are now in history); deleted in it, the past
    // alone remains, as for any key deleted now.
    current_key.assign(format::branch_prefix(branch)).append(key);
    if (!writes.contains(key) && current.find(current_key)) throw invalid("the key has versions of its own");
    if (seek_last_run(history, branch, key, run_key)) throw invalid("the key has versions of its own");
    const std::size_t group = run_key.size();
    versions.clear();
    for (const PastVersion& v : given) {
      versions.push_back({v.start, v.end == 0 ? commit_scn : v.end, false, v.value});
    }
    std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    for (std::size_t i = 1; i < versions.size(); ++i) {
      if (versions[i].start < versions[i - 1].end) throw invalid("its versions overlap");
    }
    std::span<const format::HistoryVersion> rest(versions);
    while (!rest.empty()) {
      const std::size_t n = format::versions_fitting_run(rest);
      run_key.resize(group);
      format::put_u64(run_key, rest.front().start);
      format::encode_run(run_value, rest.first(n));
      ctx.put(history, run_key, run_value);
      rest = rest.subspan(n);
    }
  }
}

// The last key of the cursor's sub-database; none if it is empty.
std::optional<std::string> last_key(Cursor& cursor) {
  if (!cursor.last()) return std::nullopt;
  return std::string(cursor.key());
}

}  // namespace

CommitRecord apply_commit(WriteContext& ctx, const BranchRegistry& branches, const CommitRequest& request) {
  const BranchId branch = request.branch;
  // The stored record decides: the registry learns of a drop only once the
  // batch that made it is durable, and this job may share that batch.
  std::optional<BranchInfo> info = branches.get(branch);
  std::optional<std::string_view> stored = ctx.get(Db::kBranches, format::branch_prefix(branch));
  if (!info || !stored || format::decode_branch(branch, *stored).retired) {
    throw StorageError(StorageErrc::kBranchNotFound,
                       fmt::format("branch {} was dropped while the transaction was open", branch));
  }
  const bool root = info->parent == 0;

  check_conflicts(ctx, branch, request);

  // A branch's delete of a key it sees through its parent must leave a
  // tombstone; these reads see the state before this commit.
  Scn present = ctx.counters().last_scn;
  ReadChain parent_chain;
  if (!root) parent_chain = branches.ancestors(branch, present);
  VersionReader reader(ctx.env(), ctx.txn());

  CommitRecord commit = ctx.record_commit(request.txid, branch);
  // One cursor per sub-database: the writes come in key order, so each put
  // lands next to the previous one.
  Cursor current(ctx.env(), ctx.txn(), Db::kCurrent);
  Cursor history(ctx.env(), ctx.txn(), Db::kHistory);
  Cursor changes(ctx.env(), ctx.txn(), Db::kChanges);
  const char put_kind = static_cast<char>(ChangeKind::kPut);
  const char delete_kind = static_cast<char>(ChangeKind::kDelete);
  // Where the sub-databases end before this commit. A key past the end (a
  // bulk load into the newest table; the changes of this commit, unless a
  // later branch has some) has no old version to look up and is appended
  // without a search, as the writes come in key order.
  const std::optional<std::string> current_end = last_key(current);
  const std::optional<std::string> changes_end = last_key(changes);
  auto past = [](const std::optional<std::string>& end, std::string_view key) { return !end || key > *end; };
  // Buffers reused from key to key: a bulk load commits a million of them.
  const std::string branch_bytes = format::branch_prefix(branch);
  const std::string change_prefix = format::change_prefix(branch, commit.scn);
  std::string current_key;
  std::string change_key;
  std::string version;
  std::string old_raw;
  std::string run_key;
  std::string run_value;
  auto record_change = [&](std::string_view key, const char& kind) {
    change_key.assign(change_prefix).append(key);
    if (past(changes_end, change_key)) {
      ctx.append(changes, change_key, std::string_view(&kind, 1));
    } else {
      ctx.put(changes, change_key, std::string_view(&kind, 1));
    }
  };
  // The first stored key after the last one looked up ("" once none is):
  // writes that sort below it have no old version, and no search finds
  // that out again (a load into a table that has others after it).
  std::optional<std::string> next_stored;
  auto stored_at = [&](const std::string& key) {
    if (next_stored && (next_stored->empty() || key < *next_stored)) return false;
    if (!current.seek(key)) {
      next_stored.emplace();
      return false;
    }
    if (current.key() == key) {
      next_stored.reset();  // what follows it is looked up when needed
      return true;
    }
    next_stored.emplace(current.key());
    return false;
  };
  for (const auto& [key, write] : *request.writes) {
    const std::optional<std::string_view>& value = write.value;
    current_key.assign(branch_bytes).append(key);
    const bool new_key = past(current_end, current_key);
    auto put_current = [&] {
      if (new_key) {
        ctx.append(current, current_key, version);
      } else {
        ctx.put(current, current_key, version);
      }
    };
    std::optional<format::StoredVersion> old;
    if (!new_key && stored_at(current_key)) {
      // Copy: views into a write transaction's pages move on the next put.
      old_raw.assign(current.value());
      old = format::decode_version(old_raw);
    }
    auto retire_old = [&] {
      retire_version(ctx, history, branch, key, {old->scn, commit.scn, old->tombstone, old->payload}, run_key,
                     run_value);
    };

    if (value) {
      if (old) retire_old();
      format::encode_version_into(version, commit.scn, false, *value);
      put_current();
      record_change(key, put_kind);
      continue;
    }
    bool visible = old ? !old->tombstone : (!root && reader.get(parent_chain, key).has_value());
    if (!visible) continue;
    if (old) retire_old();
    if (root) {
      ctx.erase(current);  // still on the old version: only history was written since
    } else {
      format::encode_version_into(version, commit.scn, true, {});
      put_current();
    }
    record_change(key, delete_kind);
  }
  if (request.pasts != nullptr) give_pasts(ctx, current, history, branch, commit.scn, *request.writes, *request.pasts);
  return commit;
}

}  // namespace heliosdb::storage
