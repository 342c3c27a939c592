// Store members that change the branch tree: each is one write job, checked
// completely before it writes (the writer's contract).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

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

// A live branch: a retired one is as gone as a purged one to every caller.
format::BranchRecord require_branch(WriteContext& ctx, BranchId id) {
  std::string key = format::branch_prefix(id);
  auto raw = ctx.get(Db::kBranches, key);
  if (raw) {
    format::BranchRecord record = format::decode_branch(id, *raw);
    if (!record.retired) return record;
  }
  throw StorageError(StorageErrc::kBranchNotFound, fmt::format("branch {} does not exist", id));
}

// Every stored branch record, live and retired, as this write sees them.
std::map<BranchId, format::BranchRecord> stored_branches(WriteContext& ctx) {
  std::map<BranchId, format::BranchRecord> out;
  Cursor cursor(ctx.env(), ctx.txn(), Db::kBranches);
  for (bool ok = cursor.first(); ok; ok = cursor.next()) {
    BranchId id = format::key_branch(cursor.key());
    out.emplace(id, format::decode_branch(id, cursor.value()));
  }
  return out;
}

bool has_children(const std::map<BranchId, format::BranchRecord>& branches, BranchId id) {
  return std::any_of(branches.begin(), branches.end(), [&](const auto& kv) { return kv.second.info.parent == id; });
}

void erase_prefix(WriteContext& ctx, Db db, std::string_view prefix) {
  Cursor cursor(ctx.env(), ctx.txn(), db);
  bool ok = cursor.seek(prefix);
  while (ok && cursor.key().substr(0, prefix.size()) == prefix) {
    // MDB_cursor_del leaves the cursor on the following entry; re-read it.
    ctx.erase(cursor);
    ok = cursor.seek(prefix);
  }
}

// Removes a branch's data and record, and its name if it still holds one.
void purge(WriteContext& ctx, const format::BranchRecord& record) {
  std::string prefix = format::branch_prefix(record.info.id);
  for (Db db : {Db::kCurrent, Db::kHistory, Db::kChanges}) erase_prefix(ctx, db, prefix);
  ctx.del(Db::kBranches, prefix);
  // A retired branch gave its name up when it retired; another may hold it now.
  if (!record.retired) ctx.del(Db::kBranchNames, record.info.name);
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
    ctx.put(Db::kBranches, id_key, format::encode_branch({info, false}));
    ctx.put(Db::kBranchNames, info.name, id_key);
    BranchInfo copy = info;
    ctx.after_commit([this, copy] { branches_.upsert(copy); });
  });
  return info.id;
}

void Store::drop_branch(BranchId id) {
  pipeline_->submit([&](WriteContext& ctx) {
    format::BranchRecord target = require_branch(ctx, id);
    std::map<BranchId, format::BranchRecord> stored = stored_branches(ctx);

    if (has_children(stored, id)) {
      // Descendants read through it as of their fork points: keep the data,
      // free the name, and let it go when the last descendant does.
      target.retired = true;
      std::string id_key = format::branch_prefix(id);
      ctx.put(Db::kBranches, id_key, format::encode_branch(target));
      ctx.del(Db::kBranchNames, target.info.name);
      ctx.after_commit([this, id] { branches_.retire(id); });
      return;
    }

    // Purge it, then every retired ancestor that only it kept.
    std::vector<BranchId> purged;
    format::BranchRecord victim = target;
    for (;;) {
      purge(ctx, victim);
      purged.push_back(victim.info.id);
      stored.erase(victim.info.id);
      auto parent = stored.find(victim.info.parent);
      if (parent == stored.end() || !parent->second.retired || has_children(stored, parent->first)) break;
      victim = parent->second;
    }
    ctx.after_commit([this, purged] {
      for (BranchId b : purged) branches_.erase(b);
    });
  });
}

void Store::rename_branch(BranchId id, std::string_view new_name) {
  if (new_name.empty()) throw StorageError(StorageErrc::kInvalidArgument, "a branch name must not be empty");
  pipeline_->submit([&](WriteContext& ctx) {
    format::BranchRecord record = require_branch(ctx, id);
    BranchInfo& info = record.info;
    if (info.name == new_name) return;
    require_name_free(ctx, new_name);
    ctx.del(Db::kBranchNames, info.name);
    info.name = std::string(new_name);
    std::string id_key = format::branch_prefix(id);
    ctx.put(Db::kBranches, id_key, format::encode_branch(record));
    ctx.put(Db::kBranchNames, info.name, id_key);
    ctx.after_commit([this, info] { branches_.upsert(info); });
  });
}

}  // namespace heliosdb::storage
