#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

// Fixed OIDs, as PostgreSQL 15's initdb assigns them.
inline constexpr std::int64_t kBootstrapSuperuser = 10;   ///< the superuser initdb makes
inline constexpr std::int64_t kDatabaseOwnerRole = 6171;  ///< pg_database_owner, owner of public
inline constexpr std::int64_t kPgCatalogNamespace = 11;
inline constexpr std::int64_t kPgToastNamespace = 99;
inline constexpr std::int64_t kPublicNamespace = 2200;
inline constexpr std::int64_t kInformationSchemaNamespace = 13212;
inline constexpr std::int64_t kHeapAm = 2;
inline constexpr std::int64_t kBtreeAm = 403;

/// pg_catalog.`name` computed from this transaction's catalog; nullopt if
/// we do not have that relation.
std::optional<Relation> pg_catalog_view(const std::string& name, const std::string& qualifier, ExecContext& ctx);

/// pg_type: our types and their array types, and pgvector's vector (pg_type_view.cpp).
Relation pg_type_relation(const std::string& qualifier);

/// A type's storage as pg_type and pg_attribute show it (typlen, typbyval, typalign, typstorage).
struct TypeLayout {
  int length;
  bool by_value;
  char align;
  char storage;
};
TypeLayout type_layout(TypeId id);

/// pg_attribute: the columns of tables, views and indexes (pg_attribute_view.cpp).
Relation pg_attribute_relation(const std::string& qualifier, ExecContext& ctx);

/// pg_get_userbyid: the role's name, or PostgreSQL's "unknown (OID=n)".
std::string role_name(ExecContext& ctx, std::int64_t role);

/// Whether `relation` is one of the database's tables, indexes or sequences.
bool is_user_relation(ExecContext& ctx, std::int64_t relation);

}  // namespace heliosdb::engine
