#pragma once

#include <cstddef>
#include <memory_resource>

namespace heliosdb::storage {

/// Where a transaction's write set gets its memory. A bulk load writes to a
/// fresh page every few rows, and each 4 KiB page fault (costly under a
/// hypervisor) took longer than buffering the row: blocks of 2 MiB and more
/// are aligned and advised to the kernel as huge pages (one fault each where
/// transparent huge pages are on, as Debian's "madvise" default has them);
/// smaller ones come from the heap, so a small transaction stays small.
class LargeBlocks final : public std::pmr::memory_resource {
 public:
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;
  /// The process's one instance: it holds no state.
  static LargeBlocks& instance();

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override;
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

}  // namespace heliosdb::storage
