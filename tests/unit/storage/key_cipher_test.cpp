#include "storage/key_cipher.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace heliosdb::storage;

namespace {

std::string coded(const KeyCipher& cipher, std::string_view plain, std::uint8_t space = 0) {
  std::string out;
  cipher.encode(out, space, plain);
  return out;
}

// Keys that share prefixes often, with the bytes an order-preserving key
// encoding uses most (0x00, 0xff), as real keys do.
std::vector<std::string> sample_keys(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const std::string alphabet(
      "\x00\x01\x7f\x80\xfe\xff"
      "abc",
      9);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string key = i > 0 && rng() % 2 == 0 ? out[rng() % out.size()].substr(0, rng() % 6) : std::string();
    const std::size_t extra = rng() % 12;
    for (std::size_t j = 0; j < extra; ++j) {
      key.push_back(rng() % 3 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()]);
    }
    out.push_back(key);
  }
  return out;
}

}  // namespace

TEST_CASE("coded keys sort as the plain keys do", "[encryption]") {
  const KeyCipher cipher(generate_key());
  const std::vector<std::string> keys = sample_keys(2000, 7);
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
    const std::string& a = keys[i];
    const std::string& b = keys[i + 1];
    const std::string ca = coded(cipher, a);
    const std::string cb = coded(cipher, b);
    INFO("keys " << i << " and " << i + 1);
    CHECK((a < b) == (ca < cb));
    CHECK((a == b) == (ca == cb));
    // A key sorts before the keys it prefixes, so seeking to a coded prefix
    // lands on the first of them (its padding bits are zeros).
    if (b.starts_with(a)) CHECK(ca <= cb);
    CHECK(ca.size() == KeyCipher::coded_size(a.size()));
  }
}

TEST_CASE("a coded key decodes to the plain key; other bytes do not decode", "[encryption]") {
  const KeyCipher cipher(generate_key());
  std::string plain;
  for (const std::string& key : sample_keys(500, 11)) {
    REQUIRE(cipher.decode(plain, 3, coded(cipher, key, 3)));
    CHECK(plain == key);
  }
  // Another space starts elsewhere: its codes are not this space's.
  int decoded_elsewhere = 0;
  for (const std::string& key : sample_keys(200, 13)) {
    if (key.size() < 6) continue;
    decoded_elsewhere += cipher.decode(plain, 4, coded(cipher, key, 3)) && plain == key ? 1 : 0;
  }
  CHECK(decoded_elsewhere == 0);
  // Padding bits set, or a length no key codes to.
  std::string one = coded(cipher, "x");
  REQUIRE(one.size() == 2);
  CHECK_FALSE(cipher.decode(plain, 0, one.substr(0, 1) + static_cast<char>(one[1] | 0x3f)));
  CHECK_FALSE(cipher.decode(plain, 0, coded(cipher, "abcd") + '\0'));
}

TEST_CASE("coded keys show no plain byte and differ between keys", "[encryption]") {
  const KeyCipher a(generate_key());
  const KeyCipher b(generate_key());
  const std::string secret = "customer-alice@example.com";
  const std::string ca = coded(a, secret);
  CHECK(ca.find("alice") == std::string::npos);
  CHECK(ca.find("example") == std::string::npos);
  CHECK(ca != coded(b, secret));
  // The same key codes the same way every time (a B-tree needs that).
  CHECK(ca == coded(KeyCipher(a), secret));
}

TEST_CASE("decoding from a memo of the last key gives what decoding afresh does", "[encryption]") {
  const KeyCipher cipher(generate_key());
  std::vector<std::string> keys = sample_keys(3000, 17);
  std::sort(keys.begin(), keys.end());  // as a scan meets them: long shared prefixes
  KeyCipher::Memo memo;
  std::string with_memo;
  std::string afresh;
  for (const std::string& key : keys) {
    const std::string c = coded(cipher, key, 5);
    REQUIRE(cipher.decode(with_memo, 5, c, &memo));
    REQUIRE(cipher.decode(afresh, 5, c));
    CHECK(with_memo == key);
    CHECK(afresh == key);
  }
  // A failed decode does not leave the memo misleading the next one.
  std::string bad = coded(cipher, keys.back(), 5);
  bad.back() = static_cast<char>(bad.back() ^ 0x01);
  cipher.decode(with_memo, 5, bad, &memo);
  REQUIRE(cipher.decode(with_memo, 5, coded(cipher, keys.back(), 5), &memo));
  CHECK(with_memo == keys.back());
  // Another space's key with the memo of this one.
  REQUIRE(cipher.decode(with_memo, 6, coded(cipher, keys.back(), 6), &memo));
  CHECK(with_memo == keys.back());
}
