// Branches and time travel against a model: random inserts, updates and
// deletes on main and on up to three branches made at random points (now or
// AS OF a past SCN), merges with every conflict resolution and
// delete_branch_after, drops; after every step each branch's rows are checked
// against one std::map per branch, and AS OF SCN reads against the model's
// recorded history (every SCN of every branch at the end). The model merges
// by git's three-way merge by value, as branch_merge.hpp does. Also: history
// before the retention floor
// (72000), AS OF and VERSIONS BETWEEN through a session, and the embedded
// API's Database::open_branch.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/common/db_error.hpp"
#include "engine/session/branch_users.hpp"
#include "engine/session/session.hpp"
#include "heliosdb/database.hpp"
#include "storage/store.hpp"
#include "tests/unit/engine/result_text.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;

namespace {

using Rows = std::map<int, int>;  // id -> v
constexpr storage::Scn kLive = ~storage::Scn{0};

std::string state_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "no error";
}

std::string describe(const Rows& rows) {
  std::string out = "{";
  for (const auto& [id, v] : rows) out += fmt::format("{}:{} ", id, v);
  return out + "}";
}

// One branch in the model: its rows now, its own history, and where it forked.
struct ModelBranch {
  std::string name;
  int parent = -1;                                     ///< index in Model::branches; -1 for main
  storage::Scn fork = 0;                               ///< the parent's SCN the branch started from
  std::vector<std::pair<storage::Scn, Rows>> history;  ///< (SCN, rows from then on), oldest first
  Rows rows;
  bool live = true;
  std::unique_ptr<Session> session;
};

// A level of a read: this branch's own writes up to `bound`.
struct Level {
  int branch;
  storage::Scn bound;
};

/// A merge that committed: `target` took `source` as of `snapshot` in the commit at SCN `commit`.
struct MergeRecord {
  int source;
  int target;
  storage::Scn snapshot;
  storage::Scn commit;
};

/// How a merge finds what each side changed.
enum class MergeRule : std::uint8_t {
  /// git's: a row changed if its value differs from the merge base, the
  /// newest state both sides build on (what the newest merge between the
  /// two, either way, took; else where their histories part).
  kGit,
  /// branch_merge.hpp's: the rows the source wrote since the point where
  /// the histories part (or since its last merge into this target or a
  /// branch the target descends from), each taken unless the target's value
  /// differs from that point's too.
  kWrittenSince,
};

