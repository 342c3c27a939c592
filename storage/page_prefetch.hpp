#pragma once

// Warms the cache with the LMDB leaf page an entry lies in, once per page.
//
// A scan over history runs (hundreds of bytes each) meets a cache miss at
// nearly every entry, and the hardware prefetcher cannot guess where in the
// page the next node lies. LMDB's pages sit page-aligned in its memory map and
// a key never leaves its leaf page, so rounding a key's address down gives its
// page; fetching the whole page when a walk enters it lets those misses
// overlap. A prefetch never faults: a wrong guess costs only bandwidth
// (measured with bench/history_bench: the AS OF scan takes half the time).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace heliosdb::storage {

class PagePrefetcher {
 public:
  explicit PagePrefetcher(std::size_t page_size) : page_size_(page_size), mask_(~(std::uintptr_t{page_size} - 1)) {}

  /// Called with each key the walk visits (a view into the map).
  void visit(std::string_view key) {
    const std::uintptr_t page = reinterpret_cast<std::uintptr_t>(key.data()) & mask_;
    if (page == last_) return;
    // The next page too: pages written in key order often follow each other
    // in the map, and the walk then finds the page it enters already fetched.
    const bool fetched = page == last_ + page_size_;
    last_ = page;
    const char* base = reinterpret_cast<const char*>(page);
    for (std::size_t offset = fetched ? page_size_ : 0; offset < 2 * page_size_; offset += kStride) {
      __builtin_prefetch(base + offset);
    }
  }

 private:
  static constexpr std::size_t kStride = 64;
  std::size_t page_size_;
  std::uintptr_t mask_;
  std::uintptr_t last_ = 0;
};

}  // namespace heliosdb::storage
