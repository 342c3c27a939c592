// HeliosDB's branch commands in a session: CREATE | DROP | ALTER | MERGE
// DATABASE BRANCH, USE BRANCH, SHOW BRANCHES and SET heliosdb.branch.
#include <fmt/format.h>

#include "engine/common/db_error.hpp"
#include "engine/exec/branch_lookup.hpp"
#include "engine/exec/branch_merge.hpp"
#include "engine/exec/history_point.hpp"
#include "engine/exec/table_functions.hpp"
#include "engine/session/branch_users.hpp"
#include "engine/session/session.hpp"
#include "engine/vector/index_registry.hpp"
#include "storage/storage_error.hpp"

namespace heliosdb::engine {

namespace {

const char* command_name(ast::BranchStmt::Kind kind) {
  switch (kind) {
    case ast::BranchStmt::Kind::kCreate:
      return "CREATE DATABASE BRANCH";
    case ast::BranchStmt::Kind::kDrop:
      return "DROP DATABASE BRANCH";
    case ast::BranchStmt::Kind::kRename:
      return "ALTER DATABASE BRANCH";
    case ast::BranchStmt::Kind::kMerge:
      return "MERGE DATABASE BRANCH";
    case ast::BranchStmt::Kind::kUse:
      return "USE BRANCH";
    case ast::BranchStmt::Kind::kShow:
      return "SHOW BRANCHES";
  }
  return "BRANCH";
}

// Names travel in database names ("mydb@name") and SQL: keep them plain.
void require_valid_name(const std::string& name) {
  if (name.empty() || name.size() > 63 || name.find('@') != std::string::npos) {
    throw DbError(sqlstate::kInvalidName, "invalid branch name \"" + name + "\"")
        .with_detail("A branch name has 1 to 63 characters and no '@'.");
  }
}

// WITH (replication_factor = 3, region = 'us-west-2') as the view shows it.
std::string options_text(const std::vector<std::pair<std::string, std::string>>& options) {
  std::string out;
  for (const auto& [name, value] : options) {
    if (!out.empty()) out += ", ";
    out += name + "=" + value;
  }
  return out;
}

QueryResult tag(const char* command) {
  QueryResult r;
  r.command_tag = command;
  return r;
}

}  // namespace

std::string Session::branch_name() const {
  auto info = store_.branch(branch_);
  return info ? info->name : std::string();
}

void Session::use_branch(std::string_view name) {
  if (txn_ != nullptr) {
    throw DbError(sqlstate::kActiveSqlTransaction, "cannot change branches inside a transaction block");
  }
  choose_branch(require_branch(store_, name).id);
}

void Session::choose_branch(std::optional<storage::BranchId> branch) {
  auto& users = store_.attachment<BranchUsers>();
  if (branch) users.join(*branch);
  if (!follows_main_) users.leave(branch_);
  follows_main_ = !branch;
  branch_ = branch ? *branch : default_branch(store_);
}

QueryResult Session::run_branch(const ast::BranchStmt& statement) {
  using Kind = ast::BranchStmt::Kind;
  if (statement.kind == Kind::kShow) {
    Relation branches = branches_relation(store_, "branches");
    QueryResult r;
    r.returns_rows = true;
    for (const ScopeColumn& c : branches.scope) r.columns.push_back({c.name, c.type, 0, 0});
    r.rows = std::move(branches.rows);
    r.command_tag = "SHOW";
    return r;
  }
  if (txn_ != nullptr) {
    throw DbError(sqlstate::kActiveSqlTransaction,
                  std::string(command_name(statement.kind)) + " cannot run inside a transaction block");
  }
  switch (statement.kind) {
    case Kind::kUse:
      use_branch(statement.name);
      return tag("USE BRANCH");
    case Kind::kCreate: {
      require_valid_name(statement.name);
      const storage::BranchId parent = statement.parent.empty() ? branch_ : require_branch(store_, statement.parent).id;
      storage::Scn fork = store_.last_scn();
      if (statement.as_of.kind != ast::TemporalPoint::Kind::kNow) {
        // The point is read on the parent, as a query there would read it.
        storage::Transaction txn(store_, parent);
        ExecContext ctx(txn);
        ctx.params = params_;
        ctx.interrupts = &interrupts_;
        ctx.settings = &settings_;
        fork = resolve_history_point(statement.as_of, ctx).value_or(txn.snapshot_scn());
      }
      store_.create_branch(statement.name, parent, fork, options_text(statement.options));
      return tag("CREATE DATABASE BRANCH");
    }
    case Kind::kDrop: {
      auto info = store_.find_branch(statement.name);
      if (!info) {
        if (!statement.if_exists) require_branch(store_, statement.name);  // throws 3D000
        QueryResult r = tag("DROP DATABASE BRANCH");
        r.notices.push_back({"NOTICE", "00000", "branch \"" + statement.name + "\" does not exist, skipping", {}});
        return r;
      }
      // A session that goes with main may drop it (to put another branch in
      // its place, as the seed's disaster recovery does); one that chose a
      // branch may not drop that one from under itself.
      if (info->id == branch_ && !follows_main_) {
        throw DbError(sqlstate::kObjectInUse, "cannot drop the currently open branch")
            .with_hint("Switch to another branch first: USE BRANCH main.");
      }
      store_.attachment<BranchUsers>().drop_unless_used(info->id, 0, [&] { store_.drop_branch(info->id); });
      store_.attachment<VectorIndexRegistry>().forget_branch(info->id);
      return tag("DROP DATABASE BRANCH");
    }
    case Kind::kRename: {
      require_valid_name(statement.target);
      const storage::BranchInfo info = require_branch(store_, statement.name);
      if (store_.find_branch(statement.target)) {
        throw DbError(sqlstate::kDuplicateDatabase, "branch \"" + statement.target + "\" already exists");
      }
      store_.rename_branch(info.id, statement.target);
      return tag("ALTER DATABASE BRANCH");
    }
    case Kind::kMerge: {
      MergeOptions options = merge_options(statement.options);
      const storage::BranchInfo source = require_branch(store_, statement.name);
      const storage::BranchInfo target = require_branch(store_, statement.target);
      if (source.id == target.id) {
        throw DbError(sqlstate::kInvalidParameterValue, "cannot merge branch \"" + source.name + "\" into itself");
      }
      if (options.delete_branch_after && source.id == branch_) {
        throw DbError(sqlstate::kObjectInUse, "cannot drop the currently open branch")
            .with_hint("delete_branch_after drops the merged branch: switch to another branch first.");
      }
      // Refused before merging, so a merge that cannot delete its branch changes nothing.
      if (options.delete_branch_after) store_.attachment<BranchUsers>().require_unused(source.id, 0);
      MergeSummary summary = merge_branch(store_, source.id, target.id, options, interrupts_);
      if (options.delete_branch_after) {
        store_.attachment<BranchUsers>().drop_unless_used(source.id, 0, [&] { store_.drop_branch(source.id); });
        store_.attachment<VectorIndexRegistry>().forget_branch(source.id);
      }
      // PostgreSQL's MERGE tag: clients (libpq's PQcmdTuples) read the count from it.
      QueryResult r;
      r.rows_affected = summary.rows_changed;
      r.command_tag = "MERGE " + std::to_string(summary.rows_changed);
      return r;
    }
    case Kind::kShow:
      break;
  }
  return {};
}

QueryResult Session::run_branch_setting(const ast::SettingStmt& statement) {
  using Kind = ast::SettingStmt::Kind;
  QueryResult result;
  switch (statement.kind) {
    case Kind::kShow:
      result.returns_rows = true;
      result.command_tag = "SHOW";
      result.columns.push_back({std::string(kBranchSetting), SqlType{TypeId::kText, -1}, 0, 0});
      result.rows.push_back({Value::string(TypeId::kText, branch_name())});
      return result;
    case Kind::kSet:
      if (statement.local) {
        throw DbError(sqlstate::kFeatureNotSupported, "SET LOCAL heliosdb.branch is not supported")
            .with_hint("A transaction runs on one branch: SET heliosdb.branch before BEGIN.");
      }
      if (statement.values.size() != 1) {
        throw DbError(sqlstate::kInvalidParameterValue, "SET heliosdb.branch takes one branch name");
      }
      use_branch(statement.values.front());
      break;
    case Kind::kSetDefault:
    case Kind::kReset:
      if (txn_ != nullptr) {
        throw DbError(sqlstate::kActiveSqlTransaction, "cannot change branches inside a transaction block");
      }
      choose_branch(std::nullopt);
      break;
    default:
      break;
  }
  result.command_tag = statement.kind == Kind::kSet || statement.kind == Kind::kSetDefault ? "SET" : "RESET";
  return result;
}

}  // namespace heliosdb::engine
