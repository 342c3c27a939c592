#pragma once

#include <utility>
#include <vector>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// Row batches a session keeps between statements, rows and all: the next
/// query's scan fills rows whose storage an earlier one allocated, instead
/// of allocating and freeing a row per row per query.
class BatchPool {
 public:
  using Batch = std::vector<std::vector<Value>>;
  Batch take() {
    if (spare_.empty()) return {};
    Batch out = std::move(spare_.back());
    spare_.pop_back();
    return out;
  }
  void give(Batch batch) {
    if (spare_.size() < kMaxSpare) spare_.push_back(std::move(batch));
  }

 private:
  static constexpr std::size_t kMaxSpare = 4;  // a scan and a join's two sides, with room to spare
  std::vector<Batch> spare_;
};

}  // namespace heliosdb::engine
