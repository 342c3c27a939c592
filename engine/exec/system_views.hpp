#pragma once

#include <optional>
#include <string>

#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"

namespace heliosdb::engine {

/// A column of a computed relation, and the empty relation with those columns.
struct ViewColumn {
  const char* name;
  TypeId type;
};
Relation make_relation(const std::vector<ViewColumn>& columns, const std::string& qualifier);

/// What information_schema says of a column's or a domain's type: the SQL
/// standard's name for it, its length and precision, and its pg_type name.
struct InformationSchemaType {
  std::string data_type;
  Value character_maximum_length, character_octet_length;
  Value numeric_precision, numeric_precision_radix, numeric_scale;
  std::string udt_schema, udt_name;
};
InformationSchemaType information_schema_type(const SqlType& type, ExecContext& ctx);

/// The rows of a system view, computed from the catalog of this transaction
/// (so they follow its snapshot): information_schema.tables and
/// information_schema.columns, with PostgreSQL 15's columns and values for
/// the user's tables. Nullopt if schema.name is not a system view.
std::optional<Relation> system_view(const std::string& schema, const std::string& name, const std::string& qualifier,
                                    ExecContext& ctx);

/// A sequence read as a table (SELECT last_value, is_called FROM s): one row
/// of its current state. Nullopt if schema.name is not a sequence.
std::optional<Relation> sequence_relation(const std::string& schema, const std::string& name,
                                          const std::string& qualifier, ExecContext& ctx);

}  // namespace heliosdb::engine
