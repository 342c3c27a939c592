#include "storage/large_blocks.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <map>
#include <memory_resource>
#include <string>

namespace heliosdb::storage {
namespace {

TEST_CASE("large blocks are huge-page aligned, small ones come from the heap, all usable", "[large_blocks]") {
  LargeBlocks& blocks = LargeBlocks::instance();
  for (std::size_t size : {std::size_t{64}, std::size_t{4096}, LargeBlocks::kHugePage - 1, LargeBlocks::kHugePage,
                           LargeBlocks::kHugePage * 3 + 17}) {
    void* p = blocks.allocate(size, alignof(std::max_align_t));
    REQUIRE(p != nullptr);
    CHECK(reinterpret_cast<std::uintptr_t>(p) % alignof(std::max_align_t) == 0);
    if (size >= LargeBlocks::kHugePage) CHECK(reinterpret_cast<std::uintptr_t>(p) % LargeBlocks::kHugePage == 0);
    std::memset(p, 0x5a, size);
    CHECK(static_cast<unsigned char*>(p)[size - 1] == 0x5a);
    blocks.deallocate(p, size, alignof(std::max_align_t));
  }
}

TEST_CASE("a write set's map grows into large blocks and keeps its entries", "[large_blocks]") {
  std::pmr::monotonic_buffer_resource nodes(&LargeBlocks::instance());
  std::pmr::map<int, std::pmr::string> map(&nodes);
  for (int i = 0; i < 100000; ++i) map.emplace(i, std::pmr::string("value-" + std::to_string(i), &nodes));
  CHECK(map.size() == 100000);
  CHECK(map.at(99999) == "value-99999");
  map.clear();
  nodes.release();
}

}  // namespace
}  // namespace heliosdb::storage
