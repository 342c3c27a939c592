#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace faiss {
struct IndexHNSW;
struct IDSelector;
}  // namespace faiss

namespace heliosdb::engine {

/// What one graph search may look at and return.
struct HnswSearchLimits {
  int ef = 40;  ///< beam width (hnsw.ef_search)
  /// Only entries it accepts are returned; the others are still walked
  /// through, so a filter does not cut the graph apart. Null: every entry.
  const faiss::IDSelector* selector = nullptr;
  /// Read between expansions: once true, the search ends with what it has
  /// (a selector that has spent its budget sets it).
  const bool* stop = nullptr;
};

/// Best-first search of a FAISS HNSW graph for the k entries nearest
/// `query` that the selector accepts, nearest first, as FAISS ids with the
/// distances the index measures (smaller is nearer, inner product negated).
/// FAISS 1.7.3 reads the beam width from the index and ignores a selector
/// in HNSW search parameters; this walks the same graph with both per
/// search, so searches need not take turns to set the index's efSearch.
/// The result set holds only accepted entries and the beam keeps growing
/// until it holds ef of them (hnswlib's filtered search), so a selective
/// filter still finds its k entries, at the price of a longer walk.
/// The caller keeps the graph unchanged meanwhile.
void hnsw_search(const faiss::IndexHNSW& index, const float* query, std::size_t k, const HnswSearchLimits& limits,
                 std::vector<float>& distances, std::vector<std::int64_t>& labels);

}  // namespace heliosdb::engine
