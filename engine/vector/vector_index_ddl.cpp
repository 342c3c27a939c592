#include "engine/vector/vector_index_ddl.hpp"

#include <charconv>

#include "engine/common/db_error.hpp"
#include "engine/vector/index_registry.hpp"

namespace heliosdb::engine {

namespace {

struct IntegerOption {
  const char* name;
  std::int64_t low;
  std::int64_t high;
  std::int64_t fallback;
};

// pgvector's reloptions (m, ef_construction, lists) and ours for product quantization.
constexpr IntegerOption kHnswOptions[] = {{"m", 2, 100, 16}, {"ef_construction", 4, 1000, 64}};
constexpr IntegerOption kPqOptions[] = {{"pq_subquantizers", 1, 16000, 8}, {"pq_centroids", 2, 65536, 256}};
constexpr IntegerOption kIvfOptions[] = {{"lists", 1, 32768, 100}};

std::int64_t parse_integer_option(const std::string& name, const std::string& text, const IntegerOption& spec) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw DbError(sqlstate::kInvalidParameterValue, "invalid value for integer option \"" + name + "\": " + text);
  }
  if (v < spec.low || v > spec.high) {
    throw DbError(sqlstate::kInvalidParameterValue, "value " + text + " out of bounds for option \"" + name + "\"")
        .with_detail("Valid values are between \"" + std::to_string(spec.low) + "\" and \"" +
                     std::to_string(spec.high) + "\".");
  }
  return v;
}

VectorMetric metric_of(const std::string& opclass, const std::string& method, const ColumnDef& column) {
  if (column.type.id != TypeId::kVector) {
    if (opclass.empty()) {
      throw DbError(sqlstate::kUndefinedObject, "data type " + type_display_name({column.type.id, -1}) +
                                                    " has no default operator class for access method \"" + method +
                                                    "\"")
          .with_hint(
              "You must specify an operator class for the index or define a default operator class for the data "
              "type.");
    }
  }
  VectorMetric metric = VectorMetric::kL2;
  if (opclass.empty() || opclass == "vector_l2_ops") {
    metric = VectorMetric::kL2;
  } else if (opclass == "vector_cosine_ops") {
    metric = VectorMetric::kCosine;
  } else if (opclass == "vector_ip_ops") {
    metric = VectorMetric::kInnerProduct;
  } else if (opclass == "vector_l1_ops") {
    throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: operator class vector_l1_ops");
  } else {
    throw DbError(sqlstate::kUndefinedObject,
                  "operator class \"" + opclass + "\" does not exist for access method \"" + method + "\"");
  }
  if (column.type.id != TypeId::kVector) {
    throw DbError(sqlstate::kDatatypeMismatch, "operator class \"" + opclass + "\" does not accept data type " +
                                                   type_display_name({column.type.id, -1}));
  }
  return metric;
}

}  // namespace

bool is_vector_index_method(const std::string& method) {
  return method == "hnsw" || method == "ivfflat" || method == "ivfpq";
}

std::uint32_t vector_access_method_oid(const std::string& method) {
  for (const auto& [oid, name] : kVectorAccessMethods) {
    if (method == name) return oid;
  }
  return 0;
}

VectorIndexDef make_vector_index_def(const ast::CreateIndexStmt& create, const TableDef& table) {
  const std::string& method = create.method;
  auto refuse = [&](const std::string& what) {
    throw DbError(sqlstate::kFeatureNotSupported, "access method \"" + method + "\" does not support " + what);
  };
  if (create.unique) refuse("unique indexes");
  if (create.columns.size() != 1) refuse("multicolumn indexes");
  const ast::IndexColumn& c = create.columns[0];
  if (c.descending || c.nulls_first) refuse("ASC/DESC options");
  VectorIndexDef def;
  def.method = method;
  def.column = table.column_index(c.name);
  if (def.column < 0) throw DbError(sqlstate::kUndefinedColumn, "column \"" + c.name + "\" does not exist");
  const ColumnDef& column = table.columns[static_cast<std::size_t>(def.column)];
  def.metric = metric_of(c.opclass, method, column);
  if (column.type.typmod < 1) throw DbError(sqlstate::kDataException, "column does not have dimensions");
  const std::int64_t dims = column.type.typmod;

  std::vector<IntegerOption> allowed;
  if (method == "hnsw") allowed.assign(std::begin(kHnswOptions), std::end(kHnswOptions));
  if (method == "ivfflat" || method == "ivfpq") allowed.assign(std::begin(kIvfOptions), std::end(kIvfOptions));
  if (method == "hnsw" || method == "ivfpq")
    allowed.insert(allowed.end(), std::begin(kPqOptions), std::end(kPqOptions));
  bool pq_option_given = false;
  for (const auto& [name, value] : create.options) {
    if (name == "quantization" && method == "hnsw") {
      if (value != "product" && value != "none") {
        throw DbError(sqlstate::kInvalidParameterValue,
                      "invalid value for parameter \"quantization\": \"" + value + "\"")
            .with_hint("Valid values are \"none\" and \"product\".");
      }
      def.quantization = value == "product" ? "product" : "";
      continue;
    }
    auto spec = std::find_if(allowed.begin(), allowed.end(), [&](const IntegerOption& o) { return name == o.name; });
    if (spec == allowed.end())
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized parameter \"" + name + "\"");
    pq_option_given = pq_option_given || name.rfind("pq_", 0) == 0;
    def.options.emplace_back(name, parse_integer_option(name, value, *spec));
  }
  if (method == "ivfpq") def.quantization = "product";
  if (pq_option_given && def.quantization.empty()) {
    throw DbError(sqlstate::kInvalidParameterValue, "pq_subquantizers and pq_centroids need quantization = 'product'");
  }
  // Every option is stored with its value, defaults included, so stats show them.
  for (const IntegerOption& o : allowed) {
    const bool pq = std::string_view(o.name).rfind("pq_", 0) == 0;
    if (pq && def.quantization.empty()) continue;
    if (def.option(o.name, -1) < 0) def.options.emplace_back(o.name, o.fallback);
  }
  if (method == "hnsw" && def.option("ef_construction", 64) < 2 * def.option("m", 16)) {
    throw DbError(sqlstate::kInvalidParameterValue, "ef_construction must be greater than or equal to 2 * m");
  }
  if (!def.quantization.empty()) {
    const std::int64_t subquantizers = def.option("pq_subquantizers", 8);
    if (dims % subquantizers != 0) {
      throw DbError(sqlstate::kInvalidParameterValue, "pq_subquantizers (" + std::to_string(subquantizers) +
                                                          ") must divide the vector dimension (" +
                                                          std::to_string(dims) + ")");
    }
    const std::int64_t centroids = def.option("pq_centroids", 256);
    if ((centroids & (centroids - 1)) != 0) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "pq_centroids must be a power of two, not " + std::to_string(centroids));
    }
    // HNSW compares codes with each other through a centroids² table per subquantizer.
    if (method == "hnsw" && centroids > 256) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "pq_centroids of an hnsw index must be at most 256, not " + std::to_string(centroids));
    }
  }
  return def;
}

void build_vector_index(ExecContext& ctx, const TableDef& table, const VectorIndexDef& def) {
  // An index of a CREATE INDEX rolled back may have had this oid (the
  // catalog hands it out again): nothing of it may stand for this one.
  VectorIndexRegistry& registry = VectorIndexRegistry::of(ctx);
  registry.forget(ctx.txn.branch(), def.oid);
  registry.get_or_build(ctx, table, def);
}

}  // namespace heliosdb::engine
