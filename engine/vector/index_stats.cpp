#include "engine/vector/index_stats.hpp"
#include "engine/types/temporal.hpp"

#include <chrono>

#include "engine/exec/system_views.hpp"
#include "engine/session/settings.hpp"
#include "engine/vector/index_registry.hpp"

namespace heliosdb::engine {

namespace {

const char* metric_name(VectorMetric metric) {
  switch (metric) {
    case VectorMetric::kL2:
      return "l2";
    case VectorMetric::kCosine:
      return "cosine";
    case VectorMetric::kInnerProduct:
      return "inner_product";
  }
  return "l2";
}

}  // namespace

Relation vector_index_stats_relation(ExecContext& ctx, const std::string& qualifier) {
  Relation r = make_relation({{"index_name", TypeId::kText},
                              {"table_name", TypeId::kText},
                              {"column", TypeId::kText},
                              {"method", TypeId::kText},
                              {"metric", TypeId::kText},
                              {"num_vectors", TypeId::kInt8},
                              {"dimensions", TypeId::kInt4},
                              {"quantization", TypeId::kText},
                              {"memory_bytes", TypeId::kInt8},
                              {"compression_ratio", TypeId::kFloat8},
                              {"m", TypeId::kInt4},
                              {"ef_construction", TypeId::kInt4},
                              {"ef_search", TypeId::kInt4},
                              {"deleted_vectors", TypeId::kInt8},
                              {"last_rebuild", TypeId::kTimestampTz}},
                             qualifier);
  auto text = [](std::string s) { return Value::string(TypeId::kText, std::move(s)); };
  auto int4 = [](std::int64_t v) { return Value::integer(TypeId::kInt4, v); };
  auto int8 = [](std::int64_t v) { return Value::integer(TypeId::kInt8, v); };
  const Value no_int = Value::null(TypeId::kInt4);
  for (const TableDef& table : ctx.catalog.tables()) {
    for (const VectorIndexDef& def : table.vector_indexes) {
      std::shared_ptr<AnnIndex> index = VectorIndexRegistry::of(ctx).get_or_build(ctx, table, def);
      const AnnIndexStats s = index->stats();
      const bool hnsw = def.method == "hnsw";
      const long long ef_search = ctx.settings != nullptr ? ctx.settings->integer("hnsw.ef_search") : 40;
      const auto built = std::chrono::duration_cast<std::chrono::microseconds>(index->built_at().time_since_epoch());
      r.rows.push_back(
          {text(def.name), text(table.name), text(table.columns[static_cast<std::size_t>(def.column)].name),
           text(def.method), text(metric_name(def.metric)), int8(s.num_vectors), int4(index->dimensions()),
           text(def.quantization.empty() ? "none" : def.quantization), int8(s.memory_bytes),
           Value::floating(TypeId::kFloat8, s.compression_ratio), hnsw ? int4(def.option("m", 16)) : no_int,
           hnsw ? int4(def.option("ef_construction", 64)) : no_int, hnsw ? int4(ef_search) : no_int,
           int8(s.deleted_vectors), Value::integer(TypeId::kTimestampTz, built.count() - kPgEpochUnixMicros)});
    }
  }
  return r;
}

}  // namespace heliosdb::engine
