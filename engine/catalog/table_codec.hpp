#pragma once

#include <string>
#include <string_view>

#include "engine/catalog/table_def.hpp"

namespace heliosdb::engine {

/// The stored form of a table definition in the catalog.
std::string encode_table_def(const TableDef& def);
/// Throws DbError(XX001) if the bytes are not a table definition.
TableDef decode_table_def(std::string_view raw);

}  // namespace heliosdb::engine