class Model {
 public:
  Model(unsigned seed, MergeRule rule)
      : seed_(seed), rule_(rule), rng_(seed), store_(storage::Store::open_in_memory()) {
    store_->attachment<BranchUsers>().set_wait(std::chrono::milliseconds(0));  // the refusals are expected
    ModelBranch main;
    main.name = "main";
    main.session = std::make_unique<Session>(*store_);
    branches_.push_back(std::move(main));
    written_.emplace_back();
    sql(0, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
    created_ = store_->last_scn();
    record(0);
  }

  void run(int steps) {
    for (step_ = 0; step_ < steps; ++step_) {
      const int pick = roll(100);
      if (pick < 55) {
        write();
      } else if (pick < 62) {
        rolled_back_block();
      } else if (pick < 72) {
        if (live_count() < 4) create_branch();
      } else if (pick < 90) {
        merge();
      } else {
        drop_branch();
      }
      check_all();
      check_as_of();
    }
    for (int b = 0; b < static_cast<int>(branches_.size()); ++b) {
      if (branches_[b].live) check_history(b);
    }
  }

 private:
  int roll(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string where() const { return fmt::format("step {}", step_); }

  // Every statement is logged: a failing check shows how the model got there.
  std::vector<QueryResult> sql(int b, const std::string& text) {
    log_ += fmt::format("{} on {}: {}\n", where(), branches_[b].name, text);
    return branches_[b].session->execute(text);
  }

  // Stops this seed at the first difference: later steps would only repeat it.
  // The strict rule shows every statement run; the known bugs' one the last few.
  void expect(bool ok, const std::string& what) {
    if (ok) return;
    std::size_t from = 0;
    for (int lines = 0; rule_ == MergeRule::kGit && lines < 30 && from != std::string::npos; ++lines) {
      from = log_.rfind('\n', from == 0 ? std::string::npos : from - 1);
    }
    INFO((from == std::string::npos || from == 0 ? log_ : "...\n" + log_.substr(from + 1)));
    INFO("seed " << seed_);
    FAIL(what);
  }

  int live_count() const {
    int n = 0;
    for (const ModelBranch& b : branches_) n += b.live ? 1 : 0;
    return n;
  }

  int random_live() {
    std::vector<int> live;
    for (int i = 0; i < static_cast<int>(branches_.size()); ++i) {
      if (branches_[i].live) live.push_back(i);
    }
    return live[static_cast<std::size_t>(roll(static_cast<int>(live.size())))];
  }

  void record(int b, std::optional<int> wrote = std::nullopt) {
    if (wrote) written_[static_cast<std::size_t>(b)].emplace_back(store_->last_scn(), *wrote);
    branches_[b].history.emplace_back(store_->last_scn(), branches_[b].rows);
    log_ +=
        fmt::format("  -> SCN {}: {} holds {}\n", store_->last_scn(), branches_[b].name, describe(branches_[b].rows));
  }

  // One statement that commits on its own.
  void write() {
    const int b = random_live();
    Rows& rows = branches_[b].rows;
    const int id = 1 + roll(8);
    const int v = roll(100);
    switch (roll(3)) {
      case 0:
        if (rows.count(id) != 0) {
          const std::string got = state_of([&] { sql(b, fmt::format("INSERT INTO t VALUES ({}, {})", id, v)); });
          expect(got == "23505", "a duplicate key: 23505, got " + got);
          return;
        }
        sql(b, fmt::format("INSERT INTO t VALUES ({}, {})", id, v));
        rows[id] = v;
        break;
      case 1:
        expect(sql(b, fmt::format("UPDATE t SET v = {} WHERE id = {}", v, id))[0].rows_affected == rows.count(id),
               "UPDATE's row count");
        if (rows.count(id) == 0) return record(b);
        rows[id] = v;
        break;
      default:
        expect(sql(b, fmt::format("DELETE FROM t WHERE id = {}", id))[0].rows_affected == rows.count(id),
               "DELETE's row count");
        if (rows.erase(id) == 0) return record(b);
        break;
    }
    record(b, id);
  }

  // Writes in a transaction block that rolls back change nothing.
  void rolled_back_block() {
    const int b = random_live();
    sql(b, "BEGIN");
    sql(b, fmt::format("UPDATE t SET v = v + 1000 WHERE id <= {}", 1 + roll(8)));
    sql(b, fmt::format("DELETE FROM t WHERE id = {}", 1 + roll(8)));
    sql(b, "ROLLBACK");
  }

  // A branch of a live branch, now or AS OF a past SCN since the table exists.
  void create_branch() {
    const int parent = random_live();
    const std::string name = fmt::format("b{}", next_name_++);
    storage::Scn fork = store_->last_scn();
    if (roll(2) == 0) {
      // Under kWrittenSince not before the parent's own fork: that is the known bug "a branch of a branch".
      const storage::Scn earliest =
          rule_ == MergeRule::kWrittenSince ? std::max(created_, branches_[parent].fork) : created_;
      fork = earliest + static_cast<storage::Scn>(roll(static_cast<int>(store_->last_scn() - earliest + 1)));
      sql(0, fmt::format("CREATE DATABASE BRANCH {} FROM {} AS OF SCN {}", name, branches_[parent].name, fork));
    } else {
      sql(0, fmt::format("CREATE DATABASE BRANCH {} FROM {} AS OF NOW", name, branches_[parent].name));
    }
    ModelBranch branch;
    branch.name = name;
    branch.parent = parent;
    branch.fork = fork;
    branch.rows = state_at(parent, fork);
    branch.history.emplace_back(fork, branch.rows);
    log_ += fmt::format("  {} forked at SCN {} holding {}\n", name, fork, describe(branch.rows));
    branch.session = std::make_unique<Session>(*store_, branch_id(name));
    branches_.push_back(std::move(branch));
    written_.emplace_back();
  }

  storage::BranchId branch_id(const std::string& name) {
    auto info = store_->find_branch(name);
    REQUIRE(info);
    return info->id;
  }

  void drop_branch() {
    const int b = random_live();
    if (b == 0) return;
    // Refused while the branch's own session is on it, as DROP DATABASE is.
    const std::string drop = "DROP DATABASE BRANCH " + branches_[b].name;
    const std::string refused = state_of([&] { sql(0, drop); });
    expect(refused == "55006", drop + " with another session on the branch: got " + refused);
    branches_[b].session.reset();
    sql(0, drop);
    branches_[b].live = false;
  }

  // The levels a read of `b` as of `bound` consults, child first.
  std::vector<Level> chain(int b, storage::Scn bound) const {
    std::vector<Level> out;
    for (int at = b; at >= 0; at = branches_[at].parent) {
      out.push_back({at, bound});
      bound = std::min(bound, branches_[at].fork);
    }
    return out;
  }

  // What `b` held as of `scn`: its own history from its fork on, its parent's before.
  Rows state_at(int b, storage::Scn scn) const {
    const ModelBranch& branch = branches_[b];
    if (branch.parent >= 0 && scn < branch.fork) return state_at(branch.parent, scn);
    Rows rows;
    for (const auto& [at, state] : branch.history) {
      if (at > scn) break;
      rows = state;
    }
    return rows;
  }

  // The newest merge of `from` into `into` that `into` sees: one into it, or
  // into a branch it descends from before it forked.
  std::optional<MergeRecord> merged_into(int from, int into) const {
    for (const Level& level : chain(into, store_->last_scn())) {
      std::optional<MergeRecord> newest;
      for (const MergeRecord& m : merges_) {
        if (m.source == from && m.target == level.branch && m.commit <= level.bound) newest = m;
      }
      if (newest) return newest;
    }
    return std::nullopt;
  }

  // The newest state both `a` (merged into `b`) and `b` build on, as git's
  // merge base: what the newest merge between the two, either way, took;
  // else the point where their histories part.
  Rows merge_base(int a, int b) const {
    const std::optional<MergeRecord> ab = merged_into(a, b);
    const std::optional<MergeRecord> ba = merged_into(b, a);
    if (ab && (!ba || ab->commit > ba->commit)) return state_at(a, ab->snapshot);
    if (ba) return state_at(b, ba->snapshot);
    const std::vector<Level> ca = chain(a, kLive);
    const std::vector<Level> cb = chain(b, kLive);
    for (const Level& la : ca) {
      for (const Level& lb : cb) {
        if (la.branch == lb.branch) return state_at(la.branch, std::min(la.bound, lb.bound));
      }
    }
    FAIL("branches without a common history");
    return {};
  }

  // The ids `b` wrote itself with after < SCN <= upto.
  std::set<int> written(int b, storage::Scn after, storage::Scn upto) const {
    std::set<int> out;
    for (const auto& [scn, id] : written_[static_cast<std::size_t>(b)]) {
      if (scn > after && scn <= upto) out.insert(id);
    }
    return out;
  }

  // kWrittenSince: the common point and the ids the source wrote since, as
  // branch_merge.hpp describes them.
  std::pair<Rows, std::set<int>> written_since(int source, int target) const {
    if (auto record = merged_into(source, target)) {
      return {state_at(source, record->snapshot), written(source, record->snapshot, store_->last_scn())};
    }
    const std::vector<Level> cs = chain(source, store_->last_scn());
    const std::vector<Level> ct = chain(target, store_->last_scn());
    for (std::size_t i = 0; i < cs.size(); ++i) {
      for (const Level& lt : ct) {
        if (cs[i].branch != lt.branch) continue;
        const storage::Scn base = std::min(cs[i].bound, lt.bound);
        // All the source's own levels below the shared one; the shared one and
        // those above it since the common point.
        std::set<int> keys;
        for (std::size_t k = 0; k < cs.size(); ++k) keys.merge(written(cs[k].branch, k < i ? 0 : base, cs[k].bound));
        return {state_at(target, base), keys};
      }
    }
    FAIL("branches without a common history");
    return {};
  }

  void merge() {
    const int source = random_live();
    const int target = random_live();
    if (source == target) return;
    const int resolution = roll(3);
    static const char* const kResolutions[] = {"fail", "branch_wins", "target_wins"};
    const bool delete_after = source != 0 && roll(4) == 0;

    Rows base;
    std::set<int> keys;  // the ids to look at; for kWrittenSince, the ones the source wrote
    if (rule_ == MergeRule::kGit) {
      base = merge_base(source, target);
      for (const Rows* m :
           std::initializer_list<const Rows*>{&base, &branches_[source].rows, &branches_[target].rows}) {
        for (const auto& [id, v] : *m) keys.insert(id);
      }
    } else {
      std::tie(base, keys) = written_since(source, target);
    }
    const Rows& src = branches_[source].rows;
    Rows result = branches_[target].rows;
    int conflicts = 0;
    const auto at = [](const Rows& m, int id) -> std::optional<int> {
      auto it = m.find(id);
      return it == m.end() ? std::nullopt : std::optional<int>(it->second);
    };
    std::vector<int> merged_ids;
    for (int id : keys) {
      const auto b = at(base, id), s = at(src, id), t = at(branches_[target].rows, id);
      std::optional<int> merged = t;
      if (s == t || (rule_ == MergeRule::kGit && s == b)) {
        merged = t;
      } else if (t == b) {
        merged = s;
      } else {
        ++conflicts;
        merged = resolution == 1 ? s : t;
      }
      if (merged) {
        result[id] = *merged;
      } else {
        result.erase(id);
      }
    }
    for (int id : keys) {
      if (at(result, id) != at(branches_[target].rows, id)) merged_ids.push_back(id);
    }
    const std::size_t written = merged_ids.size();

    const std::string& sname = branches_[source].name;
    const std::string& tname = branches_[target].name;
    const std::string merging =
        fmt::format("MERGE {} INTO {} ({}): base {} source {} target {}", sname, tname, kResolutions[resolution],
                    describe(base), describe(src), describe(branches_[target].rows));
    auto listed = branches_[0].session->execute(
        fmt::format("SELECT key, branch_change, target_change, branch_value, target_value "
                    "FROM heliosdb_merge_conflicts('{}', '{}')",
                    sname, tname));
    std::string listing;
    for (const Row& row : listed.at(0).rows) {
      for (const Value& v : row) listing += (v.is_null() ? "NULL" : format_value(v)) + " ";
      listing += "; ";
    }
    expect(listed[0].rows.size() == static_cast<std::size_t>(conflicts),
           fmt::format("{}: heliosdb_merge_conflicts lists {} conflicts ({}), the model {}", merging,
                       listed[0].rows.size(), listing, conflicts));
    const std::string statement =
        fmt::format("MERGE DATABASE BRANCH {} INTO {} WITH (conflict_resolution = '{}', delete_branch_after = {})",
                    sname, tname, kResolutions[resolution], delete_after ? "true" : "false");
    if (delete_after && source != 0) {
      // Refused before merging while a session is on the branch it would delete.
      const storage::Scn before = store_->last_scn();
      const std::string got = state_of([&] { sql(0, statement); });
      expect(got == "55006", merging + ": delete_branch_after with a session on it: got " + got);
      expect(store_->last_scn() == before, merging + ": a refused merge commits nothing");
      branches_[source].session.reset();
    }
    if (conflicts > 0 && resolution == 0) {
      const storage::Scn before = store_->last_scn();
      const std::string got = state_of([&] { sql(0, statement); });
      expect(got == "23000", merging + ": a conflict fails with 23000, got " + got);
      expect(store_->last_scn() == before, merging + ": a failed merge commits nothing");
      if (!branches_[source].session) branches_[source].session = std::make_unique<Session>(*store_, branch_id(sname));
      return;
    }
    const storage::Scn before_merge = store_->last_scn();
    std::vector<QueryResult> results;
    const std::string got = state_of([&] { results = sql(0, statement); });
    expect(got == "no error", merging + ": failed with " + got);
    expect(results.at(0).command_tag == fmt::format("MERGE {}", written),
           merging + ": tag " + results[0].command_tag + ", the model wrote " + std::to_string(written));
    log_ += fmt::format("  merged: {}\n", describe(result));
    merges_.push_back({source, target, before_merge, store_->last_scn()});
    branches_[target].rows = result;
    record(target);
    for (int id : merged_ids) written_[static_cast<std::size_t>(target)].emplace_back(store_->last_scn(), id);
    if (delete_after) {
      branches_[source].live = false;
      branches_[source].session.reset();
    }
  }

  Rows read(int b, const std::string& suffix = {}) {
    Rows rows;
    // The checks' reads are not logged: the log says how the branches got where they are.
    const std::vector<QueryResult> results = branches_[b].session->execute("SELECT id, v FROM t" + suffix);
    for (const Row& row : results.at(0).rows) {
      rows[static_cast<int>(row[0].as_int())] = static_cast<int>(row[1].as_int());
    }
    return rows;
  }

  void check_all() {
    for (int b = 0; b < static_cast<int>(branches_.size()); ++b) {
      if (!branches_[b].live) continue;
      const std::string got = describe(read(b));
      expect(got == describe(branches_[b].rows), fmt::format("{}: {} holds {}, the model {}", where(),
                                                             branches_[b].name, got, describe(branches_[b].rows)));
    }
  }

  // A random past point of a random live branch reads what the model recorded then.
  void check_as_of() {
    const int b = random_live();
    const storage::Scn last = store_->last_scn();
    const storage::Scn scn = created_ + static_cast<storage::Scn>(roll(static_cast<int>(last - created_ + 1)));
    const std::string got = describe(read(b, fmt::format(" AS OF SCN {}", scn)));
    expect(got == describe(state_at(b, scn)), fmt::format("{}: {} AS OF SCN {} reads {}, the model {}", where(),
                                                          branches_[b].name, scn, got, describe(state_at(b, scn))));
  }

  // Every recorded point of a branch, at the end.
  void check_history(int b) {
    for (storage::Scn scn = created_; scn <= store_->last_scn(); ++scn) {
      const std::string got = describe(read(b, fmt::format(" AS OF SCN {}", scn)));
      expect(got == describe(state_at(b, scn)), fmt::format("at the end: {} AS OF SCN {} reads {}, the model {}",
                                                            branches_[b].name, scn, got, describe(state_at(b, scn))));
    }
  }

  unsigned seed_;
  MergeRule rule_;
  std::string log_;
  std::mt19937 rng_;
  std::unique_ptr<storage::Store> store_;
  std::vector<ModelBranch> branches_;
  std::vector<MergeRecord> merges_;                                 ///< every merge that committed
  std::vector<std::vector<std::pair<storage::Scn, int>>> written_;  ///< per branch: (SCN, id) of each row write
  storage::Scn created_ = 0;
  int step_ = 0;
  int next_name_ = 1;
};

struct Fixture {
  Fixture() { store->attachment<BranchUsers>().set_wait(std::chrono::milliseconds(0)); }
  std::unique_ptr<storage::Store> store = storage::Store::open_in_memory();
  Session session{*store};

  std::vector<std::string> rows(std::string_view sql) { return testing::rows_of(session.execute(sql).at(0)); }
  std::string state(std::string_view sql) {
    return state_of([&] { session.execute(sql); });
  }
};

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("merges follow git's three-way merge by value", "[engine][branch][model]") {
  const unsigned seed = GENERATE(range(1u, 41u));
  Model model(seed, MergeRule::kGit);
  model.run(150);
}

TEST_CASE("a branch is 'merged' while a merge holds all its changes, 'active' otherwise", "[engine][branch]") {
  Fixture f;
  f.session.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 1)");
  f.session.execute("CREATE DATABASE BRANCH b FROM main AS OF NOW");
  f.session.execute("CREATE DATABASE BRANCH idle FROM main AS OF NOW");
  const std::string status = "SELECT branch_name, status FROM pg_database_branches() ORDER BY 1";
  CHECK(f.rows(status) == std::vector<std::string>{"b|active", "idle|active", "main|active"});
  Session on_b{*f.store};
  on_b.execute("USE BRANCH b");
  on_b.execute("UPDATE t SET v = 2");
  f.session.execute("MERGE DATABASE BRANCH b INTO main");
  CHECK(f.rows(status) == std::vector<std::string>{"b|merged", "idle|active", "main|active"});
  CHECK(f.rows("SELECT branch_name FROM pg_database_branches() WHERE status = 'active' ORDER BY 1") ==
        std::vector<std::string>{"idle", "main"});
  on_b.execute("UPDATE t SET v = 3");  // a change the merge did not take
  CHECK(f.rows(status) == std::vector<std::string>{"b|active", "idle|active", "main|active"});
}

TEST_CASE("a branch another session is on cannot be dropped (55006), as DROP DATABASE", "[engine][branch]") {
  Fixture f;
  f.session.execute("CREATE TABLE t (id INT PRIMARY KEY)");
  f.session.execute("CREATE DATABASE BRANCH b FROM main AS OF NOW");
  f.session.execute("CREATE DATABASE BRANCH c FROM main AS OF NOW");
  {
    Session other{*f.store};
    other.execute("USE BRANCH b");
    CHECK(f.state("DROP DATABASE BRANCH b") == "55006");
    CHECK(f.state("MERGE DATABASE BRANCH b INTO main WITH (delete_branch_after = true)") == "55006");
    other.execute("SET heliosdb.branch = 'c'");  // leaves b for c
    CHECK(f.state("DROP DATABASE BRANCH c") == "55006");
    f.session.execute("DROP DATABASE BRANCH b");
    other.execute("RESET heliosdb.branch");  // back with main: c is free
    f.session.execute("DROP DATABASE BRANCH c");
    f.session.execute("CREATE DATABASE BRANCH d FROM main AS OF NOW");
    other.execute("USE BRANCH d");
  }
  // A drop waits a while for the sessions on the branch to leave, as PostgreSQL's DROP DATABASE does.
  f.store->attachment<BranchUsers>().set_wait(std::chrono::milliseconds(5000));
  f.session.execute("CREATE DATABASE BRANCH slow FROM main AS OF NOW");
  auto leaving = std::make_unique<Session>(*f.store, f.store->find_branch("slow")->id);
  std::thread leaver([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    leaving.reset();
  });
  f.session.execute("DROP DATABASE BRANCH slow");
  leaver.join();
  f.store->attachment<BranchUsers>().set_wait(std::chrono::milliseconds(0));
  // A session that ends lets its branch go; so does one opened on it directly.
  f.session.execute("DROP DATABASE BRANCH d");
  f.session.execute("CREATE DATABASE BRANCH e FROM main AS OF NOW");
  auto opened = std::make_unique<Session>(*f.store, f.store->find_branch("e")->id);
  CHECK(f.state("DROP DATABASE BRANCH e") == "55006");
  opened.reset();
  f.session.execute("DROP DATABASE BRANCH e");
  CHECK(f.rows("SELECT branch_name FROM pg_database_branches()") == std::vector<std::string>{"main"});
}

TEST_CASE("a row a branch changed and changed back is no change in a merge", "[engine][branch]") {
  Fixture f;
  f.session.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 1), (2, 2)");
  f.session.execute("CREATE DATABASE BRANCH b FROM main AS OF NOW");
  Session b(*f.store, f.store->find_branch("b")->id);
  b.execute("UPDATE t SET v = 5 WHERE id = 1");
  b.execute("UPDATE t SET v = 1 WHERE id = 1");  // back to what main had at the fork
  b.execute("UPDATE t SET v = v WHERE id = 2");  // written, not changed
  f.session.execute("UPDATE t SET v = 10 WHERE id = 1");
  f.session.execute("UPDATE t SET v = 20 WHERE id = 2");
  CHECK(f.rows("SELECT count(*) FROM heliosdb_merge_conflicts('b', 'main')") == V{"0"});
  CHECK(f.session.execute("MERGE DATABASE BRANCH b INTO main").at(0).command_tag == "MERGE 0");
  CHECK(f.rows("SELECT id, v FROM t ORDER BY id") == V{"1|10", "2|20"});
}

