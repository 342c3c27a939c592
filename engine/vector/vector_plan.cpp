#include "engine/vector/vector_plan.hpp"

#include <algorithm>

#include "engine/exec/evaluator.hpp"
#include "engine/exec/row_codec.hpp"
#include "engine/exec/subquery.hpp"
#include "engine/session/settings.hpp"
#include "engine/types/vector.hpp"
#include "engine/vector/exact_search.hpp"
#include "engine/vector/index_registry.hpp"

namespace heliosdb::engine {

namespace {

// Whether ORDER BY `e` is a distance of pgvector's operators.
bool is_distance(const BoundExpr& e) {
  return e.kind == BoundExpr::Kind::kFunction && e.args.size() == 2 &&
         (e.op == "l2_distance" || e.op == "cosine_distance" || e.op == "vector_negative_inner_product" ||
          e.op == "l1_distance");
}

// The metric whose index can order by this distance function, if any.
std::optional<VectorMetric> metric_of(const BoundExpr& e) {
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
  if (scan.kind != PlanNode::Kind::kTableScan || scan.access.kind != AccessPath::Kind::kSeqScan || descending ||
      limit <= 0 || !is_distance(order_by)) {
    return;
  }
  const BoundExpr* column = without_typmod_cast(order_by.args[0].get());
  const BoundExpr* constant = without_typmod_cast(order_by.args[1].get());
  if (column->kind != BoundExpr::Kind::kColumn) std::swap(column, constant);
  if (column->kind != BoundExpr::Kind::kColumn || constant->kind != BoundExpr::Kind::kConstant ||
      constant->constant.is_null() || column->type.id != TypeId::kVector ||
      column->column >= static_cast<int>(scan.table->columns.size())) {
    return;
  }
  // Without an index that fits, every row is measured, but only the
  // nearest are decoded (exact_search.hpp).
  scan.access.kind = AccessPath::Kind::kVectorExact;
  scan.access.vector.query = constant->constant;
  scan.access.vector.limit = static_cast<std::size_t>(limit);
  scan.access.vector.column = column->column;
  scan.access.vector.function = order_by.op;
  const std::optional<VectorMetric> metric = metric_of(order_by);
  const TableDef& table = *scan.table;
  for (std::size_t i = 0; metric && !scan.as_of && i < table.vector_indexes.size(); ++i) {
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

// The scan's filters as an index search applies them: an entry is kept
// when the row behind it, as the scan's snapshot sees it, still has that
// vector and passes them. Each entry's row is read once per query. The
// search is told to stop once it has read `budget` rows, or earlier when
// the share of rows passing so far says that finding the `wanted` the walk
// needs would take more: rows that pass are then too rare among the
// nearest for the index to find them cheaply.
class RowsPassing final : public AnnEntryFilter {
 public:
  RowsPassing(const PlanNode& scan, ExecContext& ctx, std::size_t column, std::size_t budget, std::size_t wanted)
      : scan_(scan), ctx_(ctx), column_(column), budget_(budget), wanted_(wanted) {
    std::vector<bool> needed;
    if (!scan.needed.empty()) {
      needed = scan.needed;
      needed[column] = true;
    }
    columns_ = select_columns(*scan.table, needed.empty() ? nullptr : &needed);
  }

  bool keep(const std::string& key, std::uint64_t fingerprint) override {
    std::string id = key;
    id.append(reinterpret_cast<const char*>(&fingerprint), sizeof fingerprint);
    if (auto it = seen_.find(id); it != seen_.end()) return it->second;
    ++reads_;
    const double kept = std::max(static_cast<double>(kept_), 0.5);
    if (reads_ > budget_ ||
        (reads_ >= 256 && static_cast<double>(reads_) / kept * static_cast<double>(wanted_) > budget_)) {
      stop = true;
      return false;
    }
    ctx_.check_interrupts();
    bool passes = false;
    if (auto raw = ctx_.txn.get(key)) {
      const TableDef& table = *scan_.table;
      decode_row_into(table, *raw, columns_, row_);
      if (scan_.emit_key) row_.push_back(Value::string(TypeId::kBytea, key));
      const Value& v = row_[column_];
      passes = !v.is_null() && AnnIndex::fingerprint(vector_elements(v)) == fingerprint &&
               std::all_of(scan_.filters.begin(), scan_.filters.end(),
                           [&](const BoundExprPtr& f) { return evaluate_condition(*f, row_); });
    }
    seen_.emplace(std::move(id), passes);
    kept_ += passes ? 1 : 0;
    return passes;
  }

 private:
  const PlanNode& scan_;
  ExecContext& ctx_;
  std::size_t column_;
  std::size_t budget_;
  std::size_t wanted_;
  std::size_t reads_ = 0;
  std::size_t kept_ = 0;
  ColumnSelection columns_;  ///< the scan's columns and the vector's
  Row row_;
  std::unordered_map<std::string, bool> seen_;  ///< entry (key and fingerprint) -> kept
};

VectorCandidates::~VectorCandidates() = default;

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
  const bool plain_filters = std::none_of(scan.filters.begin(), scan.filters.end(),
                                          [](const BoundExprPtr& f) { return contains_subquery(*f); });
  if (!index_done_ && !scan.filters.empty() && plain_filters) {
    // A row read by key costs about ten times what a row measured in an
    // exact scan does: a 16th of the table is half what the scan takes.
    filter_ = std::make_unique<RowsPassing>(scan, ctx, column_, std::max<std::size_t>(1024, index_->size() / 16),
                                            scan.access.vector.limit * index_->oversampling());
  }
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
  // The first search only ranks: when most rows pass, its nearest entries
  // are the answer. Later ones filter inside the search.
  AnnEntryFilter* filter = asked_ > 0 ? filter_.get() : nullptr;
  if (!index_done_ && too_selective()) index_done_ = true;
  if (!index_done_) {
    const std::size_t want = asked_ == 0 || filter != nullptr ? limit * index_->oversampling() : asked_ * 2;
    std::vector<AnnCandidate> found = index_->search(vector_elements(scan_.access.vector.query), want, knobs_, filter);
    if (filter != nullptr && filter->stop) {
      // What the search found before it stopped need not be the nearest.
      index_done_ = true;
      return refill();
    }
    if (found.size() < want) index_done_ = true;
    asked_ = want;
    for (AnnCandidate& entry : found) {
      std::string id = entry.key;
      id.append(reinterpret_cast<const char*>(&entry.fingerprint), sizeof entry.fingerprint);
      if (!accepted_.contains(entry.key) && offered_.insert(std::move(id)).second) batch_.push_back(std::move(entry));
    }
    // A filtered search asks the same each time: nothing new means nothing more.
    if (filter != nullptr && batch_.empty()) index_done_ = true;
    return true;
  }
  if (from_table_) return false;
  from_table_ = true;
  asked_ = std::max<std::size_t>(asked_, 1);
  // The nearest rows that pass, measured exactly: with the rows already
  // taken, they hold the answer.
  exact_nearest_rows(scan_, ctx_, [&](std::string_view key, std::string_view) {
    if (!accepted_.contains(std::string(key))) batch_.push_back({std::string(key), 0});
    return true;
  });
  return true;
}

}  // namespace heliosdb::engine
