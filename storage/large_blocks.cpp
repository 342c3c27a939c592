#include "storage/large_blocks.hpp"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace heliosdb::storage {

namespace {

std::size_t rounded(std::size_t bytes) {
  return (bytes + LargeBlocks::kHugePage - 1) / LargeBlocks::kHugePage * LargeBlocks::kHugePage;
}

}  // namespace

LargeBlocks& LargeBlocks::instance() {
  static LargeBlocks blocks;
  return blocks;
}

void* LargeBlocks::do_allocate(std::size_t bytes, std::size_t alignment) {
  if (bytes < kHugePage || alignment > kHugePage) {
    return std::pmr::new_delete_resource()->allocate(bytes, alignment);
  }
  const std::size_t size = rounded(bytes);
  void* p = std::aligned_alloc(kHugePage, size);
  if (p == nullptr) throw std::bad_alloc();
  ::madvise(p, size, MADV_HUGEPAGE);  // advice: where huge pages are off it changes nothing
  return p;
}

void LargeBlocks::do_deallocate(void* p, std::size_t bytes, std::size_t alignment) {
  if (bytes < kHugePage || alignment > kHugePage) {
    std::pmr::new_delete_resource()->deallocate(p, bytes, alignment);
    return;
  }
  std::free(p);
}

}  // namespace heliosdb::storage
