#include "engine/exec/plan_executor.hpp"

#include <unordered_map>

#include "engine/catalog/catalog.hpp"
#include "engine/exec/equality_key.hpp"
#include "engine/exec/evaluator.hpp"
#include "engine/exec/index_access.hpp"
#include "engine/vector/exact_search.hpp"
#include "engine/vector/vector_plan.hpp"
#include "storage/backward_scanner.hpp"

namespace heliosdb::engine {

namespace {

bool passes(const std::vector<BoundExprPtr>& filters, const Row& row) {
  for (const auto& f : filters) {
    if (!evaluate_condition(*f, row)) return false;
  }
  return true;
}

Row nulls_for(const std::vector<ScopeColumn>& scope) {
  Row row;
  for (const ScopeColumn& c : scope) row.push_back(Value::null(c.type.id));
  return row;
}

Row concat(const Row& a, const Row& b) {
  Row out;
  out.reserve(a.size() + b.size());
  out.insert(out.end(), a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// Collects rows into batches for a sink; remembers when the sink has had
// enough. A batch's rows are filled in place and their storage reused for the
// next batch, so a scan does not allocate a row per row.
class BatchWriter {
 public:
  /// `first`: how many rows the first batch holds, when the consumer may want
  /// no more than that (0: kBatchSize).
  explicit BatchWriter(const BatchSink& sink, BatchPool* pool = nullptr, std::size_t first = 0)
      : sink_(sink), pool_(pool), limit_(first > 0 && first < kBatchSize ? first : kBatchSize) {
    if (pool_ != nullptr) batch_ = pool_->take();
    batch_.reserve(kBatchSize);
  }
  ~BatchWriter() {
    if (pool_ != nullptr) pool_->give(std::move(batch_));
  }
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;
  /// The row to fill next; it joins the batch on keep().
  Row& slot() {
    if (count_ == batch_.size()) batch_.emplace_back();
    return batch_[count_];
  }
  /// False once the consumer wants no more rows.
  bool keep() { return ++count_ < limit_ || flush(); }
  bool push(Row row) {
    slot() = std::move(row);
    return keep();
  }
  bool flush() {
    if (count_ == 0 || stopped_) return !stopped_;
    // The sink sees exactly the rows filled; the spare ones keep their storage for the next batch.
    std::size_t spare = batch_.size() - count_;
    std::vector<Row> kept;
    if (spare > 0) {
      kept.assign(std::make_move_iterator(batch_.end() - static_cast<std::ptrdiff_t>(spare)),
                  std::make_move_iterator(batch_.end()));
      batch_.resize(count_);
    }
    stopped_ = !sink_(batch_);
    for (Row& row : kept) batch_.push_back(std::move(row));
    count_ = 0;
    limit_ = kBatchSize;
    return !stopped_;
  }
  bool stopped() const { return stopped_; }

 private:
  const BatchSink& sink_;
  BatchPool* pool_;
  RowBatch batch_;
  std::size_t limit_;      ///< rows of the batch being filled
  std::size_t count_ = 0;  ///< rows of batch_ filled; the rest are storage to reuse
  bool stopped_ = false;
};

// An access path's points or ranges in the order a scan reads them: last
// first when it reads backwards. A view: a point select copies no key.
template <typename T>
class InScanOrder {
 public:
  InScanOrder(const std::vector<T>& items, bool backward) : items_(items), backward_(backward) {}
  struct Iterator {
    const InScanOrder* order;
    std::size_t i;
    const T& operator*() const { return order->items_[order->backward_ ? order->items_.size() - 1 - i : i]; }
    Iterator& operator++() {
      ++i;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return i != other.i; }
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, items_.size()}; }

 private:
  const std::vector<T>& items_;
  bool backward_;
};

template <typename T>
InScanOrder<T> in_scan_order(const std::vector<T>& items, bool backward) {
  return {items, backward};
}

// Reads one table through its access path: each row is decoded into the
// row `slot()` gives, then `visit(storage key, that row)` runs, until it
// returns false.
template <typename Slot, typename Visit>
void scan_table(const PlanNode& node, ExecContext& ctx, Slot slot, Visit row_visit) {
  const TableDef& table = *node.table;
  if (table.materialized && !table.materialized->populated && !node.as_of) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState,
                  "materialized view \"" + table.name + "\" has not been populated")
        .with_hint("Use the REFRESH MATERIALIZED VIEW command.");
  }
  auto visit = [&](std::string_view key, Row& row) {
    if (node.emit_key) {
      row.resize(table.columns.size());
      row.push_back(Value::string(TypeId::kBytea, std::string(key)));
    }
    return row_visit(key, row);
  };
  const AccessPath& access = node.access;
  const std::vector<bool>* needed = node.needed.empty() ? nullptr : &node.needed;
  ColumnSelection columns = select_columns(table, needed);
  auto decoded = [&](std::string_view raw) -> Row& {
    ctx.check_interrupts();
    Row& row = slot();
    decode_row_into(table, raw, columns, row);
    return row;
  };
  // Every row a scanner (forward or backward) gives; false once visit says stop.
  auto drain = [&](auto& scanner) {
    while (scanner.next()) {
      if (!visit(scanner.key(), decoded(scanner.value()))) return false;
    }
    return true;
  };
  switch (access.kind) {
    case AccessPath::Kind::kSeqScan: {
      if (access.backward) {
        storage::BackwardScanner scanner(ctx.txn, Catalog::rows_begin(table.oid), Catalog::rows_end(table.oid));
        drain(scanner);
        break;
      }
      storage::Scanner scanner = ctx.catalog.scan_rows(table, node.as_of);
      drain(scanner);
      break;
    }
    case AccessPath::Kind::kPrimaryKey:
      for (const std::string& key : in_scan_order(access.points, access.backward)) {
        if (auto raw = node.as_of ? ctx.txn.get_as_of(key, *node.as_of) : ctx.txn.get(key)) {
          if (!visit(key, decoded(*raw))) return;
        }
      }
      for (const auto& [begin, end] : in_scan_order(access.ranges, access.backward)) {
        if (access.backward) {
          storage::BackwardScanner scanner(ctx.txn, begin, end);
          if (!drain(scanner)) return;
          continue;
        }
        storage::Scanner scanner = node.as_of ? ctx.txn.scan_as_of(begin, end, *node.as_of) : ctx.txn.scan(begin, end);
        if (!drain(scanner)) return;
      }
      break;
    case AccessPath::Kind::kVectorIndex: {
      // accept() looks at the indexed column, whether or not the query does.
      const auto column = static_cast<std::size_t>(table.vector_indexes[static_cast<std::size_t>(access.index)].column);
      std::vector<bool> with_column;
      if (needed != nullptr && !(*needed)[column]) {
        with_column = *needed;
        with_column[column] = true;
        needed = &with_column;
        columns = select_columns(table, needed);
      }
      VectorCandidates candidates(node, ctx);
      while (std::optional<std::string> key = candidates.next()) {
        auto raw = ctx.txn.get(*key);
        if (!raw) continue;  // an entry left by a row since deleted, or never committed
        Row& row = decoded(*raw);
        if (!candidates.accept(row)) continue;
        if (passes(node.filters, row)) candidates.passed();
        if (!visit(*key, row)) return;
      }
      break;
    }
    case AccessPath::Kind::kVectorExact:
      exact_nearest_rows(node, ctx,
                         [&](std::string_view key, std::string_view raw) { return visit(key, decoded(raw)); });
      break;
    case AccessPath::Kind::kIndex: {
      bool go_on = true;
      for (const auto& [begin, end] : in_scan_order(access.ranges, access.backward)) {
        visit_rows_from_index(ctx, table, begin, end, needed, node.as_of, access.backward,
                              [&](std::string& key, Row& row) {
                                ctx.check_interrupts();
                                Row& into = slot();
                                into = std::move(row);
                                return go_on = visit(key, into);
                              });
        if (!go_on) return;
      }
      break;
    }
  }
}

// The hash table of a join's build side: equality key -> right rows.
class JoinHashTable {
 public:
  JoinHashTable(const PlanNode& node, const std::vector<Row>& right) : node_(node) {
    for (std::size_t i = 0; i < right.size(); ++i) {
      if (auto key = key_of(right[i], false)) table_[*key].push_back(i);
    }
  }
  /// The right rows whose keys equal the left row's; none if a key is NULL.
  const std::vector<std::size_t>& matches(const Row& left) const {
    static const std::vector<std::size_t> kNone;
    auto key = key_of(left, true);
    if (!key) return kNone;
    auto it = table_.find(*key);
    return it == table_.end() ? kNone : it->second;
  }

