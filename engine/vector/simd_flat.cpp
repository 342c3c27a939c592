#include "engine/vector/simd_flat.hpp"

#include <faiss/IndexHNSW.h>
#include <faiss/impl/DistanceComputer.h>

#include <typeinfo>

#include "engine/vector/distance_kernels.hpp"

namespace heliosdb::engine {

namespace {

// As FAISS's own flat computers: L2 measures the squared distance, inner
// product the similarity (HNSW negates it).
class SimdFlatDistance final : public faiss::FlatCodesDistanceComputer {
 public:
  explicit SimdFlatDistance(const SimdFlat& storage)
      : faiss::FlatCodesDistanceComputer(storage.codes.data(), storage.code_size),
        base_(storage.get_xb()),
        d_(static_cast<std::size_t>(storage.d)),
        measure_(storage.metric_type == faiss::METRIC_INNER_PRODUCT ? chosen_distance_kernels().inner_product
                                                                    : chosen_distance_kernels().squared_l2) {}

  void set_query(const float* x) override { query_ = x; }

  float distance_to_code(const std::uint8_t* code) override {
    return measure_(query_, reinterpret_cast<const float*>(code), d_);
  }

  float symmetric_dis(idx_t i, idx_t j) override {
    return measure_(base_ + static_cast<std::size_t>(i) * d_, base_ + static_cast<std::size_t>(j) * d_, d_);
  }

 private:
  const float* base_;
  std::size_t d_;
  float (*measure_)(const float*, const float*, std::size_t);
  const float* query_ = nullptr;
};

}  // namespace

SimdFlat::SimdFlat(idx_t dimensions, faiss::MetricType metric) : faiss::IndexFlat(dimensions, metric) {}

faiss::FlatCodesDistanceComputer* SimdFlat::get_FlatCodesDistanceComputer() const {
  return new SimdFlatDistance(*this);
}

void use_simd_storage(faiss::Index& index) {
  auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(&index);
  if (hnsw == nullptr || hnsw->storage == nullptr || !hnsw->own_fields) return;
  // Exactly FAISS's flat classes: PQ and other coded storage measure codes.
  const std::type_info& kind = typeid(*hnsw->storage);
  if (kind != typeid(faiss::IndexFlat) && kind != typeid(faiss::IndexFlatL2) && kind != typeid(faiss::IndexFlatIP)) {
    return;
  }
  auto* plain = static_cast<faiss::IndexFlat*>(hnsw->storage);
  auto* simd = new SimdFlat(plain->d, plain->metric_type);
  simd->codes.swap(plain->codes);
  simd->ntotal = plain->ntotal;
  simd->is_trained = plain->is_trained;
  simd->metric_arg = plain->metric_arg;
  simd->verbose = plain->verbose;
  hnsw->storage = simd;
  delete plain;
}

}  // namespace heliosdb::engine
