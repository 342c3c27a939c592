#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "storage/large_blocks.hpp"

namespace heliosdb::storage {

/// Bytes copied into chunks that stay where they are until clear(): a
/// transaction's buffered keys and values, one allocation per chunk rather
/// than one per string. Space given out is never reused before clear().
class ByteArena {
 public:
  ByteArena() = default;
  ByteArena(const ByteArena&) = delete;
  ByteArena& operator=(const ByteArena&) = delete;
  ~ByteArena() { clear(); }

  /// A copy of `bytes` that lives until clear().
  std::string_view copy(std::string_view bytes) {
    if (bytes.empty()) return {kEmpty, 0};  // not a null pointer: LMDB gets it as a value
    if (bytes.size() > free_) make_room(bytes.size());
    char* at = next_;
    std::memcpy(at, bytes.data(), bytes.size());
    next_ += bytes.size();
    free_ -= bytes.size();
    return {at, bytes.size()};
  }

  void clear() {
    for (const Chunk& c : chunks_) LargeBlocks::instance().deallocate(c.data, c.size, kAlignment);
    chunks_.clear();
    next_ = nullptr;
    free_ = 0;
    chunk_size_ = kFirstChunk;
  }

 private:
  static constexpr char kEmpty[1] = {0};
  /// Given back with the alignment it was taken with, as operator delete wants.
  static constexpr std::size_t kAlignment = alignof(std::max_align_t);
  static constexpr std::size_t kFirstChunk = 4096;
  /// Large enough for huge pages (LargeBlocks): a bulk load's chunks fault once.
  static constexpr std::size_t kLargestChunk = LargeBlocks::kHugePage * 2;

  struct Chunk {
    char* data;
    std::size_t size;
  };

  void make_room(std::size_t n) {
    // Chunks double up to kLargestChunk, so a small transaction stays
    // small; a string larger than that gets a chunk of its own.
    const std::size_t size = std::max(n, chunk_size_);
    chunk_size_ = std::min(chunk_size_ * 2, kLargestChunk);
    chunks_.push_back({static_cast<char*>(LargeBlocks::instance().allocate(size, kAlignment)), size});
    next_ = chunks_.back().data;
    free_ = size;
  }

  std::vector<Chunk> chunks_;
  char* next_ = nullptr;
  std::size_t free_ = 0;
  std::size_t chunk_size_ = kFirstChunk;
};

}  // namespace heliosdb::storage
