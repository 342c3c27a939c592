#include "engine/exec/column_privileges.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "engine/common/db_error.hpp"
#include "engine/exec/binder.hpp"
#include "engine/exec/privileges.hpp"
#include "engine/exec/projection.hpp"

namespace heliosdb::engine {

namespace {

// A relation's lists as the checks need them, for tables and views alike.
struct Lists {
  std::string noun;
  const std::string& name;
  std::int64_t owner;
  const Acl& acl;
  std::vector<const Acl*> columns;
};

Lists lists_of(const TableDef& table) {
  Lists out{table.kind_name(), table.name, table.owner, table.acl, {}};
  for (const ColumnDef& c : table.columns) out.columns.push_back(&c.acl);
  return out;
}

Lists lists_of(const ViewDef& view) {
  Lists out{"view", view.name, view.owner, view.acl, {}};
  for (const Acl& acl : view.column_acls) out.columns.push_back(&acl);
  out.columns.resize(view.columns.size(), nullptr);
  return out;
}

bool column_holds(ExecContext& ctx, const Lists& r, std::size_t column, std::uint32_t wanted) {
  const Acl* acl = column < r.columns.size() ? r.columns[column] : nullptr;
  if (acl == nullptr || !*acl) return false;
  return held_privileges(ctx, AclObject::kColumn, *acl, r.owner, wanted) == wanted;
}

[[noreturn]] void deny(const Lists& r) {
  throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for " + r.noun + " " + r.name);
}

void guard(ExecContext& ctx, const Lists& r, std::vector<ScopeColumn>& scope, bool required) {
  if (held_privileges(ctx, AclObject::kTable, r.acl, r.owner, privilege::kSelect) != 0) return;
  std::shared_ptr<const std::string> unreadable;
  bool any = false;
  const std::size_t n = std::min(scope.size(), r.columns.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (column_holds(ctx, r, i, privilege::kSelect)) {
      any = true;
      continue;
    }
    if (!unreadable) unreadable = std::make_shared<const std::string>(r.noun + " " + r.name);
    scope[i].unreadable = unreadable;
  }
  if (required && !any) deny(r);
}

}  // namespace

void guard_reads(ExecContext& ctx, const TableDef& table, std::vector<ScopeColumn>& scope, bool required) {
  guard(ctx, lists_of(table), scope, required);
}

void guard_reads(ExecContext& ctx, const ViewDef& view, std::vector<ScopeColumn>& scope, bool required) {
  guard(ctx, lists_of(view), scope, required);
}

std::vector<ScopeColumn> readable_scope(ExecContext& ctx, const TableDef& table, const std::string& qualifier) {
  std::vector<ScopeColumn> scope = table_scope(table, qualifier);
  guard_reads(ctx, table, scope, false);
  return scope;
}

bool holds_table_privileges(ExecContext& ctx, const TableDef& table, std::uint32_t wanted) {
  return held_privileges(ctx, AclObject::kTable, table.acl, table.owner, wanted) == wanted;
}

void require_column_privileges(ExecContext& ctx, const TableDef& table, std::uint32_t wanted,
                               const std::vector<int>& columns) {
  if (holds_table_privileges(ctx, table, wanted)) return;
  const Lists r = lists_of(table);
  if (columns.empty()) {
    for (std::size_t i = 0; i < r.columns.size(); ++i) {
      if (column_holds(ctx, r, i, wanted)) return;
    }
    deny(r);
  }
  for (int c : columns) {
    if (!column_holds(ctx, r, static_cast<std::size_t>(c), wanted)) deny(r);
  }
}

}  // namespace heliosdb::engine