TEST_CASE("merging main back into a branch after the branch was merged keeps the branch's newer changes",
          "[engine][branch]") {
  Fixture f;
  f.session.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 0), (2, 0)");
  f.session.execute("CREATE DATABASE BRANCH feature FROM main AS OF NOW");
  Session feature(*f.store, f.store->find_branch("feature")->id);
  feature.execute("UPDATE t SET v = 1 WHERE id = 1");
  CHECK(f.session.execute("MERGE DATABASE BRANCH feature INTO main").at(0).command_tag == "MERGE 1");
  feature.execute("UPDATE t SET v = 2 WHERE id = 1");    // the feature goes on
  f.session.execute("UPDATE t SET v = 5 WHERE id = 2");  // and so does main
  // main's side changed nothing of row 1 since it took the feature's version: no conflict.
  CHECK(f.rows("SELECT count(*) FROM heliosdb_merge_conflicts('main', 'feature')") == V{"0"});
  CHECK(f.state("MERGE DATABASE BRANCH main INTO feature WITH (conflict_resolution = 'branch_wins')") == "no error");
  auto r = feature.execute("SELECT id, v FROM t ORDER BY id");
  REQUIRE(r.at(0).rows.size() == 2);
  CHECK(r[0].rows[0][1].as_int() == 2);  // not main's older 1
  CHECK(r[0].rows[1][1].as_int() == 5);
}

