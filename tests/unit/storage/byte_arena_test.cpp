#include "storage/byte_arena.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace heliosdb::storage {
namespace {

TEST_CASE("arena copies stay put while more are made, small and large", "[arena]") {
  ByteArena arena;
  std::vector<std::pair<std::string, std::string_view>> copies;
  for (int i = 0; i < 20000; ++i) {
    // Mostly small strings, now and then one larger than a chunk.
    std::string s = i % 997 == 0 ? std::string(3u << 20, static_cast<char>('a' + i % 26)) : "key-" + std::to_string(i);
    copies.emplace_back(s, arena.copy(s));
  }
  for (const auto& [original, copy] : copies) {
    REQUIRE(copy == original);
    CHECK(copy.data() != original.data());
  }
}

TEST_CASE("an empty copy is empty but not a null pointer", "[arena]") {
  ByteArena arena;
  std::string_view empty = arena.copy("");
  CHECK(empty.empty());
  CHECK(empty.data() != nullptr);
}

TEST_CASE("clear lets the arena start again", "[arena]") {
  ByteArena arena;
  arena.copy(std::string(10000, 'x'));
  arena.clear();
  std::string_view again = arena.copy("after");
  CHECK(again == "after");
}

}  // namespace
}  // namespace heliosdb::storage
