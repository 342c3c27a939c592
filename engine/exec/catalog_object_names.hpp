#pragma once

#include "engine/catalog/catalog.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

struct ExecContext;

/// regclass and regtype names, looked up in a statement's catalog along its
/// session's search path.
class CatalogObjectNames final : public ObjectNames {
 public:
  CatalogObjectNames(Catalog& catalog, ExecContext& ctx) : catalog_(catalog), ctx_(ctx) {}

  std::optional<std::uint32_t> relation_oid(std::string_view name) override;
  std::optional<std::string> relation_name(std::uint32_t oid) override;
  SqlType type_named(std::string_view name) override;
  bool is_user_table(std::uint32_t oid) override { return catalog_.find_table(oid).has_value(); }

 private:
  Catalog& catalog_;
  ExecContext& ctx_;
};

}  // namespace heliosdb::engine