 private:
  std::optional<std::string> key_of(const Row& row, bool left_side) const {
    std::string key;
    for (const auto& [l, r] : node_.hash_keys) {
      const Value& v = row[static_cast<std::size_t>(left_side ? l : r)];
      if (v.is_null()) return std::nullopt;  // NULL keys never match
      append_equality_key(key, v);
    }
    return key;
  }

  const PlanNode& node_;
  std::unordered_map<std::string, std::vector<std::size_t>> table_;
};

// A LATERAL join: the right side is planned and run again for each left
// row, which its expressions see as their enclosing row.
void stream_lateral_join(const PlanNode& node, ExecContext& ctx, const BatchSink& sink) {
  const bool left_join = node.join_kind == ast::JoinRef::Kind::kLeft;
  BatchWriter out(sink);
  auto emit = [&](Row row) { return passes(node.filters, row) ? out.push(std::move(row)) : true; };
  stream_plan(*node.left, ctx, [&](RowBatch& batch) {
    for (const Row& l : batch) {
      ctx.check_interrupts();
      ctx.outer_rows.push_back({&node.left->scope, &l, false, false, {}});
      std::vector<Row> right;
      try {
        right = execute_plan(*node.lateral(ctx), ctx).rows;
      } catch (...) {
        ctx.outer_rows.pop_back();
        throw;
      }
      ctx.outer_rows.pop_back();
      bool matched = false;
      for (const Row& r : right) {
        Row combined = concat(l, r);
        if (node.condition && !evaluate_condition(*node.condition, combined)) continue;
        matched = true;
        if (!emit(std::move(combined))) return false;
      }
      if (!matched && left_join && !emit(concat(l, nulls_for(node.right->scope)))) return false;
    }
    return true;
  });
  out.flush();
}

void stream_join(const PlanNode& node, ExecContext& ctx, const BatchSink& sink) {
  if (node.lateral) {
    stream_lateral_join(node, ctx, sink);
    return;
  }
  using Kind = ast::JoinRef::Kind;
  const Kind kind = node.join_kind;
  const BoundExpr* condition = node.condition.get();
  const std::vector<Row> right = execute_plan(*node.right, ctx).rows;
  std::vector<bool> right_matched(right.size(), false);
  std::optional<JoinHashTable> hash;
  if (!node.hash_keys.empty()) hash.emplace(node, right);
  std::vector<std::size_t> all;
  if (!hash) {
    all.resize(right.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  }
  BatchWriter out(sink, ctx.batches);
  auto emit = [&](Row row) { return passes(node.filters, row) ? out.push(std::move(row)) : true; };
  stream_plan(*node.left, ctx, [&](RowBatch& batch) {
    for (const Row& l : batch) {
      ctx.check_interrupts();
      bool matched = false;
      for (std::size_t ri : hash ? hash->matches(l) : all) {
        // Joined in the batch's next row, whose storage is reused when the pair fails.
        Row& combined = out.slot();
        combined.assign(l.begin(), l.end());
        combined.insert(combined.end(), right[ri].begin(), right[ri].end());
        if (condition && !evaluate_condition(*condition, combined)) continue;
        matched = true;
        right_matched[ri] = true;
        if (passes(node.filters, combined) && !out.keep()) return false;
      }
      if (!matched && (kind == Kind::kLeft || kind == Kind::kFull)) {
        if (!emit(concat(l, nulls_for(node.right->scope)))) return false;
      }
    }
    return true;
  });
  if (!out.stopped() && (kind == Kind::kRight || kind == Kind::kFull)) {
    Row left_nulls = nulls_for(node.left->scope);
    for (std::size_t i = 0; i < right.size(); ++i) {
      if (!right_matched[i] && !emit(concat(left_nulls, right[i]))) break;
    }
  }
  out.flush();
}

}  // namespace

std::vector<KeyedRow> scan_with_keys(const PlanNode& node, ExecContext& ctx) {
  std::vector<KeyedRow> out;
  Row scratch;
  scan_table(
      node, ctx, [&]() -> Row& { return scratch; },
      [&](std::string_view key, Row& row) {
        if (passes(node.filters, row)) out.emplace_back(std::string(key), row);
        return true;
      });
  return out;
}

void stream_plan(const PlanNode& node, ExecContext& ctx, const BatchSink& sink) {
  switch (node.kind) {
    case PlanNode::Kind::kTableScan: {
      // A scan under a LIMIT first hands on as many rows as the LIMIT takes:
      // an index scan fetches each row apart, and a batch's worth is costly.
      BatchWriter out(sink, ctx.batches, node.row_limit);
      scan_table(
          node, ctx, [&]() -> Row& { return out.slot(); },
          [&](std::string_view, Row& row) { return passes(node.filters, row) ? out.keep() : true; });
      out.flush();
      return;
    }
    case PlanNode::Kind::kRows: {
      BatchWriter out(sink);
      for (const Row& row : node.rows) {
        if (passes(node.filters, row) && !out.push(row)) break;
      }
      out.flush();
      return;
    }
    case PlanNode::Kind::kJoin:
      stream_join(node, ctx, sink);
      return;
  }
}

Relation execute_plan(const PlanNode& node, ExecContext& ctx) {
  Relation out;
  out.scope = node.scope;
  stream_plan(node, ctx, [&](RowBatch& batch) {
    for (Row& row : batch) out.rows.push_back(std::move(row));
    return true;
  });
  return out;
}

}  // namespace heliosdb::engine
