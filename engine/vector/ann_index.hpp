#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/catalog/table_def.hpp"

namespace faiss {
struct Index;
}

namespace heliosdb::engine {

/// How one search may spend its effort (hnsw.ef_search, ivf.probes).
struct AnnSearchKnobs {
  int ef_search = 40;
  int probes = 1;
};

/// What pg_vector_index_stats() reports of an index.
struct AnnIndexStats {
  std::int64_t num_vectors = 0;      ///< entries, superseded ones included
  std::int64_t deleted_vectors = 0;  ///< entries whose row has since changed or gone
  std::int64_t memory_bytes = 0;
  double compression_ratio = 1.0;  ///< flat float32 bytes per vector / bytes the index keeps per vector
  bool trained = true;
};

/// One vector index's FAISS structure, with the storage key of the row
/// behind each FAISS id (ids are positions: FAISS numbers vectors as they
/// are added). Entries are only ever added: a changed row adds its new
/// vector and leaves the old one to be skipped when the row is read back, so
/// a rolled-back change never loses a row. Searches give candidates only;
/// the caller reads each row in its own snapshot and ranks by the exact
/// distance. Thread-safe: searches share, additions exclude.
///
/// Quantized and IVF indexes need training: until `training_threshold`
/// vectors exist they keep them aside and do not serve (the caller searches
/// exactly), then train on what they have.
class AnnIndex {
 public:
  AnnIndex(const VectorIndexDef& def, int dimensions);
  ~AnnIndex();
  AnnIndex(const AnnIndex&) = delete;
  AnnIndex& operator=(const AnnIndex&) = delete;

  /// Adds row `key`'s vector unless it is the one the row already has here.
  void add(const std::string& key, std::span<const float> vector);
  /// Adds many at once (a build: FAISS spreads it over the cores).
  void add_batch(const std::vector<std::string>& keys, const std::vector<float>& vectors);
  /// Notes that row `key` was deleted (for the statistics only: a rollback
  /// may bring it back, so its entry stays current).
  void note_removed(const std::string& key);

  /// Whether searches can be answered from the index (trained).
  bool serving() const;
  /// Storage keys of up to `k` rows nearest to `query`, nearest first,
  /// without repeats; fewer when the index has fewer. An entry superseded by
  /// its row's newer vector is passed over: its position is not the row's.
  std::vector<std::string> search(std::span<const float> query, std::size_t k, const AnnSearchKnobs& knobs) const;
  std::size_t size() const;
  AnnIndexStats stats() const;
  /// When the index was made from its table's rows (pg_vector_index_stats' last_rebuild).
  std::chrono::system_clock::time_point built_at() const { return built_at_; }
  int dimensions() const { return dimensions_; }
  /// Candidates to ask for per row wanted: quantized distances are coarse,
  /// so a PQ index offers more rows for the exact re-ranking.
  std::size_t oversampling() const { return quantized_ ? 10 : 1; }

 private:
  std::vector<float> prepared(std::span<const float> vector) const;
  /// One FAISS search for the k nearest entries (under mutex_, shared).
  void search_labels(const std::vector<float>& q, std::size_t k, const AnnSearchKnobs& knobs,
                     std::vector<float>& distances, std::vector<std::int64_t>& labels) const;
  void add_prepared(const std::vector<std::string>& keys, const std::vector<std::uint64_t>& hashes,
                    const std::vector<float>& vectors);
  void train_and_flush();
  std::size_t training_threshold() const;

  VectorIndexDef def_;
  std::chrono::system_clock::time_point built_at_ = std::chrono::system_clock::now();
  int dimensions_;
  bool quantized_ = false;
  bool ivf_ = false;
  std::unique_ptr<faiss::Index> index_;
  mutable std::shared_mutex mutex_;
  /// FAISS 1.7.3's HNSW search reads efSearch from the index, not from its
  /// search parameters: searches at the ef it holds share this lock, and one
  /// that needs another ef takes it alone to set it.
  mutable std::shared_mutex ef_mutex_;
  std::vector<std::string> keys_;                           ///< FAISS id -> row key
  std::vector<std::uint64_t> hashes_;                       ///< FAISS id -> hash of the vector it holds
  std::unordered_map<std::string, std::uint64_t> current_;  ///< row key -> hash of its newest vector here
  std::int64_t superseded_ = 0;
  // Before training: what will be added once there is enough to train on.
  std::vector<std::string> pending_keys_;
  std::vector<std::uint64_t> pending_hashes_;
  std::vector<float> pending_vectors_;
};

}  // namespace heliosdb::engine
