#include "engine/exec/index_keys.hpp"

#include <memory>
#include <unordered_map>

#include "engine/exec/binder.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/projection.hpp"
#include "engine/parser/parser.hpp"

namespace heliosdb::engine {

namespace {

// What a binding depends on: the table's columns and the index's texts.
std::string signature(const TableDef& table, const IndexDef& index) {
  std::string s;
  for (const ColumnDef& c : table.columns) {
    s += c.name;
    s += '\x01';
    s += std::to_string(static_cast<int>(c.type.id)) + ":" + std::to_string(c.type.typmod) + '\x02';
  }
  for (const std::string& e : index.expressions) s += e + '\x03';
  return s + index.predicate;
}

}  // namespace

BoundIndex bind_index(const TableDef& table, const IndexDef& index) {
  BoundIndex out;
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    if (i >= index.expressions.size() || index.expressions[i].empty()) {
      out.keys.push_back(nullptr);
      continue;
    }
    Binder binder(table_scope(table, table.name), "index expression");
    out.keys.push_back(binder.bind(*parser::parse_expression(index.expressions[i])));
  }
  if (!index.predicate.empty()) {
    Binder binder(table_scope(table, table.name), "index predicate");
    out.predicate = binder.bind_condition(*parser::parse_expression(index.predicate));
  }
  return out;
}

const BoundIndex& bound_index(const TableDef& table, const IndexDef& index) {
  struct Entry {
    std::string signature;
    BoundIndex bound;
  };
  thread_local std::unordered_map<std::uint32_t, std::unique_ptr<Entry>> cache;
  std::string sig = signature(table, index);
  std::unique_ptr<Entry>& entry = cache[index.oid];
  if (!entry || entry->signature != sig)
    entry = std::make_unique<Entry>(Entry{std::move(sig), bind_index(table, index)});
  return entry->bound;
}

Row index_key_values(const TableDef& table, const IndexDef& index, const Row& row) {
  Row values;
  values.reserve(index.columns.size());
  const BoundIndex* bound = index.expressions.empty() ? nullptr : &bound_index(table, index);
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    if (bound != nullptr && bound->keys[i]) {
      values.push_back(evaluate(*bound->keys[i], row));
    } else {
      values.push_back(row[static_cast<std::size_t>(index.columns[i])]);
    }
  }
  return values;
}

std::vector<std::pair<std::string, SqlType>> index_key_columns(const TableDef& table, const IndexDef& index) {
  std::vector<std::pair<std::string, SqlType>> out;
  const BoundIndex* bound = index.expressions.empty() ? nullptr : &bound_index(table, index);
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    if (bound != nullptr && bound->keys[i]) {
      std::string name = output_column_name(*parser::parse_expression(index.expressions[i]));
      out.emplace_back(name == "?column?" ? "expr" : name, bound->keys[i]->type);
    } else {
      const ColumnDef& c = table.columns[static_cast<std::size_t>(index.columns[i])];
      out.emplace_back(c.name, c.type);
    }
  }
  return out;
}

std::string index_key_text(const TableDef& table, const IndexDef& index, const Row& row) {
  const Row values = index_key_values(table, index, row);
  std::string names, shown;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const bool expression = i < index.expressions.size() && !index.expressions[i].empty();
    names += (i > 0 ? ", " : "") +
             (expression ? index.expressions[i] : table.columns[static_cast<std::size_t>(index.columns[i])].name);
    shown += (i > 0 ? ", " : "") + (values[i].is_null() ? std::string("null") : format_value(values[i]));
  }
  return "(" + names + ")=(" + shown + ")";
}

bool index_covers(const TableDef& table, const IndexDef& index, const Row& row) {
  if (index.predicate.empty()) return true;
  return evaluate_condition(*bound_index(table, index).predicate, row);
}

}  // namespace heliosdb::engine