TEST_CASE("a branch of a branch made before that one's fork merges the rows it inherited after", "[engine][branch]") {
  Fixture f;
  f.session.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
  f.session.execute("INSERT INTO t VALUES (3, 33)");
  const storage::Scn early = f.store->last_scn();
  f.session.execute("INSERT INTO t VALUES (1, 9)");
  f.session.execute("CREATE DATABASE BRANCH b2 FROM main AS OF NOW");
  f.session.execute(fmt::format("CREATE DATABASE BRANCH b3 FROM b2 AS OF SCN {}", early));
  // b2 holds (1, 9), inherited from main after `early`; b3 does not.
  CHECK(f.rows("SELECT key, change FROM heliosdb_branch_diff('b3', 'b2')") == V{"(id)=(1)|insert"});
  CHECK(f.session.execute("MERGE DATABASE BRANCH b2 INTO b3").at(0).command_tag == "MERGE 1");
  Session b3(*f.store, f.store->find_branch("b3")->id);
  auto r = b3.execute("SELECT count(*) FROM t");
  CHECK(r.at(0).rows.at(0).at(0).as_int() == 2);
}

TEST_CASE("history before the retention floor is refused with 72000", "[engine][branch][time-travel]") {
  Fixture f;
  f.session.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
  f.session.execute("INSERT INTO t VALUES (1, 1)");
  const storage::Scn old_point = f.store->last_scn();
  f.session.execute("CREATE DATABASE BRANCH pinned FROM main AS OF NOW");
  f.session.execute("UPDATE t SET v = 2 WHERE id = 1");
  const storage::Scn mid = f.store->last_scn();
  f.session.execute("UPDATE t SET v = 3 WHERE id = 1");
  f.session.execute("UPDATE t SET v = 4 WHERE id = 1");
  const storage::Scn cutoff = f.store->last_scn();
  f.store->compact(cutoff);

  CHECK(f.state(fmt::format("SELECT * FROM t AS OF SCN {}", mid)) == "72000");
  CHECK(f.state(fmt::format("SELECT * FROM t AS OF SCN {}", old_point)) == "72000");
  CHECK(f.state(fmt::format("SELECT * FROM t VERSIONS BETWEEN SCN {} AND {}", mid, cutoff)) == "72000");
  CHECK(f.state(fmt::format("CREATE DATABASE BRANCH late FROM main AS OF SCN {}", mid)) == "72000");
  CHECK(f.state("SELECT * FROM t AS OF TIMESTAMP '2001-01-01'") != "no error");
  CHECK(f.rows(fmt::format("SELECT v FROM t AS OF SCN {}", cutoff)) == V{"4"});
  CHECK(f.rows("SELECT v FROM t") == V{"4"});
  // A branch forked before the floor still reads what it forked from.
  Session pinned(*f.store, f.store->find_branch("pinned")->id);
  auto r = pinned.execute("SELECT v FROM t");
  REQUIRE(r.at(0).rows.size() == 1);
  CHECK(r[0].rows[0][0].as_int() == 1);
  // And merges into main after the compaction.
  pinned.execute("INSERT INTO t VALUES (2, 20)");
  CHECK(f.session.execute("MERGE DATABASE BRANCH pinned INTO main").at(0).command_tag == "MERGE 1");
  CHECK(f.rows("SELECT id, v FROM t ORDER BY id") == V{"1|4", "2|20"});
}

