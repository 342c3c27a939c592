// The history key's escaping: every user key comes back unchanged, and keys
// keep their order once escaped (all versions of one key stay adjacent).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "storage/version_format.hpp"

using namespace heliosdb::storage;

namespace {

std::string escaped(std::string_view key) {
  std::string out;
  format::append_escaped(out, key);
  return out;
}

}  // namespace

TEST_CASE("escaped user keys come back unchanged", "[storage][format]") {
  const std::vector<std::string> keys = {"",
                                         std::string("\0", 1),
                                         std::string("\0\0\0", 3),
                                         std::string("a\0b", 3),
                                         std::string("\xff\0\xff", 3),
                                         std::string("\0\0\0\0\0\0\0\x2a", 8),
                                         "plain"};
  std::string reused = "left over from an earlier key";
  for (const std::string& key : keys) {
    CHECK(format::unescape(escaped(key)) == key);
    format::unescape_into(reused, escaped(key));
    CHECK(reused == key);
    // As history keys carry it: escaped key, then the start SCN.
    const std::string raw = format::history_key(7, key, 0x0000000000000100);
    CHECK(format::history_user_key(raw) == key);
    CHECK(format::history_key_start(raw) == 0x100);
  }
}

TEST_CASE("escaping keeps the order of random binary keys", "[storage][format]") {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> length(0, 6), byte(0, 3);
  std::vector<std::string> keys;
  for (int i = 0; i < 500; ++i) {
    std::string key;
    const int n = length(rng);
    for (int j = 0; j < n; ++j) key.push_back("\0\x01\xfe\xff"[byte(rng)]);
    keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
    INFO(i);
    CHECK((keys[i] < keys[i + 1]) == (escaped(keys[i]) < escaped(keys[i + 1])));
    CHECK(format::unescape(escaped(keys[i])) == keys[i]);
  }
}

TEST_CASE("an escaped key compares with a plain one as the plain keys compare", "[storage][format]") {
  std::mt19937 rng(43);
  std::uniform_int_distribution<int> length(0, 5), byte(0, 3);
  auto random_key = [&] {
    std::string key;
    const int n = length(rng);
    for (int j = 0; j < n; ++j) key.push_back("\0\x01\xfe\xff"[byte(rng)]);
    return key;
  };
  auto sign = [](int v) { return (v > 0) - (v < 0); };
  for (int i = 0; i < 3000; ++i) {
    const std::string a = random_key();
    const std::string b = i % 5 == 0 ? a : random_key();
    INFO(i);
    CHECK(sign(format::compare_escaped(escaped(a), b)) == sign(a.compare(b)));
    // Inside a history key, as a scan meets it.
    const std::string raw = format::history_key(3, a, 99);
    CHECK(format::history_escaped_key(raw) == escaped(a));
  }
}
