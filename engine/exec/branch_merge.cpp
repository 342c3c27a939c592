// MERGE DATABASE BRANCH: a three-way merge of two branches by storage key.
#include "engine/exec/branch_merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "engine/catalog/catalog.hpp"
#include "engine/common/db_error.hpp"
#include "engine/exec/branch_divergence.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/index_access.hpp"
#include "engine/exec/row_locks.hpp"
#include "engine/exec/row_writer.hpp"
#include "storage/storage_error.hpp"
#include "storage/version_format.hpp"

namespace heliosdb::engine {

namespace {

using Kind = KeyClass::Kind;

std::optional<std::string> copy(std::optional<std::string_view> v) {
  return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
}

const char* change_kind(const std::optional<std::string>& base, const std::optional<std::string>& now) {
  if (!now) return "delete";
  return base ? "update" : "insert";
}

// What a branch recorded of its last merge from another: the other's SCN it
// took, and when (the newest SCN either side saw then; 0: never merged).
struct MergeRecord {
  storage::Scn source_scn = 0;
  storage::Scn at = 0;
};

MergeRecord merge_record(storage::Transaction& txn, storage::BranchId from) {
  MergeRecord r;
  if (auto raw = txn.get(Catalog::merge_record_key(from)); raw && raw->size() >= 16) {
    r.source_scn = storage::format::get_u64(*raw, 0);
    r.at = storage::format::get_u64(*raw, 8);
  }
  return r;
}

}  // namespace

bool fully_merged(storage::Store& store, const storage::BranchInfo& branch,
                  const std::vector<storage::BranchInfo>& branches) {
  const storage::Scn newest = store.last_change_scn(branch.id);
  if (newest == 0) return false;  // nothing of its own to have merged
  return std::any_of(branches.begin(), branches.end(), [&](const storage::BranchInfo& other) {
    if (other.id == branch.id) return false;
    storage::Transaction txn(store, other.id);
    return merge_record(txn, branch.id).source_scn >= newest;
  });
}

namespace {

// One merge, in the target's transaction.
class Merger {
 public:
  Merger(storage::Store& store, storage::BranchId source, storage::BranchId target, const MergeOptions& options)
      : options_(options), source_txn_(store, source), target_txn_(store, target), ctx_(target_txn_) {
    // Every key either side changed since their histories parted; each is
    // judged by value against the common ground, so a superset does no harm.
    Divergence d = diverge(store, source_txn_, target_txn_);
    keys_ = std::move(d.source.keys);
    keys_.merge(d.target.keys);
    base_txn_ = &target_txn_;
    base_scn_ = d.base;
    // The common ground moves with each merge between the two, either way:
    // what the latest one took is where both agree.
    const MergeRecord into_target = merge_record(target_txn_, source);
    const MergeRecord into_source = merge_record(source_txn_, target);
    if (into_target.at > 0 && into_target.at >= into_source.at) {
      base_txn_ = &source_txn_;
      base_scn_ = into_target.source_scn;
    } else if (into_source.at > 0) {
      base_scn_ = into_source.source_scn;
    }
  }

  ExecContext& context() { return ctx_; }

  MergeSummary run(bool dry_run) {
    // The catalog first: rows are then read and written with the merged definitions.
    std::map<std::uint32_t, TableDef> before;
    for (TableDef& t : ctx_.catalog.tables()) before.emplace(t.oid, std::move(t));
    std::vector<std::string> rows;
    std::vector<std::string> sequences;
    for (const std::string& key : keys_) {
      const KeyClass k = Catalog::classify_key(key);
      switch (k.kind) {
        case Kind::kRow:
          rows.push_back(key);
          break;
        case Kind::kSequenceState:
          sequences.push_back(key);
          break;
        case Kind::kIndexEntry:
          break;  // rebuilt from the merged rows
        case Kind::kMergeRecord:
          break;  // each branch keeps its own
        default:
          merge_catalog_key(key, k, dry_run);
      }
    }
    if (dry_run) {
      for (const std::string& key : rows) merge_row(key, before, nullptr);
      return std::move(summary_);
    }
    std::map<std::uint32_t, TableDef> after;
    for (TableDef& t : ctx_.catalog.tables()) after.emplace(t.oid, std::move(t));
    follow_indexes(before, after);
    RowWriter writer(ctx_);
    for (const std::string& key : rows) merge_row(key, after, &writer);
    writer.finish();
    for (const std::string& key : sequences) merge_sequence(key);
    if (!summary_.conflicts.empty() && options_.resolution == MergeOptions::Resolution::kFail) fail();
    // The next merge between the two starts from here.
    std::string merged;
    storage::format::put_u64(merged, source_txn_.snapshot_scn());
    storage::format::put_u64(merged, std::max(source_txn_.snapshot_scn(), target_txn_.snapshot_scn()));
    target_txn_.put(Catalog::merge_record_key(source_txn_.branch()), merged);
    target_txn_.commit();
    return std::move(summary_);
  }

 private:
  struct Versions {
    std::optional<std::string> base;
    std::optional<std::string> source;
    std::optional<std::string> target;
  };