TEST_CASE("AS OF and VERSIONS BETWEEN through a session", "[engine][branch][time-travel]") {
  Fixture f;
  f.session.execute("CREATE TABLE t (id INT PRIMARY KEY, v TEXT)");
  f.session.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
  const storage::Scn s1 = f.store->last_scn();
  f.session.execute("UPDATE t SET v = 'a2' WHERE id = 1");
  const storage::Scn s2 = f.store->last_scn();
  f.session.execute("DELETE FROM t WHERE id = 2");
  const storage::Scn s3 = f.store->last_scn();
  CHECK(f.rows(fmt::format("SELECT heliosdb_current_scn() = {}", s3)) == V{"t"});
  CHECK(f.rows(fmt::format("SELECT id, v FROM t AS OF SCN {} ORDER BY id", s1)) == V{"1|a", "2|b"});
  CHECK(f.rows(fmt::format("SELECT id, v FROM t AS OF SCN {} ORDER BY id", s2)) == V{"1|a2", "2|b"});
  CHECK(f.rows(fmt::format("SELECT id, v FROM t AS OF SCN {} ORDER BY id", s3)) == V{"1|a2"});
  CHECK(f.rows(fmt::format("SELECT id, v, version_start_scn, version_end_scn, version_operation FROM t "
                           "VERSIONS BETWEEN SCN {} AND {} ORDER BY id, version_start_scn",
                           s1, s3)) ==
        V{fmt::format("1|a|{}|{}|insert", s1, s2), fmt::format("1|a2|{}|NULL|update", s2),
          fmt::format("2|b|{}|{}|insert", s1, s3), fmt::format("2|b|{}|NULL|delete", s3)});
  // The version made by the UPDATE is an 'update' in any window, not only in one that holds its start.
  CHECK(f.rows(fmt::format("SELECT id, version_operation FROM t VERSIONS BETWEEN SCN {} AND {} ORDER BY id", s3, s3)) ==
        V{"1|update", "2|delete"});
  CHECK(f.state(fmt::format("SELECT * FROM t AS OF SCN {}", s3 + 5)) == "22023");
  CHECK(f.state(fmt::format("UPDATE t AS OF SCN {} SET v = 'x'", s1)) == "0A000");
  CHECK(f.state(fmt::format("SELECT * FROM t AS OF SCN {}", s1 - 2)) == "42P01");
  // AS OF TRANSACTION names the commit of the transaction whose id pg_current_xact_id() gave.
  f.session.execute("BEGIN");
  f.session.execute("INSERT INTO t VALUES (3, 'c')");
  const std::string xid = f.rows("SELECT pg_current_xact_id()").at(0);
  f.session.execute("COMMIT");
  f.session.execute("DELETE FROM t WHERE id = 3");
  CHECK(f.rows(fmt::format("SELECT v FROM t AS OF TRANSACTION {} WHERE id = 3", xid)) == V{"c"});
  // A read-only transaction's id names the point it read, as the seed uses it.
  const std::string reader = f.rows("SELECT pg_current_xact_id()").at(0);
  f.session.execute("INSERT INTO t VALUES (4, 'd')");
  CHECK(f.rows(fmt::format("SELECT count(*) FROM t AS OF TRANSACTION {}", reader)) == V{"1"});
}

