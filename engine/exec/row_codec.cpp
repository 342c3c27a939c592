#include "engine/exec/row_codec.hpp"

#include <algorithm>

#include "engine/catalog/catalog.hpp"
#include "engine/common/db_error.hpp"
#include "engine/types/array.hpp"
#include "engine/types/decimal.hpp"
#include "engine/types/temporal.hpp"
#include "engine/types/value_codec.hpp"
#include "storage/key_encoding.hpp"
#include "storage/types.hpp"

namespace heliosdb::engine {

std::string encode_row(const TableDef& table, const Row& row) {
  std::string out;
  for (std::size_t i = 0; i < table.columns.size(); ++i) append_value(out, row[i]);
  return out;
}

Row decode_row(const TableDef& table, std::string_view raw, const std::vector<bool>* needed) {
  return decode_row(table, raw, select_columns(table, needed));
}

Row decode_row(const TableDef& table, std::string_view raw, const ColumnSelection& columns) {
  Row row;
  decode_row_into(table, raw, columns, row);
  return row;
}

ColumnSelection select_columns(const TableDef& table, const std::vector<bool>* needed) {
  ColumnSelection out;
  out.end = table.columns.size();
  if (needed == nullptr) return out;
  out.wanted.assign(needed->begin(), needed->end());
  out.wanted.resize(table.columns.size(), 0);
  while (out.end > 0 && out.wanted[out.end - 1] == 0) --out.end;
  return out;
}

void decode_row_into(const TableDef& table, std::string_view raw, const ColumnSelection& columns, Row& row) {
  const std::size_t width = table.columns.size();
  row.resize(width);
  const std::size_t end = std::min(columns.end, width);
  const bool all = columns.wanted.empty();
  for (std::size_t i = 0; i < end; ++i) {
    const ColumnDef& column = table.columns[i];
    if (raw.empty()) {
      // Stored before this column was added.
      row[i] = column.missing_value ? *column.missing_value : Value::null(column.type.id);
    } else if (!all && columns.wanted[i] == 0) {
      skip_value(raw, column.type.id);
      row[i].set_null(column.type.id);
    } else {
      read_value_into(raw, column.type.id, row[i]);
    }
  }
  for (std::size_t i = end; i < width; ++i) row[i].set_null(table.columns[i].type.id);
}

std::optional<std::string_view> stored_column_bytes(const TableDef& table, std::string_view raw, std::size_t column) {
  for (std::size_t i = 0; i < column && !raw.empty(); ++i) skip_value(raw, table.columns[i].type.id);
  if (raw.empty()) {
    const std::optional<Value>& missing = table.columns[column].missing_value;
    if (!missing || missing->is_null()) return std::nullopt;
    return std::string_view(missing->as_string());
  }
  return read_stored_bytes(raw);
}

void encode_key_value(storage::KeyEncoder& encoder, const Value& v, storage::KeyColumnOrder order) {
  if (v.is_null()) {
    encoder.add_null(order);
    return;
  }
  if (is_array(v.type())) {
    // Element by element, each after a marker that sorts above the end's,
    // so a prefix sorts first as array_cmp has it; the dimensions last,
    // only to tell {1,2} from {{1,2}}.
    const ArrayData a = decode_array(v);
    for (const Value& item : a.items) {
      encoder.add_bool(true, order);
      encode_key_value(encoder, item, order);
    }
    encoder.add_bool(false, order);
    for (const ArrayDim& d : a.dims) {
      encoder.add_int64(d.length, order);
      encoder.add_int64(d.lower, order);
    }
    return;
  }
  switch (v.type()) {
    case TypeId::kBool:
      encoder.add_bool(v.as_bool(), order);
      return;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
      encoder.add_int64(v.as_int(), order);
      return;
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kEnum:  // by sort position, which a label keeps once given
      encoder.add_double(v.as_float(), order);
      return;
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kBytea:
      encoder.add_text(v.as_string(), order);
      return;
    case TypeId::kNumeric:
      encoder.add_bytes(Decimal::parse(v.as_string()).key_bytes(), order);
      return;
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      encoder.add_timestamp(as_timestamp(v), order);  // dates at midnight: they compare with timestamps
      return;
    case TypeId::kTime:
      encoder.add_int64(v.as_int(), order);
      return;
    case TypeId::kXid8:  // unsigned: the sign bit flipped orders it as a signed key
      encoder.add_int64(static_cast<std::int64_t>(static_cast<std::uint64_t>(v.as_int()) ^ (std::uint64_t{1} << 63)),
                        order);
      return;
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kVector:
    case TypeId::kUuid:
    case TypeId::kRecord:  // by its text: equal records have equal texts
      encoder.add_text(v.as_string(), order);
      return;
    case TypeId::kInterval: {
      // Ordered by span: '1 mon' and '30 days' are the same key, as they are equal.
      temporal::Span span = temporal::interval_span(as_interval(v));
      encoder.add_int64(static_cast<std::int64_t>(span >> 64), order);
      encoder.add_int64(static_cast<std::int64_t>(static_cast<std::uint64_t>(span) ^ 0x8000000000000000ULL), order);
      return;
    }
  }
}

std::string row_key(const TableDef& table, const Row& row, std::string_view hidden_row_id) {
  std::string key = Catalog::rows_begin(table.oid);
  if (table.primary_key.empty()) {
    key.append(hidden_row_id);
    return key;
  }
  storage::KeyEncoder encoder(key);
  for (int index : table.primary_key) encode_key_value(encoder, row[static_cast<std::size_t>(index)], {});
  // The storage key also carries the branch id; keep within its limit.
  if (key.size() > storage::kMaxKeySize) {
    throw DbError(sqlstate::kProgramLimitExceeded, "index row size " + std::to_string(key.size()) +
                                                       " exceeds maximum " + std::to_string(storage::kMaxKeySize) +
                                                       " for index \"" + table.name + "_pkey\"");
  }
  return key;
}

std::string row_text(const Row& row) {
  std::string out = "(";
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ", ";
    out += row[i].is_null() ? "null" : format_value(row[i]);
  }
  return out + ")";
}

std::string key_text(const TableDef& table, const std::vector<int>& columns, const Row& values) {
  std::string names, shown;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += (i > 0 ? ", " : "") + table.columns[static_cast<std::size_t>(columns[i])].name;
    shown += (i > 0 ? ", " : "") + (values[i].is_null() ? std::string("null") : format_value(values[i]));
  }
  return "(" + names + ")=(" + shown + ")";
}

Row pick(const Row& row, const std::vector<int>& columns) {
  Row out;
  for (int c : columns) out.push_back(row[static_cast<std::size_t>(c)]);
  return out;
}

}  // namespace heliosdb::engine
