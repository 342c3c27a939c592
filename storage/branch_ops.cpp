// Store members that change the branch tree: each is one write job, checked
// completely before it writes (the writer's contract).
#include <fmt/format.h>

#include <chrono>

#include "storage/clock.hpp"
#include "storage/storage_error.hpp"
#include "storage/store.hpp"
#include "storage/version_format.hpp"

namespace heliosdb::storage {

namespace {

void require_name_free(WriteContext& ctx, std::string_view name) {
  if (ctx.get(Db::kBranchNames, name)) {
    throw StorageError(StorageErrc::kBranchExists, fmt::format("branch \"{}\" already exists", name));
  }
}

BranchInfo require_branch(WriteContext& ctx, BranchId id) {
  std::string key = format::branch_prefix(id);
  auto raw = ctx.get(Db::kBranches, key);
  if (!raw) throw StorageError(StorageErrc::kBranchNotFound, fmt::format("branch {} does not exist", id));
  return format::decode_branch(id, *raw);
}

void erase_prefix(WriteContext& ctx, Db db, std::string_view prefix) {
  Cursor cursor(ctx.txn(), ctx.env().dbi(db));
  bool ok = cursor.seek(prefix);
  while (ok && cursor.key().substr(0, prefix.size()) == prefix) {
    // MDB_cursor_del leaves the cursor on the following entry; re-read it.
    ctx.erase(cursor);
    ok = cursor.seek(prefix);
  }
}

}  // namespace

BranchId Store::create_branch(std::string_view name, BranchId parent, Scn fork_scn, std::string_view options) {
  if (name.empty()) throw StorageError(StorageErrc::kInvalidArgument, "a branch name must not be empty");
  BranchInfo info;
  pipeline_->submit([&](WriteContext& ctx) {
    require_name_free(ctx, name);
    require_branch(ctx, parent);
    if (fork_scn > ctx.counters().last_scn) {
      throw StorageError(StorageErrc::kFutureScn, fmt::format("cannot branch at SCN {}: the newest SCN is {}", fork_scn,
                                                              ctx.counters().last_scn));
    }
    if (fork_scn < ctx.counters().floor_scn) {
      throw StorageError(StorageErrc::kSnapshotTooOld,
                         fmt::format("cannot branch at SCN {}: retained history starts at SCN {}", fork_scn,
                                     ctx.counters().floor_scn));
    }
    info = BranchInfo{ctx.counters().next_branch++, std::string(name), parent, fork_scn, now_micros(),
                      std::string(options)};
    std::string id_key = format::branch_prefix(info.id);
    ctx.put(Db::kBranches, id_key, format::encode_branch(info));
    ctx.put(Db::kBranchNames, info.name, id_key);
    BranchInfo copy = info;
    ctx.after_commit([this, copy] { branches_.upsert(copy); });
  });
  return info.id;
}

void Store::drop_branch(BranchId id) {
  pipeline_->submit([&](WriteContext& ctx) {
    BranchInfo info = require_branch(ctx, id);
    {
      Cursor cursor(ctx.txn(), ctx.env().dbi(Db::kBranches));
      for (bool ok = cursor.first(); ok; ok = cursor.next()) {
        if (format::decode_branch(format::key_branch(cursor.key()), cursor.value()).parent == id) {
          throw StorageError(StorageErrc::kBranchHasChildren,
                             fmt::format("branch \"{}\" has branches of its own", info.name));
        }
      }
    }
    std::string prefix = format::branch_prefix(id);
    for (Db db : {Db::kCurrent, Db::kHistory, Db::kChanges}) erase_prefix(ctx, db, prefix);
    ctx.del(Db::kBranches, prefix);
    ctx.del(Db::kBranchNames, info.name);
    ctx.after_commit([this, id] { branches_.erase(id); });
  });
}

void Store::rename_branch(BranchId id, std::string_view new_name) {
  if (new_name.empty()) throw StorageError(StorageErrc::kInvalidArgument, "a branch name must not be empty");
  pipeline_->submit([&](WriteContext& ctx) {
    BranchInfo info = require_branch(ctx, id);
    if (info.name == new_name) return;
    require_name_free(ctx, new_name);
    ctx.del(Db::kBranchNames, info.name);
    info.name = std::string(new_name);
    std::string id_key = format::branch_prefix(id);
    ctx.put(Db::kBranches, id_key, format::encode_branch(info));
    ctx.put(Db::kBranchNames, info.name, id_key);
    ctx.after_commit([this, info] { branches_.upsert(info); });
  });
}

}  // namespace heliosdb::storage