  Versions versions(const std::string& key) {
    Versions v;
    v.base = copy(base_txn_->get_as_of(key, base_scn_));
    v.source = copy(source_txn_.get(key));
    v.target = copy(target_txn_.get(key));
    return v;
  }

  // Whether the source's version is the one to write: false for a key the
  // target changed too (it differs from the common ground), unless the
  // branch wins the conflict.
  bool take_source(const Versions& v, const std::function<MergeConflict()>& describe) {
    if (v.source == v.target || v.source == v.base) return false;
    if (v.target == v.base) return true;
    summary_.conflicts.push_back(describe());
    return options_.resolution == MergeOptions::Resolution::kBranchWins;
  }

  void merge_catalog_key(const std::string& key, const KeyClass& k, bool dry_run) {
    Versions v = versions(key);
    if (k.kind == Kind::kOidCounter) {
      // Both sides handed out object ids: go on from the higher.
      if (v.source && (!v.target || storage::format::get_u32(*v.source, 0) > storage::format::get_u32(*v.target, 0))) {
        if (!dry_run) target_txn_.put(key, *v.source);
      }
      return;
    }
    auto describe = [&] {
      MergeConflict c;
      c.object = k.kind == Kind::kTable      ? "schema of " + k.name
                 : k.kind == Kind::kSequence ? "sequence " + k.name
                 : k.kind == Kind::kView     ? "view " + k.name
                 : k.kind == Kind::kRole     ? "role " + k.name
                 : k.kind == Kind::kSchema   ? "schema " + k.name
                 : k.kind == Kind::kType     ? "type " + k.name
                 : k.kind == Kind::kFunction ? "function " + k.name
                 : k.kind == Kind::kOidName  ? fmt::format("object id {}", k.oid)
                                             : "catalog entry";
      c.branch_change = change_kind(v.base, v.source);
      c.target_change = change_kind(v.base, v.target);
      return c;
    };
    if (!take_source(v, describe)) return;
    if (k.kind == Kind::kOidName && v.target != v.base) {
      // Two objects were given the same id: no resolution can keep both.
      throw DbError(sqlstate::kIntegrityConstraintViolation,
                    fmt::format("cannot merge: both branches created an object with id {}", k.oid))
          .with_hint("Recreate the object on one branch after merging the other.");
    }
    if (dry_run) return;
    if (v.source) {
      target_txn_.put(key, *v.source);
    } else {
      target_txn_.del(key);
    }
  }

  // Indexes created on the source get entries for the target's rows;
  // indexes dropped there lose theirs.
  void follow_indexes(const std::map<std::uint32_t, TableDef>& before, const std::map<std::uint32_t, TableDef>& after) {
    for (const auto& [oid, table] : before) {
      auto merged = after.find(oid);
      for (const IndexDef& index : table.indexes) {
        bool kept = merged != after.end() && std::any_of(merged->second.indexes.begin(), merged->second.indexes.end(),
                                                         [&](const IndexDef& i) { return i.oid == index.oid; });
        if (!kept) ctx_.catalog.delete_index_entries(index.oid);
      }
    }
    for (const auto& [oid, table] : after) {
      auto old = before.find(oid);
      if (old == before.end()) continue;  // a new table: its rows come with the merge
      for (const IndexDef& index : table.indexes) {
        bool existed = std::any_of(old->second.indexes.begin(), old->second.indexes.end(),
                                   [&](const IndexDef& i) { return i.oid == index.oid; });
        if (existed) continue;
        std::map<std::string, std::string> entries;
        storage::Scanner scanner = ctx_.catalog.scan_rows(old->second);
        while (scanner.next()) {
          Row row = decode_row(table, scanner.value());
          std::string_view suffix = row_key_suffix(table, scanner.key());
          std::optional<std::string> entry = index_entry_key(table, index, row, suffix);
          if (entry && !entries.emplace(std::move(*entry), std::string(suffix)).second) {
            throw DbError(sqlstate::kUniqueViolation, "could not create unique index \"" + index.name + "\"")
                .with_detail("The target branch has rows the branch's new unique index does not allow.");
          }
        }
        for (const auto& [entry, suffix] : entries) target_txn_.put(entry, suffix);
      }
    }
  }

