// Password verifiers as PostgreSQL 15 stores them in pg_authid.rolpassword,
// and the checks of the password and md5 authentication methods. The
// expected verifiers were produced by a real PostgreSQL 15.
#include "engine/auth/password_verifier.hpp"

#include <catch2/catch.hpp>

#include "engine/auth/crypto.hpp"

using namespace heliosdb::engine::auth;

namespace {

// SET password_encryption = 'md5'; CREATE ROLE x PASSWORD 'y';
constexpr std::string_view kPostgresMd5OfYForX = "md50b82a7c1ad82c6280c00e30b81be916d";
// SET password_encryption = 'md5'; CREATE ROLE helios_md5_probe PASSWORD 'y';
constexpr std::string_view kPostgresMd5OfYForProbe = "md538cbdefd462949749ac833023eaeb0e0";
// SET password_encryption = 'scram-sha-256'; CREATE ROLE ... PASSWORD 'correct horse';
constexpr std::string_view kPostgresScram =
    "SCRAM-SHA-256$4096:FyYFG+3HJb/iqJK24dehFg==$HLM4k9pghrI98nZboVNVdH/3a8mdVwT2l8V3K0/1f+g=:"
    "7yZm4h8oLuFSr75cv7NWtk51xnbl3bFECeEIMeqM2gk=";

}  // namespace

TEST_CASE("md5 verifiers are md5 of password then role name, as PostgreSQL stores them", "[auth]") {
  CHECK(make_verifier("y", "x", PasswordEncryption::kMd5) == kPostgresMd5OfYForX);
  CHECK(make_verifier("y", "helios_md5_probe", PasswordEncryption::kMd5) == kPostgresMd5OfYForProbe);
  CHECK(is_md5_verifier(kPostgresMd5OfYForX));
  CHECK(check_cleartext(kPostgresMd5OfYForX, "x", "y"));
  CHECK_FALSE(check_cleartext(kPostgresMd5OfYForX, "x", "z"));
  CHECK_FALSE(check_cleartext(kPostgresMd5OfYForX, "other_role", "y"));  // the role name is salt
}

TEST_CASE("md5 verifiers need exactly 32 lowercase hex digits", "[auth]") {
  CHECK_FALSE(is_md5_verifier("md5"));
  CHECK_FALSE(is_md5_verifier("md50b82a7c1ad82c6280c00e30b81be916"));    // 31 digits
  CHECK_FALSE(is_md5_verifier("md50b82a7c1ad82c6280c00e30b81be916d0"));  // 33 digits
  CHECK_FALSE(is_md5_verifier("md50B82A7C1AD82C6280C00E30B81BE916D"));   // upper case
  CHECK_FALSE(is_md5_verifier("md50b82a7c1ad82c6280c00e30b81be916g"));   // not hex
  CHECK_FALSE(is_md5_verifier("MD50b82a7c1ad82c6280c00e30b81be916d"));
}

TEST_CASE("a SCRAM secret made by PostgreSQL parses and checks its password", "[auth]") {
  const auto secret = parse_scram_secret(kPostgresScram);
  REQUIRE(secret);
  CHECK(secret->iterations == 4096);
  CHECK(secret->salt.size() == 16);
  CHECK(secret->stored_key.size() == 32);
  CHECK(secret->server_key.size() == 32);
  CHECK(format_scram_secret(*secret) == kPostgresScram);
  CHECK(check_cleartext(kPostgresScram, "any_role", "correct horse"));  // SCRAM does not salt with the role
  CHECK_FALSE(check_cleartext(kPostgresScram, "any_role", "correct horse "));
  CHECK_FALSE(check_cleartext(kPostgresScram, "any_role", ""));
  CHECK_FALSE(is_md5_verifier(kPostgresScram));
  // A secret whose ServerKey does not come from the password checks nothing.
  ScramSecret mismatched = *secret;
  mismatched.server_key[0] ^= 1;
  CHECK_FALSE(check_cleartext(format_scram_secret(mismatched), "any_role", "correct horse"));
}

