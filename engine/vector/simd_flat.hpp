#pragma once

#include <faiss/IndexFlat.h>

namespace faiss {
struct IndexHNSW;
}  // namespace faiss

namespace heliosdb::engine {

/// FAISS's flat vector storage, measured with engine/vector/distance_kernels
/// rather than the scalar kernels Debian's FAISS was built with: what HNSW
/// graphs are linked (CREATE INDEX) and walked (search) over. It is still an
/// IndexFlat to FAISS, so write_index saves it as one; read_index gives back
/// a plain IndexFlat, which use_simd_storage swaps again.
struct SimdFlat : faiss::IndexFlat {
  SimdFlat(idx_t dimensions, faiss::MetricType metric);
  faiss::FlatCodesDistanceComputer* get_FlatCodesDistanceComputer() const override;
};

/// Gives an HNSW index over plain FAISS flat storage SimdFlat storage with
/// the same vectors; any other index is left as it is.
void use_simd_storage(faiss::Index& index);

}  // namespace heliosdb::engine
