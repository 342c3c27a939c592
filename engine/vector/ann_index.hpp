#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/catalog/table_def.hpp"

namespace faiss {
struct Index;
struct IDSelector;
}  // namespace faiss

namespace heliosdb::storage {
class StoreCipher;
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

/// One entry a search found: the row it came from and the fingerprint of
/// the vector it holds. The row as a snapshot sees it may have another
/// vector by now (or not yet): then the entry is not that row's.
struct AnnCandidate {
  std::string key;
  std::uint64_t fingerprint = 0;
};

/// Decides during a search whether an entry may be returned: whether the
/// row behind it, as the searcher sees it, passes the query's filters.
/// Setting `stop` ends the search with what it has found (a filter that
/// finds the rows it passes too rare for the index to be worth it).
class AnnEntryFilter {
 public:
  virtual ~AnnEntryFilter() = default;
  virtual bool keep(const std::string& key, std::uint64_t fingerprint) = 0;
  bool stop = false;
};

/// One vector index's FAISS structure, with the storage key of the row
/// behind each FAISS id (ids are positions: FAISS numbers vectors as they
/// are added). Entries are only ever added, for every vector any
/// transaction writes, so every row version some snapshot sees has its
/// entry, committed or not, rolled back or not. Searches give candidates
/// only: the caller reads each row in its own snapshot, keeps it only if
/// the row's vector is the entry's (AnnCandidate::fingerprint), and ranks by
/// the exact distance. Thread-safe: searches share, additions exclude.
///
/// Quantized and IVF indexes need training: until `training_threshold`
/// vectors exist they keep them aside and do not serve (the caller searches
/// exactly), then train on what they have. An index made `holding` keeps
/// what it is given aside the same way while a saved copy is read, and
/// hands it on to that copy (adopt) or to its own structure (release).
class AnnIndex {
 public:
  AnnIndex(const VectorIndexDef& def, int dimensions, bool holding = false);
  ~AnnIndex();
  /// What identifies a vector's entries: a hash of its float32 bytes, the
  /// same in every process (saved indexes keep them).
  static std::uint64_t fingerprint(std::span<const float> vector);
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
  /// The `k` entries nearest to `query`, nearest first; fewer when the index
  /// has fewer. A row may come more than once (its vectors over time).
  /// With a filter, only entries it keeps (FAISS's IDSelector for IVF, the
  /// graph walk's own for HNSW); its exceptions come out of search().
  std::vector<AnnCandidate> search(std::span<const float> query, std::size_t k, const AnnSearchKnobs& knobs,
                                   AnnEntryFilter* filter = nullptr) const;
  std::size_t size() const;
  AnnIndexStats stats() const;
  /// Counts every change to the entries: whether a saved copy is behind.
  std::uint64_t version() const;

  /// Writes the index to `base`.faiss and `base`.keys (each through a
  /// temporary file and a rename), with `covered`: the SCN every committed
  /// change up to which it holds. Throws std::runtime_error on I/O failure.
  /// With `cipher` (an encrypted store's) both files are sealed.
  void save(const std::filesystem::path& base, std::uint64_t covered, const storage::StoreCipher* cipher) const;
  /// An index saved by save() for the same definition, dimensions and row
  /// key columns (`key_columns`), with the SCN it covers; nullptr if there
  /// is none or it does not match (then it is built again).
  static std::unique_ptr<AnnIndex> load(const std::filesystem::path& base, const VectorIndexDef& def, int dimensions,
                                        const std::vector<int>& key_columns, std::uint64_t* covered,
                                        const storage::StoreCipher* cipher);
  /// The row key columns the index was built with (see load).
  void set_key_columns(std::vector<int> columns) { key_columns_ = std::move(columns); }
  /// A copy of a trained index with all it holds (a branch's index starts
  /// as its parent's); null if it is not trained or is holding.
  std::unique_ptr<AnnIndex> copy() const;
  /// A holding index takes `saved`'s entries and structure, then adds what
  /// it was given meanwhile.
  void adopt(AnnIndex&& saved);
  /// A holding index adds what it was given to its own structure.
  void release();
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
                     const faiss::IDSelector* selector, const bool* stop, std::vector<float>& distances,
                     std::vector<std::int64_t>& labels) const;
  /// Adds vectors already fingerprinted and prepared, but for the ones that
  /// are their rows' newest here already (under mutex_, exclusive).
  void add_fresh(const std::vector<std::string>& keys, const std::vector<std::uint64_t>& hashes,
                 const std::vector<float>& prepared_vectors);
  void add_prepared(const std::vector<std::string>& keys, const std::vector<std::uint64_t>& hashes,
                    const std::vector<float>& vectors);
  void train_and_flush();
  std::size_t training_threshold() const;
  void after_training();

  VectorIndexDef def_;
  std::chrono::system_clock::time_point built_at_ = std::chrono::system_clock::now();
  int dimensions_;
  bool quantized_ = false;
  bool ivf_ = false;
  bool holding_ = false;
  std::unique_ptr<faiss::Index> index_;
  mutable std::shared_mutex mutex_;
  std::vector<std::string> keys_;                           ///< FAISS id -> row key
  std::vector<std::uint64_t> hashes_;                       ///< FAISS id -> hash of the vector it holds
  std::unordered_map<std::string, std::uint64_t> current_;  ///< row key -> hash of its newest vector here
  std::int64_t superseded_ = 0;
  std::uint64_t version_ = 0;
  std::vector<int> key_columns_;
  // Before training: what will be added once there is enough to train on.
  std::vector<std::string> pending_keys_;
  std::vector<std::uint64_t> pending_hashes_;
  std::vector<float> pending_vectors_;
};

}  // namespace heliosdb::engine
