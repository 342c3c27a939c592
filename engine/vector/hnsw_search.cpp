#include "engine/vector/hnsw_search.hpp"

#include <faiss/IndexHNSW.h>
#include <faiss/impl/DistanceComputer.h>
#include <faiss/impl/IDSelector.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <queue>
#include <utility>

#include "engine/vector/distance_kernels.hpp"
#include "engine/vector/simd_flat.hpp"

namespace heliosdb::engine {

namespace {

using Node = std::pair<float, faiss::HNSW::storage_idx_t>;

// Which entries this thread's current search has seen: a mark per entry,
// cleared by moving to the next mark rather than by wiping the table.
class Visited {
 public:
  explicit Visited(std::size_t n) {
    thread_local std::vector<std::uint32_t> marks;
    thread_local std::uint32_t current = 0;
    if (marks.size() < n) marks.resize(n, 0);
    if (++current == 0) {
      std::fill(marks.begin(), marks.end(), 0);
      current = 1;
    }
    marks_ = marks.data();
    mark_ = current;
  }
  /// Marks entry i; false if it was marked already.
  bool first_visit(faiss::HNSW::storage_idx_t i) {
    if (marks_[i] == mark_) return false;
    marks_[i] = mark_;
    return true;
  }

 private:
  std::uint32_t* marks_;
  std::uint32_t mark_;
};

// Distance from the query to stored entries, smaller is nearer. Over
// SimdFlat storage it reads the vectors in place, and can ask for an
// entry's cache lines before measuring it: a graph walk jumps around
// memory, and waiting for each vector in turn was most of its time.
class Measure {
 public:
  Measure(const faiss::Index& storage, const float* query)
      : query_(query), similarity_(storage.metric_type == faiss::METRIC_INNER_PRODUCT) {
    if (const auto* flat = dynamic_cast<const SimdFlat*>(&storage)) {
      base_ = flat->get_xb();
      d_ = static_cast<std::size_t>(flat->d);
      kernel_ = similarity_ ? chosen_distance_kernels().inner_product : chosen_distance_kernels().squared_l2;
    } else {
      computer_.reset(storage.get_distance_computer());
      computer_->set_query(query);
    }
  }

  float operator()(faiss::HNSW::storage_idx_t i) const {
    const float d = base_ != nullptr ? kernel_(query_, base_ + static_cast<std::size_t>(i) * d_, d_) : (*computer_)(i);
    return similarity_ ? -d : d;
  }

  void prefetch(faiss::HNSW::storage_idx_t i) const {
    if (base_ == nullptr) return;
    const char* at = reinterpret_cast<const char*>(base_ + static_cast<std::size_t>(i) * d_);
    for (std::size_t line = 0; line < d_ * sizeof(float); line += 64) __builtin_prefetch(at + line);
  }

 private:
  const float* query_;
  bool similarity_;
  const float* base_ = nullptr;
  std::size_t d_ = 0;
  float (*kernel_)(const float*, const float*, std::size_t) = nullptr;
  std::unique_ptr<faiss::DistanceComputer> computer_;
};

}  // namespace

void hnsw_search(const faiss::IndexHNSW& index, const float* query, std::size_t k, const HnswSearchLimits& limits,
                 std::vector<float>& distances, std::vector<std::int64_t>& labels) {
  distances.clear();
  labels.clear();
  const faiss::HNSW& graph = index.hnsw;
  if (index.ntotal == 0 || graph.entry_point < 0 || k == 0) return;
  const Measure distance(*index.storage, query);
  auto accepted = [&](faiss::HNSW::storage_idx_t i) {
    return limits.selector == nullptr || limits.selector->is_member(i);
  };

  // Down the upper levels greedily to the nearest entry of level 1.
  faiss::HNSW::storage_idx_t nearest = graph.entry_point;
  float d_nearest = distance(nearest);
  for (int level = graph.max_level; level >= 1; --level) {
    for (bool moved = true; moved;) {
      moved = false;
      std::size_t begin = 0, end = 0;
      graph.neighbor_range(nearest, level, &begin, &end);
      for (std::size_t j = begin; j < end; ++j) {
        const faiss::HNSW::storage_idx_t v = graph.neighbors[j];
        if (v < 0) break;
        const float d = distance(v);
        if (d < d_nearest) {
          nearest = v;
          d_nearest = d;
          moved = true;
        }
      }
    }
  }

  // Level 0: a beam of entries to expand, nearest first, and the best
  // accepted entries found, farthest on top.
  const std::size_t ef = std::max(static_cast<std::size_t>(std::max(limits.ef, 1)), k);
  std::priority_queue<Node, std::vector<Node>, std::greater<>> beam;
  std::priority_queue<Node> best;
  Visited visited(static_cast<std::size_t>(index.ntotal));
  auto bound = [&] { return best.size() < ef ? std::numeric_limits<float>::infinity() : best.top().first; };
  auto found = [&](faiss::HNSW::storage_idx_t v, float d) {
    if (!accepted(v)) return;
    best.emplace(d, v);
    if (best.size() > ef) best.pop();
  };
  visited.first_visit(nearest);
  beam.emplace(d_nearest, nearest);
  found(nearest, d_nearest);
  std::vector<faiss::HNSW::storage_idx_t> fresh;
  while (!beam.empty()) {
    if (limits.stop != nullptr && *limits.stop) break;
    const auto [d, v] = beam.top();
    if (d > bound()) break;
    beam.pop();
    std::size_t begin = 0, end = 0;
    graph.neighbor_range(v, 0, &begin, &end);
    fresh.clear();
    for (std::size_t j = begin; j < end; ++j) {
      const faiss::HNSW::storage_idx_t u = graph.neighbors[j];
      if (u < 0) break;
      if (visited.first_visit(u)) fresh.push_back(u);
    }
    // All at once: the memory system fetches many lines in parallel, and
    // an entry's neighbours are a few dozen vectors at most.
    for (const faiss::HNSW::storage_idx_t u : fresh) distance.prefetch(u);
    for (const faiss::HNSW::storage_idx_t u : fresh) {
      const float du = distance(u);
      if (du >= bound()) continue;
      beam.emplace(du, u);
      found(u, du);
    }
  }

  while (best.size() > k) best.pop();
  distances.resize(best.size());
  labels.resize(best.size());
  for (std::size_t i = best.size(); i-- > 0; best.pop()) {
    distances[i] = best.top().first;
    labels[i] = best.top().second;
  }
}

}  // namespace heliosdb::engine
