#include "engine/vector/ann_index.hpp"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/IndexIVFPQ.h>
#include <faiss/IndexPQ.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/IDSelector.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <mutex>
#include <string_view>

#include "engine/vector/hnsw_search.hpp"
#include "engine/vector/simd_flat.hpp"

namespace heliosdb::engine {

namespace {

int log2_of(std::int64_t n) {
  int bits = 0;
  while ((std::int64_t{1} << bits) < n) ++bits;
  return bits;
}

// Cosine distance orders as L2 over unit vectors: such indexes store the
// vectors normalised and measure L2, which every FAISS structure supports.
faiss::MetricType faiss_metric(VectorMetric metric) {
  return metric == VectorMetric::kInnerProduct ? faiss::METRIC_INNER_PRODUCT : faiss::METRIC_L2;
}

}  // namespace

AnnIndex::AnnIndex(const VectorIndexDef& def, int dimensions, bool holding)
    : def_(def), dimensions_(dimensions), holding_(holding) {
  faiss::MetricType metric = faiss_metric(def.metric);
  const int m = static_cast<int>(def.option("m", 16));
  const int subquantizers = static_cast<int>(def.option("pq_subquantizers", 8));
  const int bits = log2_of(def.option("pq_centroids", 256));
  const auto lists = static_cast<std::size_t>(def.option("lists", 100));
  quantized_ = def.method == "ivfpq" || def.quantization == "product";
  ivf_ = def.method == "ivfflat" || def.method == "ivfpq";
  if (def.method == "hnsw") {
    std::unique_ptr<faiss::IndexHNSW> hnsw;
    if (quantized_) {
      // FAISS links an HNSW graph over PQ codes by their L2 distances whatever
      // the metric, so an inner-product graph would be built and searched by
      // different measures. L2 it is: for the normalised vectors inner product
      // is meant for, it orders alike, and the exact re-ranking decides.
      metric = faiss::METRIC_L2;
      // IndexHNSWPQ, which write_index knows, made as its own constructor
      // would but for the code size, which that one fixes at 8 bits.
      auto* pq = new faiss::IndexPQ(dimensions, subquantizers, bits, metric);
      pq->pq.cp.min_points_per_centroid = 1;
      hnsw = std::make_unique<faiss::IndexHNSWPQ>();
      hnsw->d = dimensions;
      hnsw->metric_type = metric;
      hnsw->hnsw = faiss::HNSW(m);
      hnsw->storage = pq;
      hnsw->own_fields = true;
      hnsw->is_trained = false;
    } else {
      hnsw = std::make_unique<faiss::IndexHNSWFlat>(dimensions, m, metric);
      use_simd_storage(*hnsw);
    }
    hnsw->hnsw.efConstruction = static_cast<int>(def.option("ef_construction", 64));
    index_ = std::move(hnsw);
  } else {
    auto* quantizer = new faiss::IndexFlat(dimensions, metric);
    std::unique_ptr<faiss::IndexIVF> ivf;
    if (def.method == "ivfpq") {
      auto pq = std::make_unique<faiss::IndexIVFPQ>(quantizer, dimensions, lists, subquantizers, bits, metric);
      pq->pq.cp.min_points_per_centroid = 1;
      ivf = std::move(pq);
    } else {
      ivf = std::make_unique<faiss::IndexIVFFlat>(quantizer, dimensions, lists, metric);
    }
    ivf->own_fields = true;
    ivf->cp.min_points_per_centroid = 1;
    index_ = std::move(ivf);
  }
}

AnnIndex::~AnnIndex() = default;

std::uint64_t AnnIndex::fingerprint(std::span<const float> vector) {
  // FNV-1a over 32-bit words, then a final mix: stable across processes,
  // unlike std::hash, since saved indexes keep these.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (float x : vector) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &x, sizeof bits);
    h = (h ^ bits) * 0x100000001b3ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

std::size_t AnnIndex::training_threshold() const {
  if (index_->is_trained) return 0;
  // k-means wants a few dozen points per centroid; these are the least
  // that train a usable quantizer.
  std::size_t need = 0;
  if (ivf_) need = static_cast<std::size_t>(def_.option("lists", 100)) * 4;
  if (quantized_) need = std::max<std::size_t>(need, static_cast<std::size_t>(def_.option("pq_centroids", 256)) * 4);
  return need;
}

std::vector<float> AnnIndex::prepared(std::span<const float> vector) const {
  std::vector<float> out(vector.begin(), vector.end());
  if (def_.metric == VectorMetric::kCosine) {
    double norm = 0;
    for (float x : out) norm += static_cast<double>(x) * x;
    norm = std::sqrt(norm);
    if (norm > 0) {
      for (float& x : out) x = static_cast<float>(x / norm);
    }
  }
  return out;
}

void AnnIndex::add(const std::string& key, std::span<const float> vector) {
  if (static_cast<int>(vector.size()) != dimensions_) return;  // a column of no fixed dimension: not indexable
  add_batch({key}, std::vector<float>(vector.begin(), vector.end()));
}

void AnnIndex::add_batch(const std::vector<std::string>& keys, const std::vector<float>& vectors) {
  std::vector<std::uint64_t> hashes;
  std::vector<float> prepared_vectors;
  prepared_vectors.reserve(vectors.size());
  const auto d = static_cast<std::size_t>(dimensions_);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::span<const float> v(vectors.data() + i * d, d);
    hashes.push_back(fingerprint(v));
    std::vector<float> p = prepared(v);
    prepared_vectors.insert(prepared_vectors.end(), p.begin(), p.end());
  }
  std::unique_lock lock(mutex_);
  add_fresh(keys, hashes, prepared_vectors);
}

void AnnIndex::add_fresh(const std::vector<std::string>& keys, const std::vector<std::uint64_t>& hashes,
                         const std::vector<float>& prepared_vectors) {
  std::vector<std::string> fresh_keys;
  std::vector<std::uint64_t> fresh_hashes;
  std::vector<float> fresh;
  const auto d = static_cast<std::size_t>(dimensions_);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::uint64_t h = hashes[i];
    auto [it, inserted] = current_.try_emplace(keys[i], h);
    if (!inserted) {
      if (it->second == h) continue;  // the row's vector is already here
      it->second = h;
      ++superseded_;
    }
    fresh_keys.push_back(keys[i]);
    fresh_hashes.push_back(h);
    fresh.insert(fresh.end(), prepared_vectors.begin() + static_cast<std::ptrdiff_t>(i * d),
                 prepared_vectors.begin() + static_cast<std::ptrdiff_t>((i + 1) * d));
  }
  if (fresh_keys.empty()) return;
  ++version_;
  if (holding_ || !index_->is_trained) {
    pending_keys_.insert(pending_keys_.end(), fresh_keys.begin(), fresh_keys.end());
    pending_hashes_.insert(pending_hashes_.end(), fresh_hashes.begin(), fresh_hashes.end());
    pending_vectors_.insert(pending_vectors_.end(), fresh.begin(), fresh.end());
    if (!holding_ && pending_keys_.size() >= training_threshold()) train_and_flush();
    return;
  }
  add_prepared(fresh_keys, fresh_hashes, fresh);
}

