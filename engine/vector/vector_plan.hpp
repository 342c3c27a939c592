#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/exec/exec_context.hpp"
#include "engine/plan/plan_node.hpp"
#include "engine/vector/ann_index.hpp"

namespace heliosdb::engine {

/// Gives a single-table scan the vector index access path when the query
/// is ORDER BY <column> <op> <constant vector> [ASC] LIMIT k (OFFSET counts
/// in k) and an index on that column measures with that operator: <-> for
/// vector_l2_ops, <=> for vector_cosine_ops, <#> for vector_ip_ops. Leaves
/// the plan as it is otherwise, and when WHERE already picked a btree path
/// (then the matching rows are few enough to rank exactly) or the scan reads
/// history (AS OF).
void choose_vector_access(PlanNode& scan, const BoundExpr& order_by, bool descending, std::int64_t limit,
                          ExecContext& ctx);

/// The storage keys a kVectorIndex scan reads, nearest first. Asks the index
/// for `limit` candidates (more for a quantized one); the scan reports each
/// row's filter result, and while fewer than `limit` rows passed, the
/// search widens (twice the candidates each time, only new ones handed out).
/// Once the index has nothing more, every remaining row of the table follows,
/// so a query with k matching rows gets k rows, however selective its WHERE.
/// An index not trained yet offers nothing: all rows come from the table.
class VectorCandidates {
 public:
  VectorCandidates(const PlanNode& scan, ExecContext& ctx);
  /// The next key to read, or nullopt when done.
  std::optional<std::string> next();
  /// The row read for the last key passed the scan's filters.
  void passed() { ++passed_; }

 private:
  bool refill();

  const PlanNode& scan_;
  ExecContext& ctx_;
  std::shared_ptr<AnnIndex> index_;
  AnnSearchKnobs knobs_;
  std::size_t asked_ = 0;  ///< candidates asked of the index so far
  std::size_t passed_ = 0;
  std::vector<std::string> batch_;
  std::size_t at_ = 0;
  std::unordered_set<std::string> handed_out_;
  bool index_done_ = false;
  bool table_done_ = false;
};

}  // namespace heliosdb::engine
