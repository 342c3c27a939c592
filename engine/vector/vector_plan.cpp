#include "engine/vector/vector_plan.hpp"

#include <algorithm>

#include "engine/session/settings.hpp"
#include "engine/types/vector.hpp"
#include "engine/vector/index_registry.hpp"

namespace heliosdb::engine {

namespace {

// The metric whose index can order by this distance function, if any.
std::optional<VectorMetric> metric_of(const BoundExpr& e) {
  if (e.kind != BoundExpr::Kind::kFunction || e.args.size() != 2) return std::nullopt;
  if (e.op == "l2_distance") return VectorMetric::kL2;
  if (e.op == "cosine_distance") return VectorMetric::kCosine;
  if (e.op == "vector_negative_inner_product") return VectorMetric::kInnerProduct;
  return std::nullopt;
}

// A vector(n) column passed where `vector` is declared arrives in a cast that
// only drops the dimension: the column is what matters.
const BoundExpr* without_typmod_cast(const BoundExpr* e) {
  while (e->kind == BoundExpr::Kind::kCast && e->args[0]->type.id == e->type.id) e = e->args[0].get();
  return e;
}

}  // namespace

void choose_vector_access(PlanNode& scan, const BoundExpr& order_by, bool descending, std::int64_t limit,
                          ExecContext& ctx) {
  if (scan.kind != PlanNode::Kind::kTableScan || scan.as_of || scan.access.kind != AccessPath::Kind::kSeqScan ||
      descending || limit <= 0 || scan.table->vector_indexes.empty()) {
    return;
  }
  std::optional<VectorMetric> metric = metric_of(order_by);
  if (!metric) return;
  const BoundExpr* column = without_typmod_cast(order_by.args[0].get());
  const BoundExpr* constant = without_typmod_cast(order_by.args[1].get());
  if (column->kind != BoundExpr::Kind::kColumn) std::swap(column, constant);
  if (column->kind != BoundExpr::Kind::kColumn || constant->kind != BoundExpr::Kind::kConstant ||
      constant->constant.is_null()) {
    return;
  }
  const TableDef& table = *scan.table;
  for (std::size_t i = 0; i < table.vector_indexes.size(); ++i) {
    const VectorIndexDef& def = table.vector_indexes[i];
    if (def.column != column->column || def.metric != *metric) continue;
    const ColumnDef& c = table.columns[static_cast<std::size_t>(def.column)];
    // A query of another dimension fails on the exact path, with pgvector's error.
    if (vector_elements(constant->constant).size() != static_cast<std::size_t>(c.type.typmod)) return;
    scan.access.kind = AccessPath::Kind::kVectorIndex;
    scan.access.index = static_cast<int>(i);
    scan.access.vector.query = constant->constant;
    scan.access.vector.limit = static_cast<std::size_t>(limit);
    // EXPLAIN shows the distance as pgvector's operator; this display-only
    // copy (never evaluated) lives with the plan.
    auto shown = std::make_shared<BoundExpr>();
    shown->kind = BoundExpr::Kind::kArith;
    shown->type = order_by.type;
    shown->op = *metric == VectorMetric::kL2 ? "<->" : *metric == VectorMetric::kCosine ? "<=>" : "<#>";
    shown->args.push_back(make_column(column->column, column->type));
    shown->args.push_back(make_constant(constant->constant));
    if (without_typmod_cast(order_by.args[0].get())->kind != BoundExpr::Kind::kColumn) {
      std::swap(shown->args[0], shown->args[1]);
    }
    scan.access.vector.distance = std::move(shown);
    (void)ctx;
    return;
  }
}

VectorCandidates::VectorCandidates(const PlanNode& scan, ExecContext& ctx)
    : scan_(scan),
      ctx_(ctx),
      column_(
          static_cast<std::size_t>(scan.table->vector_indexes[static_cast<std::size_t>(scan.access.index)].column)) {
  const TableDef& table = *scan.table;
  const VectorIndexDef& def = table.vector_indexes[static_cast<std::size_t>(scan.access.index)];
  index_ = VectorIndexRegistry::of(ctx).get_or_build(ctx, table, def);
  if (ctx.settings != nullptr) {
    knobs_.ef_search = static_cast<int>(ctx.settings->integer("hnsw.ef_search"));
    knobs_.probes = static_cast<int>(ctx.settings->integer(def.method == "ivfflat" ? "ivfflat.probes" : "ivf.probes"));
  }
  index_done_ = !index_->serving();
}

std::optional<std::string> VectorCandidates::next() {
  while (at_ >= batch_.size()) {
    if (!refill()) return std::nullopt;
  }
  return batch_[at_++].key;
}

bool VectorCandidates::accept(const Row& row) {
  if (from_table_) return true;
  const AnnCandidate& entry = batch_[at_ - 1];
  const Value& v = row[column_];
  if (v.is_null() || AnnIndex::fingerprint(vector_elements(v)) != entry.fingerprint) return false;
  return accepted_.insert(entry.key).second;
}

bool VectorCandidates::too_selective() const {
  // Rows found so far tell how many of them pass WHERE. When what is still
  // wanted would take a good part of the index to find, reading the table
  // and ranking the rows that pass costs no more, and is exact.
  if (accepted_.size() < scan_.access.vector.limit) return false;
  const double pass_rate = std::max(static_cast<double>(passed_), 0.5) / static_cast<double>(accepted_.size());
  const double more = static_cast<double>(scan_.access.vector.limit - passed_) / pass_rate;
  return static_cast<double>(asked_) + more > static_cast<double>(index_->size()) / 64;
}

bool VectorCandidates::refill() {
  batch_.clear();
  at_ = 0;
  const std::size_t limit = scan_.access.vector.limit;
  if (passed_ >= limit && asked_ > 0) return false;
  if (!index_done_ && too_selective()) index_done_ = true;
  if (!index_done_) {
    const std::size_t want = asked_ == 0 ? limit * index_->oversampling() : asked_ * 2;
    std::vector<AnnCandidate> found = index_->search(vector_elements(scan_.access.vector.query), want, knobs_);
    if (found.size() < want) index_done_ = true;
    asked_ = want;
    for (AnnCandidate& entry : found) {
      std::string id = entry.key;
      id.append(reinterpret_cast<const char*>(&entry.fingerprint), sizeof entry.fingerprint);
      if (!accepted_.contains(entry.key) && offered_.insert(std::move(id)).second) batch_.push_back(std::move(entry));
    }
    return true;
  }
  if (from_table_) return false;
  from_table_ = true;
  asked_ = std::max<std::size_t>(asked_, 1);
  storage::Scanner scanner = ctx_.catalog.scan_rows(*scan_.table);
  while (scanner.next()) {
    ctx_.check_interrupts();
    std::string key(scanner.key());
    if (!accepted_.contains(key)) batch_.push_back({std::move(key), 0});
  }
  return true;
}

}  // namespace heliosdb::engine
