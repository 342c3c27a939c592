#include "storage/version_history.hpp"

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "storage/version_format.hpp"
#include "storage/version_run.hpp"

namespace heliosdb::storage {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// One stored version of a key on one level, or what a level passes on to its
// child. Payloads view LMDB pages, valid while the read transaction lives.
struct Piece {
  Scn start = 0;
  Scn end = 0;  ///< 0: open (current, or still in force at the level's bound)
  bool tombstone = false;
  std::string_view payload;
};

// Groups one level's own versions by user key in [begin, end), in key order:
// for each key, its history versions (ordered by start SCN) then its current
// entry, whose start is after every history entry's.
class LevelVersions {
 public:
  LevelVersions(const LmdbEnv& env, MDB_txn* txn, BranchId branch, std::string_view begin, std::string_view end)
      : prefix_(format::branch_prefix(branch)),
        end_(end),
        unbounded_(end.empty()),
        encrypted_(env.cipher() != nullptr),
        current_(env, txn, Db::kCurrent),
        history_(env, txn, Db::kHistory) {
    current_valid_ = current_.seek(format::current_key(branch, begin));
    load_current();
    history_valid_ = history_.seek(format::history_prefix(branch, begin));
    load_history();
    advance();
  }
  LevelVersions(const LevelVersions&) = delete;
  LevelVersions& operator=(const LevelVersions&) = delete;

  bool valid() const { return valid_; }
  const std::string& key() const { return key_; }
  const std::vector<Piece>& pieces() const { return pieces_; }

  // Moves to the next key this level has versions of.
  void advance() {
    pieces_.clear();
    kept_.clear();
    valid_ = current_valid_ || history_valid_;
    if (!valid_) return;
    bool from_history = history_valid_ && (!current_valid_ || std::string_view(history_key_) <= current_key_);
    bool from_current = current_valid_ && (!history_valid_ || current_key_ <= std::string_view(history_key_));
    key_ = from_history ? history_key_ : std::string(current_key_);
    if (from_history) {
      group_.assign(format::history_key_group(history_.key()));
      do {
        format::VersionRun run(history_.key(), history_.value());
        for (std::size_t i = 0; i < run.size(); ++i) {
          format::HistoryVersion old = run.at(i, rebuilt_);
          const bool was_rebuilt = old.payload.data() == rebuilt_.data();
          pieces_.push_back(
              Piece{old.start, old.end, old.tombstone, was_rebuilt ? keep(old.payload) : kept(old.payload)});
        }
        history_valid_ = history_.next();
      } while (history_valid_ && format::history_key_group(history_.key()) == group_);
      load_history();
    }
    if (from_current) {
      format::StoredVersion cur = format::decode_version(current_.value());
      pieces_.push_back(Piece{cur.scn, 0, cur.tombstone, kept(cur.payload)});
      current_valid_ = current_.next();
      load_current();
    }
  }

 private:
  bool in_range(std::string_view user_key) const { return unbounded_ || user_key < end_; }

  // An encrypted store's cursors decode into buffers their later moves
  // reuse, and a packed run's payloads may be rebuilt into rebuilt_: the
  // pieces of a key keep copies of those until the next advance().
  std::string_view kept(std::string_view payload) { return encrypted_ ? keep(payload) : payload; }
  std::string_view keep(std::string_view payload) { return kept_.emplace_back(payload); }

  void load_current() {
    if (current_valid_ && starts_with(current_.key(), prefix_) && in_range(format::current_user_key(current_.key()))) {
      current_key_ = format::current_user_key(current_.key());
    } else {
      current_valid_ = false;
    }
  }

  void load_history() {
    if (history_valid_ && starts_with(history_.key(), prefix_)) {
      format::history_user_key_into(history_key_, history_.key());
      history_valid_ = in_range(history_key_);
    } else {
      history_valid_ = false;
    }
  }

  std::string prefix_;
  std::string end_;
  bool unbounded_;
  bool encrypted_;
  Cursor current_;
  Cursor history_;
  bool current_valid_ = false;
  std::string_view current_key_;  ///< views the LMDB key, which stays mapped for the transaction
  bool history_valid_ = false;
  std::string history_key_;
  std::string group_;
  std::deque<std::string> kept_;
  std::string rebuilt_;  ///< a packed run's payload, rebuilt before it is kept

  bool valid_ = false;
  std::string key_;
  std::vector<Piece> pieces_;
};

// Lays one level's own versions of a key over what its parent passes on.
// `seen` holds the parent's pieces (all starting at or before the parent's
// bound, which is at most this level's fork point, before any own version);
// afterwards it holds this level's, as its child will see them.
void overlay(std::vector<Piece>& seen, const ReadLevel& level, const std::vector<Piece>* own, Scn from) {
  std::size_t first_own = seen.size();
  if (own != nullptr) {
    for (const Piece& p : *own) {
      if (p.start > level.bound) break;  // pieces are in start order
      // Changed after the bound: the child does not see the change.
      Scn end = p.end == 0 || p.end > level.bound ? 0 : p.end;
      seen.push_back(Piece{p.start, end, p.tombstone, p.payload});
    }
  }
  if (seen.size() > first_own) {
    // The level's first own change (a delete too) ends what it inherited.
    Scn first_change = seen[first_own].start;
    for (std::size_t i = 0; i < first_own; ++i) {
      if (seen[i].end == 0) seen[i].end = first_change;
    }
  }
  // A closed piece keeps its end from here on: drop those that end too early
  // to be reported, and tombstones, which only mattered for first_change.
  std::erase_if(seen, [&](const Piece& p) { return p.tombstone || (p.end != 0 && p.end <= from); });
}

}  // namespace

std::vector<KeyVersion> read_versions(const LmdbEnv& env, MDB_txn* txn, const ReadChain& chain, std::string_view begin,
                                      std::string_view end, Scn from, Scn to) {
  std::vector<KeyVersion> out;
  if (!end.empty() && end <= begin) return out;
  std::vector<std::unique_ptr<LevelVersions>> levels;
  levels.reserve(chain.size());
  for (const ReadLevel& level : chain) {
    levels.push_back(std::make_unique<LevelVersions>(env, txn, level.branch, begin, end));
  }

  std::vector<Piece> seen;
  std::string key;
  for (;;) {
    const LevelVersions* lowest = nullptr;
    for (const auto& level : levels) {
      if (level->valid() && (lowest == nullptr || level->key() < lowest->key())) lowest = level.get();
    }
    if (lowest == nullptr) break;
    key = lowest->key();

    // From the root down to the reading branch.
    seen.clear();
    for (std::size_t i = chain.size(); i-- > 0;) {
      LevelVersions& level = *levels[i];
      bool here = level.valid() && level.key() == key;
      overlay(seen, chain[i], here ? &level.pieces() : nullptr, from);
    }
    for (const Piece& p : seen) {
      if (p.start <= to) out.push_back(KeyVersion{key, p.start, p.end, std::string(p.payload)});
    }
    for (auto& level : levels) {
      if (level->valid() && level->key() == key) level->advance();
    }
  }
  return out;
}

}  // namespace heliosdb::storage
