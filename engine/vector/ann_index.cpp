#include "engine/vector/ann_index.hpp"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/IndexIVFPQ.h>
#include <faiss/IndexPQ.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <string_view>
#include <unordered_set>

namespace heliosdb::engine {

namespace {

std::uint64_t hash_of(std::span<const float> v) {
  return std::hash<std::string_view>{}(
      std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float)));
}

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

AnnIndex::AnnIndex(const VectorIndexDef& def, int dimensions) : def_(def), dimensions_(dimensions) {
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
      hnsw = std::make_unique<faiss::IndexHNSW>(new faiss::IndexPQ(dimensions, subquantizers, bits, metric), m);
      hnsw->own_fields = true;
      hnsw->is_trained = false;
      dynamic_cast<faiss::IndexPQ*>(hnsw->storage)->pq.cp.min_points_per_centroid = 1;
    } else {
      hnsw = std::make_unique<faiss::IndexHNSWFlat>(dimensions, m, metric);
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
  std::vector<std::string> fresh_keys;
  std::vector<std::uint64_t> fresh_hashes;
  std::vector<float> fresh;
  std::unique_lock lock(mutex_);
  const auto d = static_cast<std::size_t>(dimensions_);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::span<const float> v(vectors.data() + i * d, d);
    const std::uint64_t h = hash_of(v);
    auto [it, inserted] = current_.try_emplace(keys[i], h);
    if (!inserted) {
      if (it->second == h) continue;  // the row's vector is already here
      it->second = h;
      ++superseded_;
    }
    fresh_keys.push_back(keys[i]);
    fresh_hashes.push_back(h);
    std::vector<float> p = prepared(v);
    fresh.insert(fresh.end(), p.begin(), p.end());
  }
  if (fresh_keys.empty()) return;
  if (!index_->is_trained) {
    pending_keys_.insert(pending_keys_.end(), fresh_keys.begin(), fresh_keys.end());
    pending_hashes_.insert(pending_hashes_.end(), fresh_hashes.begin(), fresh_hashes.end());
    pending_vectors_.insert(pending_vectors_.end(), fresh.begin(), fresh.end());
    if (pending_keys_.size() >= training_threshold()) train_and_flush();
    return;
  }
  add_prepared(fresh_keys, fresh_hashes, fresh);
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
  index_->train(static_cast<faiss::Index::idx_t>(pending_keys_.size()), pending_vectors_.data());
  if (auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(index_.get())) {
    // HNSW links its graph by code-to-code distances: PQ's symmetric table.
    if (auto* pq = dynamic_cast<faiss::IndexPQ*>(hnsw->storage)) pq->pq.compute_sdc_table();
  }
  add_prepared(pending_keys_, pending_hashes_, pending_vectors_);
  pending_keys_.clear();
  pending_keys_.shrink_to_fit();
  pending_hashes_.clear();
  pending_hashes_.shrink_to_fit();
  pending_vectors_.clear();
  pending_vectors_.shrink_to_fit();
}

void AnnIndex::note_removed(const std::string& key) {
  std::unique_lock lock(mutex_);
  if (current_.contains(key)) ++superseded_;
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
                             std::vector<float>& distances, std::vector<std::int64_t>& labels) const {
  distances.assign(k, 0);
  labels.assign(k, -1);
  if (ivf_) {
    // Probing few lists may find fewer than k vectors: probe more until they are found.
    const auto lists = static_cast<int>(def_.option("lists", 100));
    faiss::SearchParametersIVF params;
    for (int probes = std::min(knobs.probes, lists);; probes = std::min(probes * 2, lists)) {
      params.nprobe = static_cast<std::size_t>(probes);
      index_->search(1, q.data(), static_cast<faiss::Index::idx_t>(k), distances.data(), labels.data(), &params);
      if (probes >= lists || labels[k - 1] >= 0) break;
    }
    return;
  }
  auto& hnsw = dynamic_cast<faiss::IndexHNSW&>(*index_);
  const int ef = std::max(knobs.ef_search, static_cast<int>(k));
  auto run = [&] { index_->search(1, q.data(), static_cast<faiss::Index::idx_t>(k), distances.data(), labels.data()); };
  std::shared_lock same_ef(ef_mutex_);
  if (hnsw.hnsw.efSearch == ef) {
    run();
  } else {
    same_ef.unlock();
    std::unique_lock other_ef(ef_mutex_);
    hnsw.hnsw.efSearch = ef;
    run();
  }
}

std::vector<std::string> AnnIndex::search(std::span<const float> query, std::size_t k,
                                          const AnnSearchKnobs& knobs) const {
  // One query is one thread's work: FAISS would start a team of threads for
  // it, which only contend with the other sessions' queries. (The setting
  // is this thread's own; builds ask for every core again.)
  omp_set_num_threads(1);
  std::shared_lock lock(mutex_);
  std::vector<std::string> out;
  const auto total = static_cast<std::size_t>(index_->ntotal);
  k = std::min(k, total);
  if (k == 0 || !index_->is_trained) return out;
  const std::vector<float> q = prepared(query);
  std::vector<float> distances;
  std::vector<faiss::Index::idx_t> labels;
  // Entries superseded by their row's newer vector are passed over, so a
  // search asks for more until k current ones are found or none are left.
  for (std::size_t ask = k;; ask = std::min(total, ask * 2)) {
    search_labels(q, ask, knobs, distances, labels);
    out.clear();
    std::unordered_set<std::string_view> seen;
    for (faiss::Index::idx_t label : labels) {
      if (label < 0) break;
      const std::string& key = keys_[static_cast<std::size_t>(label)];
      if (current_.at(key) != hashes_[static_cast<std::size_t>(label)]) continue;
      if (seen.insert(key).second) out.push_back(key);
    }
    if (out.size() >= k || ask >= total || labels.back() < 0) break;
  }
  if (out.size() > k) out.resize(k);
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
