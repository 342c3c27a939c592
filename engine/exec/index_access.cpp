#include "engine/exec/index_access.hpp"

#include <algorithm>
#include <stdexcept>

#include "engine/catalog/catalog.hpp"
#include "engine/exec/index_keys.hpp"
#include "storage/backward_scanner.hpp"

namespace heliosdb::engine {

namespace {

bool same_set(std::vector<int> a, std::vector<int> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// Where each of the index's first columns.size() columns is in `columns`, or
// empty if the index does not start with exactly those columns.
std::vector<std::size_t> leading_positions(const std::vector<int>& index_columns, const std::vector<int>& columns) {
  if (index_columns.size() < columns.size()) return {};
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    auto it = std::find(columns.begin(), columns.end(), index_columns[i]);
    if (it == columns.end()) return {};
    positions.push_back(static_cast<std::size_t>(it - columns.begin()));
  }
  return positions;
}

}  // namespace

storage::KeyColumnOrder index_column_order(const IndexDef& index, std::size_t position) {
  storage::KeyColumnOrder order;
  order.sort = index.descending[position] ? storage::SortOrder::kDescending : storage::SortOrder::kAscending;
  order.nulls = index.nulls_first[position] ? storage::NullsOrder::kFirst : storage::NullsOrder::kLast;
  return order;
}

std::string_view row_key_suffix(const TableDef& table, std::string_view row_key) {
  return row_key.substr(Catalog::rows_begin(table.oid).size());
}

std::optional<std::string> index_entry_key(const TableDef& table, const IndexDef& index, const Row& row,
                                           std::string_view row_suffix) {
  if (!index_covers(table, index, row)) return std::nullopt;
  const Row computed = index.expressions.empty() ? Row{} : index_key_values(table, index, row);
  std::string key = Catalog::index_begin(index.oid);
  storage::KeyEncoder encoder(key);
  bool has_null = false;
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    const Value& v = computed.empty() ? row[static_cast<std::size_t>(index.columns[i])] : computed[i];
    has_null = has_null || v.is_null();
    encode_key_value(encoder, v, index_column_order(index, i));
  }
  if (!index.unique || has_null) key.append(row_suffix);
  return key;
}

std::string index_prefix(const IndexDef& index, const Row& values) {
  std::string key = Catalog::index_begin(index.oid);
  storage::KeyEncoder encoder(key);
  for (std::size_t i = 0; i < values.size(); ++i) encode_key_value(encoder, values[i], index_column_order(index, i));
  return key;
}

std::vector<KeyedRow> rows_from_index(ExecContext& ctx, const TableDef& table, std::string_view begin,
                                      std::string_view end, const std::vector<bool>* needed,
                                      std::optional<storage::Scn> as_of) {
  std::vector<KeyedRow> rows;
  visit_rows_from_index(ctx, table, begin, end, needed, as_of, false, [&](std::string& key, Row& row) {
    rows.emplace_back(std::move(key), std::move(row));
    return true;
  });
  return rows;
}

void visit_rows_from_index(ExecContext& ctx, const TableDef& table, std::string_view begin, std::string_view end,
                           const std::vector<bool>* needed, std::optional<storage::Scn> as_of, bool backward,
                           const std::function<bool(std::string& key, Row& row)>& visit) {
  const std::string prefix = Catalog::rows_begin(table.oid);
  const ColumnSelection columns = select_columns(table, needed);
  if (backward) {
    if (as_of) throw std::logic_error("visit_rows_from_index: a backward read as of the past");
    // The scanner reads its own chunks and keeps them: rows can be fetched as it goes.
    storage::BackwardScanner entries(ctx.txn, begin, end);
    std::string key;
    while (entries.next()) {
      key.assign(prefix).append(entries.value());
      auto raw = ctx.txn.get(key);
      if (!raw) continue;
      Row row = decode_row(table, *raw, columns);
      if (!visit(key, row)) return;
    }
    return;
  }
  std::string from(begin);
  std::vector<std::string> keys;
  // The rows are fetched once the entries' scan is closed; chunks grow so
  // that a long range costs few scans.
  for (std::size_t chunk = 64;; chunk = std::min<std::size_t>(chunk * 4, 16384)) {
    keys.clear();
    bool more = false;
    {
      storage::Scanner scanner = as_of ? ctx.txn.scan_as_of(from, end, *as_of) : ctx.txn.scan(from, end);
      while (scanner.next()) {
        if (keys.size() == chunk) {
          more = true;
          from.assign(scanner.key());  // the next chunk starts at this entry
          break;
        }
        keys.push_back(prefix + std::string(scanner.value()));
      }
    }
    for (std::string& key : keys) {
      auto raw = as_of ? ctx.txn.get_as_of(key, *as_of) : ctx.txn.get(key);
      if (!raw) continue;
      Row row = decode_row(table, *raw, columns);
      if (!visit(key, row)) return;
    }
    if (!more) return;
  }
}

std::vector<KeyedRow> find_rows_equal(ExecContext& ctx, const TableDef& table, const std::vector<int>& columns,
                                      const Row& values) {
  if (!table.primary_key.empty() && same_set(table.primary_key, columns)) {
    Row full(table.columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) full[static_cast<std::size_t>(columns[i])] = values[i];
    std::string key = row_key(table, full, {});
    std::vector<KeyedRow> rows;
    if (auto raw = ctx.txn.get(key)) rows.emplace_back(std::move(key), decode_row(table, *raw));
    return rows;
  }
  for (const IndexDef& index : table.indexes) {
    if (!index.plain()) continue;
    std::vector<std::size_t> positions = leading_positions(index.columns, columns);
    if (positions.empty()) continue;
    Row ordered;
    for (std::size_t p : positions) ordered.push_back(values[p]);
    std::string begin = index_prefix(index, ordered);
    return rows_from_index(ctx, table, begin, storage::prefix_successor(begin));
  }
  std::vector<KeyedRow> rows;
  storage::Scanner scanner = ctx.catalog.scan_rows(table);
  while (scanner.next()) {
    Row row = decode_row(table, scanner.value());
    bool match = true;
    for (std::size_t i = 0; i < columns.size() && match; ++i) {
      const Value& v = row[static_cast<std::size_t>(columns[i])];
      match = !v.is_null() && compare_values(v, values[i]) == 0;
    }
    if (match) rows.emplace_back(std::string(scanner.key()), std::move(row));
  }
  return rows;
}

bool has_unique_key_on(const TableDef& table, const std::vector<int>& columns) {
  if (!table.primary_key.empty() && same_set(table.primary_key, columns)) return true;
  return std::any_of(table.indexes.begin(), table.indexes.end(), [&](const IndexDef& index) {
    return index.unique && index.plain() && same_set(index.columns, columns);
  });
}

}  // namespace heliosdb::engine