TEST_CASE("a password that already is a verifier is stored as given", "[auth]") {
  CHECK(make_verifier(kPostgresScram, "r", PasswordEncryption::kScramSha256) == kPostgresScram);
  CHECK(make_verifier(kPostgresScram, "r", PasswordEncryption::kMd5) == kPostgresScram);
  CHECK(make_verifier(kPostgresMd5OfYForX, "r", PasswordEncryption::kScramSha256) == kPostgresMd5OfYForX);
  CHECK(make_verifier(kPostgresMd5OfYForX, "r", PasswordEncryption::kMd5) == kPostgresMd5OfYForX);
  // Almost a verifier is just a password.
  CHECK(make_verifier("md5abc", "r", PasswordEncryption::kMd5) != "md5abc");
}

TEST_CASE("new SCRAM secrets have PostgreSQL's shape and check their password", "[auth]") {
  const std::string verifier = make_verifier("s3cret!", "r", PasswordEncryption::kScramSha256);
  CHECK(verifier.rfind("SCRAM-SHA-256$4096:", 0) == 0);
  const auto secret = parse_scram_secret(verifier);
  REQUIRE(secret);
  CHECK(secret->iterations == kScramIterations);
  CHECK(secret->salt.size() == kScramSaltLength);
  CHECK(format_scram_secret(*secret) == verifier);
  CHECK(check_cleartext(verifier, "r", "s3cret!"));
  CHECK_FALSE(check_cleartext(verifier, "r", "s3cret"));
  // A fresh salt each time, so equal passwords do not give equal secrets.
  CHECK(make_verifier("s3cret!", "r", PasswordEncryption::kScramSha256) != verifier);
  // Deriving again with the same salt gives the same keys.
  const ScramSecret again = derive_scram_secret("s3cret!", secret->salt, secret->iterations);
  CHECK(again.stored_key == secret->stored_key);
  CHECK(again.server_key == secret->server_key);
}

TEST_CASE("malformed SCRAM secrets are rejected", "[auth]") {
  const std::string salt = "FyYFG+3HJb/iqJK24dehFg==";
  const std::string key = "HLM4k9pghrI98nZboVNVdH/3a8mdVwT2l8V3K0/1f+g=";
  const std::string short_key = "HLM4k9pghrI98nZboVNVdH/3a8mdVwT2l8V3K0/1";  // 30 bytes
  auto secret = [&](std::string_view iterations, std::string_view s, std::string_view stored, std::string_view server) {
    return "SCRAM-SHA-256$" + std::string(iterations) + ":" + std::string(s) + "$" + std::string(stored) + ":" +
           std::string(server);
  };
  REQUIRE(parse_scram_secret(secret("4096", salt, key, key)));
  CHECK_FALSE(parse_scram_secret(""));
  CHECK_FALSE(parse_scram_secret("SCRAM-SHA-256$"));
  CHECK_FALSE(parse_scram_secret("SCRAM-SHA-1$4096:" + salt + "$" + key + ":" + key));
  CHECK_FALSE(parse_scram_secret("scram-sha-256$4096:" + salt + "$" + key + ":" + key));
  CHECK_FALSE(parse_scram_secret(secret("", salt, key, key)));
  CHECK_FALSE(parse_scram_secret(secret("0", salt, key, key)));
  CHECK_FALSE(parse_scram_secret(secret("-1", salt, key, key)));
  CHECK_FALSE(parse_scram_secret(secret("+4096", salt, key, key)));
  CHECK_FALSE(parse_scram_secret(secret("4096x", salt, key, key)));
  CHECK_FALSE(parse_scram_secret(secret("99999999999", salt, key, key)));
  CHECK_FALSE(parse_scram_secret(secret("4096", "", key, key)));
  CHECK_FALSE(parse_scram_secret(secret("4096", "not base64!", key, key)));
  CHECK_FALSE(parse_scram_secret(secret("4096", salt, short_key, key)));
  CHECK_FALSE(parse_scram_secret(secret("4096", salt, key, short_key)));
  CHECK_FALSE(parse_scram_secret(secret("4096", salt, key, key + "AAAA")));
  CHECK_FALSE(parse_scram_secret(secret("4096", salt, key, key) + ":" + key));
  CHECK_FALSE(parse_scram_secret("SCRAM-SHA-256$4096:" + salt + "$" + key));  // no ServerKey
  // A malformed secret is just a password to make_verifier, and checks nothing.
  const std::string bad = secret("4096", salt, short_key, key);
  CHECK(make_verifier(bad, "r", PasswordEncryption::kMd5) == "md5" + md5_hex(bad + "r"));
  CHECK_FALSE(check_cleartext(bad, "r", "anything"));
  CHECK_FALSE(check_cleartext("plain text password", "r", "plain text password"));
}

