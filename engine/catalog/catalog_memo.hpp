#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/catalog/role_def.hpp"
#include "engine/catalog/table_def.hpp"
#include "storage/transaction.hpp"

namespace heliosdb::engine {

/// A search path as resolved against the catalog: the schemas of the
/// setting that exist, and whether the session's temporary schema does.
struct ResolvedSearchPath {
  std::string setting;  ///< the search_path text it was resolved from
  std::vector<std::string> schemas;
  bool temp_exists = false;
};

/// What a session's statements looked up in the catalog, kept from one
/// statement to the next for as long as the transaction's view of the
/// catalog keys is unchanged (storage::Transaction::read_version). A
/// prepared INSERT run a million times in one transaction then resolves its
/// table once instead of a million times. Owned by the session; one thread.
struct CatalogMemo {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  storage::Transaction::ReadVersion version;
  /// Moves at each clear(): what was worked out from the catalog under an
  /// older epoch (a statement's plan) no longer holds.
  std::uint64_t epoch = 0;
  /// Table definitions by catalog key; null where there is no such table.
  std::unordered_map<std::string, std::shared_ptr<const TableDef>, Hash, std::equal_to<>> tables;
  /// Roles by name (each statement looks its acting role up); nullopt where there is none.
  std::unordered_map<std::string, std::optional<RoleDef>, Hash, std::equal_to<>> roles;
  /// The search path, with the user and temporary schema it was resolved for.
  std::shared_ptr<const ResolvedSearchPath> search_path;
  std::string search_path_user;
  std::string search_path_temp_schema;

  void clear() {
    ++epoch;
    tables.clear();
    roles.clear();
    search_path.reset();
  }
};

}  // namespace heliosdb::engine
