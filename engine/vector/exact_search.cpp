#include "engine/vector/exact_search.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "engine/exec/evaluator.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/types/vector.hpp"

namespace heliosdb::engine {

namespace {

using DistanceFn = double (*)(std::span<const float>, std::span<const float>);

double negative_inner_product(std::span<const float> a, std::span<const float> b) { return -inner_product(a, b); }

DistanceFn distance_function(const std::string& name) {
  if (name == "l2_distance") return l2_distance;
  if (name == "cosine_distance") return cosine_distance;
  if (name == "vector_negative_inner_product") return negative_inner_product;
  return l1_distance;  // choose_vector_access picks no other
}

// ORDER BY ... ASC's order of distances: numbers, then NaN.
bool nearer(double a, double b) { return !std::isnan(a) && (std::isnan(b) || a < b); }

struct Found {
  double distance;
  std::string key;
  std::string raw;
};

// As a heap's order: the farthest kept on top.
struct Nearer {
  bool operator()(const Found& a, const Found& b) const { return nearer(a.distance, b.distance); }
};

}  // namespace

void exact_nearest_rows(const PlanNode& scan, ExecContext& ctx,
                        const std::function<bool(std::string_view key, std::string_view raw)>& visit) {
  const TableDef& table = *scan.table;
  const VectorOrder& order = scan.access.vector;
  const std::size_t limit = order.limit;
  const auto column = static_cast<std::size_t>(order.column);
  const DistanceFn distance = distance_function(order.function);
  const std::span<const float> query = vector_elements(order.query);
  const ColumnSelection columns = select_columns(table, scan.needed.empty() ? nullptr : &scan.needed);

  Row row;
  auto passes = [&](std::string_view key, std::string_view raw) {
    if (scan.filters.empty()) return true;
    decode_row_into(table, raw, columns, row);
    if (scan.emit_key) row.push_back(Value::string(TypeId::kBytea, std::string(key)));
    return std::all_of(scan.filters.begin(), scan.filters.end(),
                       [&](const BoundExprPtr& f) { return evaluate_condition(*f, row); });
  };

  std::vector<Found> nearest;   // a heap, the farthest on top
  std::vector<Found> nulls;     // NULL vectors, in case too few others pass
  std::vector<float> elements;  // the stored floats need not be aligned: copied here first
  storage::Scanner scanner = ctx.catalog.scan_rows(table, scan.as_of);
  std::size_t seen = 0;
  while (scanner.next()) {
    if (++seen % 1024 == 0) ctx.check_interrupts();
    const std::string_view raw = scanner.value();
    const std::optional<std::string_view> bytes = stored_column_bytes(table, raw, column);
    if (!bytes) {
      if (nulls.size() < limit && passes(scanner.key(), raw)) {
        nulls.push_back({0, std::string(scanner.key()), std::string(raw)});
      }
      continue;
    }
    elements.resize(bytes->size() / sizeof(float));
    std::memcpy(elements.data(), bytes->data(), elements.size() * sizeof(float));
    const double d = distance(elements, query);
    if (nearest.size() == limit && !nearer(d, nearest.front().distance)) continue;
    if (!passes(scanner.key(), raw)) continue;
    nearest.push_back({d, std::string(scanner.key()), std::string(raw)});
    std::push_heap(nearest.begin(), nearest.end(), Nearer{});
    if (nearest.size() > limit) {
      std::pop_heap(nearest.begin(), nearest.end(), Nearer{});
      nearest.pop_back();
    }
  }

  std::sort_heap(nearest.begin(), nearest.end(), Nearer{});
  for (Found& f : nulls) {
    if (nearest.size() >= limit) break;
    nearest.push_back(std::move(f));
  }
  for (const Found& f : nearest) {
    if (!visit(f.key, f.raw)) return;
  }
}

}  // namespace heliosdb::engine