void AnnIndex::adopt(AnnIndex&& saved) {
  std::scoped_lock lock(mutex_, saved.mutex_);
  index_ = std::move(saved.index_);
  keys_ = std::move(saved.keys_);
  hashes_ = std::move(saved.hashes_);
  current_ = std::move(saved.current_);
  superseded_ = saved.superseded_;
  built_at_ = saved.built_at_;
  key_columns_ = std::move(saved.key_columns_);
  holding_ = false;
  std::vector<std::string> keys = std::move(pending_keys_);
  std::vector<std::uint64_t> hashes = std::move(pending_hashes_);
  std::vector<float> vectors = std::move(pending_vectors_);
  pending_keys_.clear();
  pending_hashes_.clear();
  pending_vectors_.clear();
  add_fresh(keys, hashes, vectors);
}

void AnnIndex::release() {
  std::unique_lock lock(mutex_);
  holding_ = false;
  if (!pending_keys_.empty() && pending_keys_.size() >= training_threshold()) train_and_flush();
}

void AnnIndex::add_prepared(const std::vector<std::string>& keys, const std::vector<std::uint64_t>& hashes,
                            const std::vector<float>& vectors) {
  omp_set_num_threads(keys.size() > 1000 ? omp_get_num_procs() : 1);
  index_->add(static_cast<faiss::Index::idx_t>(keys.size()), vectors.data());
  keys_.insert(keys_.end(), keys.begin(), keys.end());
  hashes_.insert(hashes_.end(), hashes.begin(), hashes.end());
}

void AnnIndex::train_and_flush() {
  omp_set_num_threads(omp_get_num_procs());
  if (!index_->is_trained) {
    index_->train(static_cast<faiss::Index::idx_t>(pending_keys_.size()), pending_vectors_.data());
    after_training();
  }
  add_prepared(pending_keys_, pending_hashes_, pending_vectors_);
  pending_keys_.clear();
  pending_keys_.shrink_to_fit();
  pending_hashes_.clear();
  pending_hashes_.shrink_to_fit();
  pending_vectors_.clear();
  pending_vectors_.shrink_to_fit();
}

void AnnIndex::after_training() {
  use_simd_storage(*index_);  // a structure read back has FAISS's own flat storage
  if (auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(index_.get())) {
    // HNSW links its graph by code-to-code distances: PQ's symmetric table.
    if (auto* pq = dynamic_cast<faiss::IndexPQ*>(hnsw->storage)) pq->pq.compute_sdc_table();
  }
}

void AnnIndex::note_removed(const std::string& key) {
  std::unique_lock lock(mutex_);
  if (current_.contains(key)) {
    ++superseded_;
    ++version_;
  }
}

std::uint64_t AnnIndex::version() const {
  std::shared_lock lock(mutex_);
  return version_;
}

bool AnnIndex::serving() const {
  std::shared_lock lock(mutex_);
  return index_->is_trained;
}

