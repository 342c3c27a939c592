#include "storage/version_reader.hpp"

#include "storage/version_format.hpp"
#include "storage/version_run.hpp"

namespace heliosdb::storage {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

OwnVersion VersionReader::own_version(const ReadLevel& level, std::string_view key) const {
  if (const auto stored = env_.get(txn_, Db::kCurrent, format::current_key(level.branch, key))) {
    format::StoredVersion cur = format::decode_version(*stored);
    if (level.present || cur.scn <= level.bound) {
      return cur.tombstone ? OwnVersion{Own::kTombstone, {}} : OwnVersion{Own::kValue, cur.payload};
    }
  } else if (level.present) {
    return {};
  }

  // The current version is newer than the bound (or the key is gone): the
  // version in force at the bound is the history version that started last
  // at or before it, in the last run that started by then.
  std::string prefix = format::history_prefix(level.branch, key);
  Cursor history(env_, txn_, Db::kHistory);
  if (!history.seek_last_at_or_before(prefix + format::u64_bytes(level.bound))) return {};
  if (!starts_with(history.key(), prefix) || history.key().size() != prefix.size() + format::kScnBytes) return {};
  std::string rebuilt;
  format::HistoryVersion old;
  const bool started = format::VersionRun(history.key(), history.value()).started_by(level.bound, rebuilt, old);
  if (started && old.end > level.bound && !old.tombstone) {
    // An encrypted store's run was decoded into the cursor, which ends here;
    // a packed run's payload may have been rebuilt into `rebuilt`.
    const bool transient = env_.cipher() != nullptr || old.payload.data() == rebuilt.data();
    return {Own::kValue, transient ? env_.keep(txn_, old.payload) : old.payload};
  }
  // Ended at or before the bound: deleted then.
  return {Own::kTombstone, {}};
}

Scn VersionReader::last_change(BranchId branch, std::string_view key) const {
  if (const auto stored = env_.get(txn_, Db::kCurrent, format::current_key(branch, key))) {
    return format::decode_version(*stored).scn;
  }
  std::string prefix = format::history_prefix(branch, key);
  Cursor history(env_, txn_, Db::kHistory);
  if (history.seek_last_at_or_before(prefix + format::u64_bytes(~Scn{0})) && starts_with(history.key(), prefix) &&
      history.key().size() == prefix.size() + format::kScnBytes) {
    return format::VersionRun(history.key(), history.value()).last_end();
  }
  return 0;
}

std::optional<std::string_view> VersionReader::get(const ReadChain& chain, std::string_view key) const {
  for (const ReadLevel& level : chain) {
    OwnVersion v = own_version(level, key);
    if (v.own == Own::kValue) return v.payload;
    if (v.own == Own::kTombstone) return std::nullopt;
  }
  return std::nullopt;
}

LevelIterator::LevelIterator(const LmdbEnv& env, MDB_txn* txn, const ReadLevel& level, std::string_view begin,
                             std::string_view end)
    : level_(level),
      end_(end),
      unbounded_(end.empty()),
      encrypted_(env.cipher() != nullptr),
      current_(env, txn, Db::kCurrent),
      prefetch_(env.page_size()) {
  current_valid_ = current_.seek(format::current_key(level.branch, begin));
  load_current();
  if (!level.present) {
    history_.emplace(env, txn, Db::kHistory);
    history_valid_ = history_->seek(format::history_prefix(level.branch, begin));
    load_history();
  }
  settle();
}

bool LevelIterator::in_range(std::string_view user_key) const { return unbounded_ || user_key < end_; }

void LevelIterator::load_current() {
  if (current_valid_ && format::key_branch(current_.key()) == level_.branch &&
      in_range(format::current_user_key(current_.key()))) {
    current_key_ = format::current_user_key(current_.key());
  } else {
    current_valid_ = false;
  }
}

void LevelIterator::load_history() {
  // The range's end is checked only when history alone offers a key (see
  // settle): a run of the current entry's key is in range as that key is.
  if (history_valid_ && format::key_branch(history_->key()) == level_.branch) {
    prefetch_.visit(history_->stored_key());
    history_key_ = format::history_escaped_key(history_->key());
  } else {
    history_valid_ = false;
  }
}

// Positions on the next key this level has a version of at its bound.
void LevelIterator::settle() {
  for (;;) {
    if (!current_valid_ && !history_valid_) {
      valid_ = false;
      return;
    }
    // The history key is compared escaped: unescaping every run's key costs
    // more than the rest of the step.
    const int order = current_valid_ && history_valid_ ? format::compare_escaped(history_key_, current_key_) : 0;
    if (history_valid_ && (!current_valid_ || order < 0) && !unbounded_ &&
        format::compare_escaped(history_key_, end_) >= 0) {
      history_valid_ = false;  // past the range, and so is every later run
      continue;
    }
    bool from_current = current_valid_ && (!history_valid_ || order >= 0);
    bool from_history = history_valid_ && (!current_valid_ || order <= 0);

    std::optional<format::StoredVersion> decided;
    if (from_current) {
      format::StoredVersion cur = format::decode_version(current_.value());
      if (level_.present || cur.scn <= level_.bound) decided = cur;
      key_ = current_key_;
    }
    if (from_history) {
      // Walk this key's runs (ordered by start SCN); the version that
      // started last at or before the bound is the one in force then.
      // Views the LMDB key, which stays mapped while the read transaction lives.
      std::string_view group = format::history_key_group(history_->key());
      const bool decoded = encrypted_;
      if (decoded) group = group_buf_.assign(group);  // the cursor's decoded key changes as it moves
      // The current version decides the key when it started by the bound:
      // then the runs are only stepped over.
      const bool wanted = !decided;
      format::HistoryVersion in_force;
      bool found = false;
      do {
        if (wanted && format::history_key_start(history_->key()) <= level_.bound &&
            format::VersionRun(history_->key(), history_->value()).started_by(level_.bound, payload_buf_, in_force)) {
          found = true;
          // A payload rebuilt into payload_buf_ is already a copy.
          if (decoded && in_force.payload.data() != payload_buf_.data()) {
            in_force.payload = payload_buf_.assign(in_force.payload);
          }
        }
        history_valid_ = history_->next();
      } while (history_valid_ && format::history_key_group(history_->key()) == group);
      if (found) {
        if (!from_current) {
          // Only history knows the key: its current entry was deleted.
          format::unescape_into(key_buf_, group.substr(format::kBranchBytes));
          key_ = key_buf_;
        }
        decided =
            format::StoredVersion{in_force.end, in_force.tombstone || in_force.end <= level_.bound, in_force.payload};
      }
      load_history();
    }
    if (from_current) {
      current_valid_ = current_.next();
      // key_ may view the LMDB key under the cursor; the page stays mapped for
      // the transaction's life, so the view outlives the cursor's move.
      load_current();
    }
    if (decided) {
      valid_ = true;
      own_ = decided->tombstone ? Own::kTombstone : Own::kValue;
      payload_ = decided->payload;
      return;
    }
  }
}

void LevelIterator::next() { settle(); }

ChainScanner::ChainScanner(const LmdbEnv& env, MDB_txn* txn, const ReadChain& chain, std::string_view begin,
                           std::string_view end) {
  levels_.reserve(chain.size());
  for (const ReadLevel& level : chain) levels_.push_back(std::make_unique<LevelIterator>(env, txn, level, begin, end));
}

// A branch read at its present (the usual scan) has one level: its entries
// need no merging and their keys no copying.
bool ChainScanner::next_of_one() {
  LevelIterator& level = *levels_[0];
  if (started_) level.next();
  started_ = true;
  for (; level.valid(); level.next()) {
    if (level.own() == Own::kValue) {
      key_ = level.key();
      value_ = level.payload();
      return true;
    }
  }
  return false;
}

bool ChainScanner::next() {
  if (levels_.size() == 1) return next_of_one();
  if (started_) {
    // Step every level past the key we returned last.
    for (auto& level : levels_) {
      if (level->valid() && level->key() == key_buf_) level->next();
    }
  }
  started_ = true;
  for (;;) {
    const LevelIterator* winner = nullptr;
    for (const auto& level : levels_) {
      if (level->valid() && (winner == nullptr || level->key() < winner->key())) winner = level.get();
    }
    if (winner == nullptr) return false;
    key_buf_.assign(winner->key());
    if (winner->own() == Own::kValue) {
      value_ = winner->payload();
      return true;
    }
    for (auto& level : levels_) {
      if (level->valid() && level->key() == key_buf_) level->next();
    }
  }
}

}  // namespace heliosdb::storage
