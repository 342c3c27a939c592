#pragma once

// Anonymous composite values, PostgreSQL's record: what a set-returning
// function with several columns gives in a select list. A record is held as
// its text, in record_out's form. Its type's modifier names its fields in a
// registry of this process, as PostgreSQL's typmod names a "blessed" record
// descriptor, so that (r).field knows the field's name and type.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types/sql_type.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

struct RecordField {
  std::string name;
  SqlType type;

  friend bool operator==(const RecordField&, const RecordField&) = default;
};

/// The record type with these fields: SqlType{kRecord, record_typmod(fields)}.
/// The same fields always give the same modifier.
std::int32_t record_typmod(const std::vector<RecordField>& fields);
/// The fields a record type's modifier names; empty for an unknown one.
std::vector<RecordField> record_fields(std::int32_t typmod);

/// A record of these values, as record_out spells it: (1,"a b",) for 1,
/// 'a b', NULL. `typmod` names its fields' types, by which records compare.
Value make_record(const std::vector<Value>& fields, std::int32_t typmod = -1);
/// How two records order, as PostgreSQL's record_cmp: field by field, by
/// each field's type, NULL after any value. Records whose types are not
/// known compare by their texts.
int compare_records(const Value& a, const Value& b);
/// Field `index` of a record's text: nullopt when it is NULL or past the end.
std::optional<std::string> record_field_text(std::string_view record, std::size_t index);
/// `record IS [NOT] NULL` for a non-NULL record: whether every field is [not] NULL.
bool record_null_test(const Value& record, bool is_not);
/// Field `index` of a record, read as `type`, its field's type; NULL when it is NULL.
Value record_field(const Value& record, std::size_t index, SqlType type);

}  // namespace heliosdb::engine
