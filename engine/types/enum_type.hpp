#pragma once
// Enum types (CREATE TYPE ... AS ENUM): values are labels that compare by
// their position in the type's list, not alphabetically. Which labels a type
// has is the catalog's to say; the statement running on this thread lends it
// through ObjectNames (object_names.hpp). A value carries its label, its sort
// position and its label's oid, which is what rows store: renaming a label or
// adding one between others changes no stored row.
// PostgreSQL 15 docs, section 8.7 "Enumerated Types".

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// PostgreSQL's NAMEDATALEN - 1: the longest label, in bytes.
inline constexpr std::size_t kMaxEnumLabelBytes = 63;

/// enum_in: the value of the enum type `type` labelled exactly `text`.
/// Throws 22P02 "invalid input value for enum mood: \"x\"" for a label it
/// does not have, 0A000 outside a statement.
Value enum_in(std::string_view text, SqlType type);

/// The value a stored label oid stands for. Throws 22P03 "invalid internal
/// value for enum" when no enum type has that label (any more).
Value enum_from_oid(std::uint32_t label_oid);

/// Every value of the enum type `type_oid`, in its order (enum_range).
std::vector<Value> enum_values(std::uint32_t type_oid);

/// Throws 55P04 "unsafe use of new value" if `value`'s label was added by
/// ALTER TYPE ... ADD VALUE in the transaction still running, as
/// PostgreSQL does wherever a label is taken (input, enum_first/last/range).
void require_committed(const Value& value);

}  // namespace heliosdb::engine
