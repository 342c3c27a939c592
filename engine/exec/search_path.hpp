#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/ast/statement.hpp"
#include "engine/catalog/catalog.hpp"
#include "engine/exec/exec_context.hpp"

namespace heliosdb::engine {

/// Schemas: which exist, their oids, and where a name without a schema is
/// looked up and created (the session's search_path).

/// The schemas pg_namespace lists, as (oid, name): the built-in ones
/// PostgreSQL's initdb makes, then those CREATE SCHEMA made.
std::vector<std::pair<std::int64_t, std::string>> namespace_list(Catalog& catalog);
/// The built-in ones alone, for where no catalog is at hand.
std::vector<std::pair<std::int64_t, std::string>> namespace_list();

/// The oid of schema `name`, if there is one.
std::optional<std::int64_t> namespace_oid(Catalog& catalog, std::string_view name);

/// Whether `name` is one of the schemas that are always there (pg_catalog,
/// public, information_schema, pg_toast): they hold no stored objects but ours.
bool is_builtin_schema(std::string_view name);

/// The entries of a search_path value, as PostgreSQL splits it: quoted
/// names kept as written, others lowercased.
std::vector<std::string> split_search_path(std::string_view value);

/// The schemas of search_path that exist, in its order ("$user" is the
/// session user's schema): current_schemas(false).
std::vector<std::string> search_path_schemas(ExecContext& ctx);

/// Whether the session's temporary schema exists (it is searched first).
bool has_temp_schema(ExecContext& ctx);

/// Where CREATE TEMP TABLE puts `name`: the session's temporary schema,
/// made by the first one (42P16 for a name in another schema).
std::string temp_schema_to_create_in(ExecContext& ctx, const ast::RangeVar& name);

/// Where CREATE puts `name`: its own schema, which must exist (3F000), or
/// the first schema of the search path (3F000 if there is none). The system
/// schemas take no objects (42501).
std::string schema_to_create_in(ExecContext& ctx, const ast::RangeVar& name);

/// Where CREATE TYPE, DOMAIN or FUNCTION puts a possibly qualified name: the
/// schema (as schema_to_create_in) and the bare name. `kind` names the objects
/// in the refusal of the temporary schema ("types", "functions").
ast::RangeVar object_to_create(ExecContext& ctx, const std::vector<std::string>& names, std::string_view kind);

/// The schema an existing relation's name refers to: its own (pg_temp: the
/// session's temporary schema), or the session's temporary schema or the first
/// schema on the search path that has a table, view or sequence (and with
/// `indexes`, an index) of that name. When none has, a schema in which the
/// lookup then fails, so the caller reports the name as it was written.
std::string relation_schema(ExecContext& ctx, const std::string& schema, const std::string& name, bool indexes = false);

/// Whether `schema`.name is what the name alone finds (pg_table_is_visible).
bool relation_visible(ExecContext& ctx, const std::string& schema, const std::string& name);

/// pg_table_is_visible(oid): nullopt when no relation has that oid.
std::optional<bool> relation_oid_visible(ExecContext& ctx, std::uint32_t oid);

/// While alive, names without a schema are looked up and made in `schemas`
/// rather than along the session's search path: what a view's query names
/// means what it meant when the view was made. No schemas: no change.
class SearchPathOverride {
 public:
  SearchPathOverride(ExecContext& ctx, const std::vector<std::string>& schemas);
  ~SearchPathOverride();
  SearchPathOverride(const SearchPathOverride&) = delete;
  SearchPathOverride& operator=(const SearchPathOverride&) = delete;

 private:
  ExecContext& ctx_;
  bool active_;
  std::shared_ptr<const ExecContext::SearchPath> saved_;
};

/// While alive, what a view's query names means what it meant when the view
/// was made: its search path, never the reader's WITH queries, and `*` as
/// wide as its tables were.
class ViewNamesAsMade {
 public:
  /// `table_widths`: the view's (TableWidth), which `*` keeps to; null for
  /// none (a view being made, or stored before they were kept).
  ViewNamesAsMade(ExecContext& ctx, const std::vector<std::string>& view_search_path,
                  const std::vector<TableWidth>* table_widths)
      : ctx_(ctx),
        with_(std::exchange(ctx.with_queries, {})),
        widths_(std::exchange(ctx.table_widths, table_widths)),
        path_(ctx, view_search_path) {}
  ~ViewNamesAsMade() {
    ctx_.with_queries = std::move(with_);
    ctx_.table_widths = widths_;
  }
  ViewNamesAsMade(const ViewNamesAsMade&) = delete;
  ViewNamesAsMade& operator=(const ViewNamesAsMade&) = delete;

 private:
  ExecContext& ctx_;
  std::vector<WithBinding*> with_;
  const std::vector<TableWidth>* widths_;
  SearchPathOverride path_;
};

/// A relation's name as regclass and pg_get_constraintdef print it: quoted
/// where needed, and qualified when the name alone would not find it.
std::string visible_relation_name(ExecContext& ctx, const std::string& schema, const std::string& name);

}  // namespace heliosdb::engine