TEST_CASE("the embedded API opens a database on a branch", "[engine][branch][api]") {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("heliosdb-branch-model-{}", ::getpid());
  std::filesystem::remove_all(dir);
  {
    auto db = heliosdb::Database::open(dir);
    db->execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
    db->execute("INSERT INTO t VALUES (1, 1)");
    db->execute("CREATE DATABASE BRANCH staging FROM main AS OF NOW");
    db->execute("USE BRANCH staging");
    CHECK(db->branch() == "staging");
    db->execute("UPDATE t SET v = 2");
    db->execute("USE BRANCH main");
    CHECK(db->branch() == "main");
    CHECK(db->query("SELECT v FROM t").get_int(0, 0) == 1);
  }
  {
    auto staging = heliosdb::Database::open_branch(dir, "staging");
    CHECK(staging->branch() == "staging");
    CHECK(staging->query("SELECT v FROM t").get_int(0, 0) == 2);
    auto tx = staging->begin_transaction();
    tx.execute("UPDATE t SET v = 3");
    tx.commit();
    CHECK(staging->query("SELECT v FROM t").get_int(0, 0) == 3);
  }
  {
    auto main = heliosdb::Database::open(dir);
    CHECK(main->branch() == "main");
    CHECK(main->query("SELECT v FROM t").get_int(0, 0) == 1);
    CHECK(main->execute("MERGE DATABASE BRANCH staging INTO main") == 1);
    CHECK(main->query("SELECT v FROM t").get_int(0, 0) == 3);
  }
  try {
    heliosdb::Database::open_branch(dir, "nope");
    FAIL("opened an unknown branch");
  } catch (const heliosdb::Error& e) {
    CHECK(e.sqlstate() == "3D000");
  }
  std::filesystem::remove_all(dir);
}
