#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/catalog/acl.hpp"
#include "engine/types/sql_type.hpp"

namespace heliosdb::engine {

/// A sequence's definition, as CREATE/ALTER SEQUENCE set it (pg_sequence).
/// Its current value is kept apart (see sequence_ops.hpp): nextval() does
/// not roll back with the transaction that called it.
struct SequenceDef {
  std::uint32_t oid = 0;
  std::string schema = "public";
  std::string name;
  TypeId type = TypeId::kInt8;  ///< smallint, integer or bigint
  std::int64_t start = 1;
  std::int64_t increment = 1;
  std::int64_t min = 1;
  std::int64_t max = INT64_MAX;
  std::int64_t cache = 1;
  bool cycle = false;
  std::uint32_t owner_table = 0;  ///< OWNED BY: dropped with this table's column; 0 for none
  int owner_column = -1;
  std::string comment;      ///< COMMENT ON SEQUENCE; empty for none
  std::uint32_t owner = 0;  ///< relowner; 0 in sequences stored before owners: the bootstrap superuser
  Acl acl;                  ///< relacl
};

/// A sequence's current value: the last one handed out, and whether any was
/// (setval(s, v, false) makes the next nextval return v itself).
struct SequenceState {
  std::int64_t last_value = 1;
  bool is_called = false;
};

std::string encode_sequence_def(const SequenceDef& def);
SequenceDef decode_sequence_def(std::string_view raw);
std::string encode_sequence_state(const SequenceState& state);
SequenceState decode_sequence_state(std::string_view raw);

}  // namespace heliosdb::engine