  void merge_row(const std::string& key, const std::map<std::uint32_t, TableDef>& tables, RowWriter* writer) {
    ctx_.check_interrupts();
    const KeyClass k = Catalog::classify_key(key);
    auto def = tables.find(k.oid);
    Versions v = versions(key);
    if (writer != nullptr && def != tables.end() && v.source != v.target && v.source != v.base) {
      // A row the merge may write is locked first, as UPDATE locks it: a
      // transaction changing it now is waited for, and what it committed is
      // the target's version then.
      storage::RowLockResult found =
          lock_key(ctx_, def->second, key, storage::LockMode::kExclusive, storage::LockWaitPolicy::kWait);
      if (found.changed) v.target = found.latest;
    }
    auto describe = [&] {
      MergeConflict c;
      c.branch_change = change_kind(v.base, v.source);
      c.target_change = change_kind(v.base, v.target);
      if (def == tables.end()) {
        c.object = fmt::format("table with id {}", k.oid);
        return c;
      }
      const TableDef& t = def->second;
      c.object = t.schema + "." + t.name;
      const std::string& any = v.source ? *v.source : v.target ? *v.target : *v.base;
      c.key = t.primary_key.empty() ? "(ctid)" : key_text(t, t.primary_key, pick(decode_row(t, any), t.primary_key));
      if (v.source) c.branch_value = row_text(decode_row(t, *v.source));
      if (v.target) c.target_value = row_text(decode_row(t, *v.target));
      return c;
    };
    if (!take_source(v, describe) || writer == nullptr) return;
    ++summary_.rows_changed;
    if (def == tables.end()) {  // the table was dropped on the source
      target_txn_.del(key);
      return;
    }
    const TableDef& table = def->second;
    if (v.source && v.target) {
      writer->update(table, key, decode_row(table, *v.target), decode_row(table, *v.source));
    } else if (v.source) {
      writer->insert_at(table, key, decode_row(table, *v.source));
    } else if (v.target) {
      writer->remove(table, key, decode_row(table, *v.target));
    }
  }

  // A sequence both sides drew from goes on from the higher value.
  void merge_sequence(const std::string& key) {
    Versions v = versions(key);
    if (!v.source || v.source == v.target) return;
    if (v.target && v.target != v.base &&
        decode_sequence_state(*v.target).last_value >= decode_sequence_state(*v.source).last_value) {
      return;
    }
    target_txn_.put(key, *v.source);
  }

  [[noreturn]] void fail() const {
    const std::vector<MergeConflict>& conflicts = summary_.conflicts;
    std::string detail;
    for (std::size_t i = 0; i < conflicts.size() && i < 5; ++i) {
      const MergeConflict& c = conflicts[i];
      detail += fmt::format("{}{} {}: {} on the branch, {} on the target.", i == 0 ? "" : "\n", c.object,
                            c.key.empty() ? "" : c.key, c.branch_change, c.target_change);
    }
    if (conflicts.size() > 5) detail += fmt::format("\n... and {} more.", conflicts.size() - 5);
    throw DbError(sqlstate::kIntegrityConstraintViolation,
                  fmt::format("merge failed: {} conflict{}", conflicts.size(), conflicts.size() == 1 ? "" : "s"))
        .with_detail(detail)
        .with_hint(
            "SELECT * FROM heliosdb_merge_conflicts(branch, target) lists them; merge WITH "
            "(conflict_resolution = 'branch_wins') or 'target_wins' to settle them.");
  }

  MergeOptions options_;
  storage::Transaction source_txn_;
  storage::Transaction target_txn_;
  ExecContext ctx_;
  /// The common ground: the target as of base_scn_ (their histories' parting
  /// point, or what an earlier merge into the source took), or the source as
  /// of it (what an earlier merge into the target took).
  storage::Transaction* base_txn_ = nullptr;
  storage::Scn base_scn_ = 0;
  std::set<std::string> keys_;  ///< what either side changed since they parted
  MergeSummary summary_;
};

}  // namespace

MergeOptions merge_options(const std::vector<std::pair<std::string, std::string>>& options) {
  MergeOptions out;
  for (const auto& [name, value] : options) {
    if (name == "conflict_resolution") {
      if (value == "fail") {
        out.resolution = MergeOptions::Resolution::kFail;
      } else if (value == "branch_wins") {
        out.resolution = MergeOptions::Resolution::kBranchWins;
      } else if (value == "target_wins") {
        out.resolution = MergeOptions::Resolution::kTargetWins;
      } else {
        throw DbError(sqlstate::kInvalidParameterValue, "invalid value for conflict_resolution: \"" + value + "\"")
            .with_hint("Valid values are 'fail', 'branch_wins' and 'target_wins'.");
      }
    } else if (name == "delete_branch_after") {
      if (value == "true" || value == "on" || value == "1") {
        out.delete_branch_after = true;
      } else if (value == "false" || value == "off" || value == "0") {
        out.delete_branch_after = false;
      } else {
        throw DbError(sqlstate::kInvalidParameterValue, "delete_branch_after requires a Boolean value");
      }
    } else {
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized merge option \"" + name + "\"")
          .with_hint("Valid options are conflict_resolution and delete_branch_after.");
    }
  }
  return out;
}

MergeSummary merge_branch(storage::Store& store, storage::BranchId source, storage::BranchId target,
                          const MergeOptions& options, Interrupts& interrupts) {
  Merger merger(store, source, target, options);
  merger.context().interrupts = &interrupts;
  return merger.run(false);
}

std::vector<MergeConflict> merge_conflicts(storage::Store& store, storage::BranchId source, storage::BranchId target) {
  MergeOptions options;
  options.resolution = MergeOptions::Resolution::kTargetWins;
  Merger merger(store, source, target, options);
  return merger.run(true).conflicts;
}

}  // namespace heliosdb::engine
