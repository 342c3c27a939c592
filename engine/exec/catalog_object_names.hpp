#pragma once

#include <map>
#include <memory>

#include "engine/catalog/catalog.hpp"
#include "engine/types/object_names.hpp"

namespace heliosdb::engine {

struct ExecContext;

/// A name as PostgreSQL's messages spell one written in a statement: as written, dotted.
std::string written_name(const std::vector<std::string>& names);
/// 42704: type "NAME" does not exist.
[[noreturn]] void throw_no_such_type(const std::vector<std::string>& names);

/// regclass and regtype names and enum types' labels, looked up in a
/// statement's catalog along its session's search path. Enum types are read
/// once per statement; a statement that changes one calls forget_types().
/// Lives as long as its ExecContext, on its thread.
class CatalogObjectNames final : public ObjectNames {
 public:
  CatalogObjectNames(Catalog& catalog, ExecContext& ctx) : catalog_(catalog), ctx_(ctx) {}

  std::optional<std::uint32_t> relation_oid(std::string_view name) override;
  std::optional<std::string> relation_name(std::uint32_t oid) override;
  SqlType type_named(std::string_view name) override;
  bool is_user_table(std::uint32_t oid) override { return catalog_.find_table(oid).has_value(); }
  std::optional<SqlType> user_type(const std::vector<std::string>& names) override;
  std::optional<std::string> user_type_name(std::uint32_t oid) override;
  std::vector<EnumLabel> enum_labels(std::uint32_t type_oid) override;
  std::optional<EnumLabel> enum_label(std::uint32_t label_oid) override;

  /// The enum type `name` names: in its own schema, else the first schema
  /// of the search path that has one called so.
  std::optional<EnumDef> find_enum(const std::vector<std::string>& names);
  /// The domain `names` names, found as find_enum finds enum types.
  std::optional<DomainDef> find_domain(const std::vector<std::string>& names);
  /// The domain `oid`, read once per statement; null if there is none. The
  /// pointer lives until forget_types().
  const DomainDef* domain(std::uint32_t oid);
  /// Drops what was read of enum types and domains, after a statement changed one.
  void forget_types() {
    enums_.reset();
    domains_.reset();
  }

 private:
  struct Enums {
    std::map<std::uint32_t, EnumDef> by_oid;
    std::map<std::uint32_t, EnumLabel> labels;
  };
  const Enums& enums();
  template <class Def>
  using FindInSchema = std::optional<Def> (Catalog::*)(std::string_view, std::string_view);
  template <class Def>
  std::optional<Def> find_user_type(const std::vector<std::string>& names, FindInSchema<Def> find);

  Catalog& catalog_;
  ExecContext& ctx_;
  std::unique_ptr<Enums> enums_;
  std::unique_ptr<std::map<std::uint32_t, DomainDef>> domains_;
};

}  // namespace heliosdb::engine
