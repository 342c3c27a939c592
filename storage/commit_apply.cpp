#include "storage/commit_apply.hpp"

#include <fmt/format.h>

#include "storage/storage_error.hpp"
#include "storage/version_format.hpp"
#include "storage/version_reader.hpp"

namespace heliosdb::storage {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The SCN of the newest committed change to `key` on `branch`: the start of
// its current version, or the end of its last history version if it was
// deleted (removed from current) since.
Scn last_change_scn(WriteContext& ctx, BranchId branch, std::string_view key) {
  if (auto cur = ctx.get(Db::kCurrent, format::current_key(branch, key))) {
    return format::decode_version(*cur).scn;
  }
  std::string prefix = format::history_prefix(branch, key);
  Cursor history(ctx.txn(), ctx.env().dbi(Db::kHistory));
  if (history.seek_last_at_or_before(prefix + format::u64_bytes(~Scn{0})) && starts_with(history.key(), prefix)) {
    return format::decode_version(history.value()).scn;
  }
  return 0;
}

void record_change(WriteContext& ctx, BranchId branch, Scn scn, std::string_view key, ChangeKind kind) {
  char kind_byte = static_cast<char>(kind);
  ctx.put(Db::kChanges, format::change_key(branch, scn, key), std::string_view(&kind_byte, 1));
}

}  // namespace

CommitRecord apply_commit(WriteContext& ctx, const BranchRegistry& branches, const CommitRequest& request) {
  const BranchId branch = request.branch;
  std::optional<BranchInfo> info = branches.get(branch);
  if (!info || !ctx.get(Db::kBranches, format::branch_prefix(branch))) {
    throw StorageError(StorageErrc::kBranchNotFound,
                       fmt::format("branch {} was dropped while the transaction was open", branch));
  }
  const bool root = info->parent == 0;

  for (const auto& [key, value] : *request.writes) {
    if (last_change_scn(ctx, branch, key) > request.snapshot) {
      throw StorageError(StorageErrc::kSerializationFailure, "could not serialize access due to concurrent update");
    }
  }

  // A branch's delete of a key it sees through its parent must leave a
  // tombstone; these reads see the state before this commit.
  Scn present = ctx.counters().last_scn;
  ReadChain parent_chain;
  if (!root) parent_chain = branches.chain(info->parent, info->fork_scn, present);
  VersionReader reader(ctx.env(), ctx.txn());

  CommitRecord commit = ctx.record_commit(request.txid, branch);
  for (const auto& [key, value] : *request.writes) {
    std::string current_key = format::current_key(branch, key);
    // Copy: views into a write transaction's pages move on the next put.
    std::optional<std::string> old_raw;
    if (auto raw = ctx.get(Db::kCurrent, current_key)) old_raw.emplace(*raw);
    std::optional<format::StoredVersion> old;
    if (old_raw) old = format::decode_version(*old_raw);

    auto retire_old = [&] {
      ctx.put(Db::kHistory, format::history_key(branch, key, old->scn),
              format::encode_version(commit.scn, old->tombstone, old->payload));
    };

    if (value) {
      if (old) retire_old();
      ctx.put(Db::kCurrent, current_key, format::encode_version(commit.scn, false, *value));
      record_change(ctx, branch, commit.scn, key, ChangeKind::kPut);
      continue;
    }
    bool visible = old ? !old->tombstone : (!root && reader.get(parent_chain, key).has_value());
    if (!visible) continue;
    if (old) retire_old();
    if (root) {
      ctx.del(Db::kCurrent, current_key);
    } else {
      ctx.put(Db::kCurrent, current_key, format::encode_version(commit.scn, true, {}));
    }
    record_change(ctx, branch, commit.scn, key, ChangeKind::kDelete);
  }
  return commit;
}

}  // namespace heliosdb::storage