TEST_CASE("md5 challenge responses hash the verifier with the salt", "[auth]") {
  const std::string salt4("\x01\x02\xff\x00", 4);
  // What libpq sends: "md5" + md5(md5(password + user) + salt), in hex.
  const std::string response = "md5" + md5_hex(md5_hex("y" + std::string("x")) + salt4);
  CHECK(check_md5_response(kPostgresMd5OfYForX, salt4, response));
  CHECK_FALSE(check_md5_response(kPostgresMd5OfYForX, std::string("\x01\x02\xff\x01", 4), response));
  CHECK_FALSE(check_md5_response(kPostgresMd5OfYForX, salt4, "md5" + md5_hex(md5_hex("z" + std::string("x")) + salt4)));
  CHECK_FALSE(check_md5_response(kPostgresMd5OfYForX, salt4, response.substr(3)));
  CHECK_FALSE(check_md5_response(kPostgresMd5OfYForX, salt4, ""));
  // A SCRAM secret cannot answer an md5 challenge.
  CHECK_FALSE(check_md5_response(kPostgresScram, salt4, response));
}

TEST_CASE("digests and HMAC match their published test vectors", "[auth]") {
  CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(base64_encode(sha256("abc")) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  // RFC 4231 test case 2.
  CHECK(base64_encode(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "ab"));
  CHECK(constant_time_equal("", ""));
}

TEST_CASE("base64 round-trips every length and byte", "[auth]") {
  // RFC 4648 section 10.
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (std::size_t n = 0; n <= all.size(); n += 1 + n / 8) {
    const std::string bytes = all.substr(all.size() - n);
    CHECK(base64_decode(base64_encode(bytes)) == bytes);
  }
  CHECK(base64_decode("Zm9vYmE=") == "fooba");
  CHECK(base64_decode("") == "");
}

TEST_CASE("base64 decoding is strict", "[auth]") {
  CHECK_FALSE(base64_decode("Zg"));     // no padding
  CHECK_FALSE(base64_decode("Zg="));    // short padding
  CHECK_FALSE(base64_decode("Zg==="));  // too much padding
  CHECK_FALSE(base64_decode("Z==="));   // three '='
  CHECK_FALSE(base64_decode("===="));
  CHECK_FALSE(base64_decode("Zg==Zg=="));  // padding in the middle
  CHECK_FALSE(base64_decode("Zm=v"));
  CHECK_FALSE(base64_decode("Zm9v\n"));
  CHECK_FALSE(base64_decode("Zm 9v"));
  CHECK_FALSE(base64_decode("Zm9-"));  // base64url is not base64
  CHECK_FALSE(base64_decode("Zm9_"));
  CHECK_FALSE(base64_decode(std::string("Zm9\0", 4)));
  CHECK_FALSE(base64_decode("Zh=="));  // non-zero bits under the padding
  CHECK_FALSE(base64_decode("Zm9="));
}
