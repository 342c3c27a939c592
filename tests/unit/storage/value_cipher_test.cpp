#include "storage/value_cipher.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace heliosdb::storage;

TEST_CASE("a sealed value opens only with its key and associated data, untouched", "[encryption]") {
  const KeyBytes key = generate_key();
  const ValueCipher cipher(key);
  const std::string plain = "row: Alice, 42, alice@example.com";
  std::string sealed;
  cipher.seal(sealed, plain, "key-1");
  CHECK(sealed.size() == plain.size() + ValueCipher::kOverhead);
  CHECK(sealed.find("Alice") == std::string::npos);

  std::string opened;
  REQUIRE(ValueCipher(key).open(opened, sealed, "key-1"));  // another instance, the same key
  CHECK(opened == plain);
  CHECK_FALSE(cipher.open(opened, sealed, "key-2"));  // moved under another key
  CHECK_FALSE(ValueCipher(generate_key()).open(opened, sealed, "key-1"));
  std::string tampered = sealed;
  tampered[ValueCipher::kNonceBytes + 3] ^= 1;
  CHECK_FALSE(cipher.open(opened, tampered, "key-1"));
  CHECK_FALSE(cipher.open(opened, sealed.substr(0, ValueCipher::kOverhead - 1), "key-1"));

  // A fresh nonce each time: equal values do not look equal.
  std::string again;
  cipher.seal(again, plain, "key-1");
  CHECK(again != sealed);
  std::string empty;
  cipher.seal(empty, "", "");
  REQUIRE(cipher.open(opened, empty, ""));
  CHECK(opened.empty());
}

TEST_CASE("the CPU-instruction AES-256-GCM and OpenSSL's seal and open each other's values", "[encryption]") {
  if (!AesGcm::available()) {
    WARN("no AES-NI/PCLMULQDQ here: OpenSSL alone is used");
    return;
  }
  std::mt19937 rng(5);
  for (int round = 0; round < 40; ++round) {
    const KeyBytes key = generate_key();
    const ValueCipher fast(key);
    const ValueCipher openssl(key, false);
    for (std::size_t n : {0, 1, 15, 16, 17, 31, 32, 33, 47, 64, 100, 255, 1000}) {
      std::string plain(n, '\0');
      for (char& c : plain) c = static_cast<char>(rng());
      std::string associated(rng() % 40, '\0');
      for (char& c : associated) c = static_cast<char>(rng());
      std::string by_fast;
      std::string by_openssl;
      fast.seal(by_fast, plain, associated);
      openssl.seal(by_openssl, plain, associated);
      std::string opened;
      INFO("length " << n << ", associated " << associated.size());
      REQUIRE(openssl.open(opened, by_fast, associated));
      CHECK(opened == plain);
      REQUIRE(fast.open(opened, by_openssl, associated));
      CHECK(opened == plain);
      by_fast[by_fast.size() - 1] ^= 0x40;
      CHECK_FALSE(fast.open(opened, by_fast, associated));
    }
  }
}