std::size_t AnnIndex::size() const {
  std::shared_lock lock(mutex_);
  return keys_.size() + pending_keys_.size();
}

void AnnIndex::search_labels(const std::vector<float>& q, std::size_t k, const AnnSearchKnobs& knobs,
                             const faiss::IDSelector* selector, const bool* stop, std::vector<float>& distances,
                             std::vector<std::int64_t>& labels) const {
  if (ivf_) {
    // Probing few lists may find fewer than k vectors: probe more until they are found.
    distances.assign(k, 0);
    labels.assign(k, -1);
    const auto lists = static_cast<int>(def_.option("lists", 100));
    faiss::SearchParametersIVF params;
    params.sel = const_cast<faiss::IDSelector*>(selector);
    for (int probes = std::min(knobs.probes, lists);; probes = std::min(probes * 2, lists)) {
      params.nprobe = static_cast<std::size_t>(probes);
      index_->search(1, q.data(), static_cast<faiss::Index::idx_t>(k), distances.data(), labels.data(), &params);
      if (probes >= lists || labels[k - 1] >= 0 || (stop != nullptr && *stop)) break;
    }
    return;
  }
  hnsw_search(dynamic_cast<const faiss::IndexHNSW&>(*index_), q.data(), k, {knobs.ef_search, selector, stop}, distances,
              labels);
}

namespace {

// A filter as FAISS asks for one: by FAISS id. Its exceptions must not
// cross FAISS's OpenMP regions: the first is kept, ends the search and is
// thrown once FAISS is done.
class EntrySelector : public faiss::IDSelector {
 public:
  EntrySelector(AnnEntryFilter& filter, const std::vector<std::string>& keys, const std::vector<std::uint64_t>& hashes)
      : filter_(filter), keys_(keys), hashes_(hashes) {}
  bool is_member(faiss::Index::idx_t id) const override {
    if (filter_.stop) return false;
    try {
      const auto at = static_cast<std::size_t>(id);
      return filter_.keep(keys_[at], hashes_[at]);
    } catch (...) {
      error_ = std::current_exception();
      filter_.stop = true;
      return false;
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  AnnEntryFilter& filter_;
  const std::vector<std::string>& keys_;
  const std::vector<std::uint64_t>& hashes_;
  mutable std::exception_ptr error_;
};

}  // namespace

std::vector<AnnCandidate> AnnIndex::search(std::span<const float> query, std::size_t k, const AnnSearchKnobs& knobs,
                                           AnnEntryFilter* filter) const {
  // One query is one thread's work: FAISS would start a team of threads for
  // it, which only contend with the other sessions' queries. (The setting
  // is this thread's own; builds ask for every core again.)
  omp_set_num_threads(1);
  std::shared_lock lock(mutex_);
  std::vector<AnnCandidate> out;
  k = std::min(k, static_cast<std::size_t>(index_->ntotal));
  if (k == 0 || !index_->is_trained) return out;
  std::vector<float> distances;
  std::vector<faiss::Index::idx_t> labels;
  if (filter != nullptr) {
    EntrySelector selector(*filter, keys_, hashes_);
    search_labels(prepared(query), k, knobs, &selector, &filter->stop, distances, labels);
    selector.rethrow();
  } else {
    search_labels(prepared(query), k, knobs, nullptr, nullptr, distances, labels);
  }
  for (faiss::Index::idx_t label : labels) {
    if (label < 0) break;
    const auto at = static_cast<std::size_t>(label);
    out.push_back({keys_[at], hashes_[at]});
  }
  return out;
}

AnnIndexStats AnnIndex::stats() const {
  std::shared_lock lock(mutex_);
  AnnIndexStats s;
  s.num_vectors = static_cast<std::int64_t>(keys_.size() + pending_keys_.size());
  s.deleted_vectors = superseded_;
  s.trained = index_->is_trained;
  const auto d = static_cast<std::int64_t>(dimensions_);
  const std::int64_t flat_bytes = d * 4;
  std::int64_t code_bytes = flat_bytes;
  if (quantized_) {
    const std::int64_t subquantizers = def_.option("pq_subquantizers", 8);
    code_bytes = (subquantizers * log2_of(def_.option("pq_centroids", 256)) + 7) / 8;
  }
  s.compression_ratio = static_cast<double>(flat_bytes) / static_cast<double>(code_bytes);
  std::int64_t per_vector = code_bytes + static_cast<std::int64_t>(sizeof(faiss::Index::idx_t));
  if (def_.method == "hnsw") {
    // Links: 2m at level 0 plus about m/(m-1)·m above, 4 bytes each.
    const std::int64_t m = def_.option("m", 16);
    per_vector = code_bytes + 4 * (2 * m + m) + 8;
  }
  s.memory_bytes = per_vector * s.num_vectors + static_cast<std::int64_t>(pending_vectors_.size() * sizeof(float));
  if (quantized_) s.memory_bytes += (1LL << log2_of(def_.option("pq_centroids", 256))) * d * 4;
  if (ivf_) s.memory_bytes += def_.option("lists", 100) * d * 4;
  return s;
}

}  // namespace heliosdb::engine
