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

class RowsPassing;

/// The storage keys a kVectorIndex scan reads, nearest first. Asks the index
/// for `limit` entries (more for a quantized one). The scan reads each row
/// in its snapshot and asks accept(): a row counts only through the entry
/// of the vector it has there (an entry of its older or newer vector, or of
/// a change rolled back, does not). It then reports the row's filter result;
/// while fewer than `limit` rows passed, the search widens (twice the
/// entries each time, only new ones handed out). Once the index has nothing
/// more, the table's nearest rows that pass (measured exactly, as a scan
/// without an index is: exact_search.hpp) not yet accepted follow, so a query with k
/// matching rows gets k rows, however selective its WHERE. So does a WHERE
/// that the rows found so far show to be selective enough that the rest
/// would take a 64th of the index or more to find: a graph search visits
/// many entries per row it returns, so the table is cheaper then. An index
/// not trained yet offers nothing: all rows come from the table.
///
/// A scan with filters (none with a subquery) hands them to the index
/// search itself (RowsPassing, FAISS's IDSelector): the search returns only
/// entries whose rows pass, so k passing rows come from one search however
/// many are passed over. Past a budget of rows read that way the filter is
/// deemed too selective for the index and the table is read instead.
class VectorCandidates {
 public:
  VectorCandidates(const PlanNode& scan, ExecContext& ctx);
  ~VectorCandidates();
  /// The next key to read, or nullopt when done.
  std::optional<std::string> next();
  /// Whether `row`, read for the last key, is that entry's row: the scan
  /// goes on to the next key if not.
  bool accept(const Row& row);
  /// The row read for the last key passed the scan's filters.
  void passed() { ++passed_; }

 private:
  bool refill();
  bool too_selective() const;

  const PlanNode& scan_;
  ExecContext& ctx_;
  std::size_t column_;
  std::shared_ptr<AnnIndex> index_;
  std::unique_ptr<RowsPassing> filter_;  ///< the scan's filters, applied inside the search
  AnnSearchKnobs knobs_;
  std::size_t asked_ = 0;  ///< entries asked of the index so far
  std::size_t passed_ = 0;
  std::vector<AnnCandidate> batch_;
  std::size_t at_ = 0;
  std::unordered_set<std::string> offered_;   ///< entries handed out: key and fingerprint
  std::unordered_set<std::string> accepted_;  ///< keys of the rows taken
  bool index_done_ = false;
  bool from_table_ = false;  ///< the batch is the table's remaining rows
};

}  // namespace heliosdb::engine
