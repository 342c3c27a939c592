#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/table_width.hpp"
#include "engine/types/value_codec.hpp"

namespace heliosdb::engine::catalog_fields {

// Catalog records (tables, sequences) are sequences of integers and strings,
// written with the value codec.
inline void put_int(std::string& out, std::int64_t v) { append_value(out, Value::integer(TypeId::kInt8, v)); }
inline void put_str(std::string& out, const std::string& s) { append_value(out, Value::string(TypeId::kText, s)); }
inline std::int64_t take_int(std::string_view& in) { return read_value(in, TypeId::kInt8).as_int(); }
inline std::string take_str(std::string_view& in) { return read_value(in, TypeId::kText).as_string(); }
inline void put_strs(std::string& out, const std::vector<std::string>& v) {
  put_int(out, static_cast<std::int64_t>(v.size()));
  for (const std::string& s : v) put_str(out, s);
}
inline std::vector<std::string> take_strs(std::string_view& in) {
  std::vector<std::string> v(static_cast<std::size_t>(take_int(in)));
  for (std::string& s : v) s = take_str(in);
  return v;
}

inline void put_table_widths(std::string& out, const std::vector<TableWidth>& widths) {
  put_int(out, static_cast<std::int64_t>(widths.size()));
  for (const TableWidth& w : widths) {
    put_int(out, w.table_oid);
    put_int(out, w.columns);
  }
}
inline std::vector<TableWidth> take_table_widths(std::string_view& in) {
  std::vector<TableWidth> widths(static_cast<std::size_t>(take_int(in)));
  for (TableWidth& w : widths) {
    w.table_oid = static_cast<std::uint32_t>(take_int(in));
    w.columns = static_cast<std::int32_t>(take_int(in));
  }
  return widths;
}

}  // namespace heliosdb::engine::catalog_fields
