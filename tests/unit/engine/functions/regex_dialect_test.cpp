#include "engine/functions/regex_dialect.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

TEST_CASE("SIMILAR TO patterns become anchored POSIX ones", "[regex]") {
  CHECK(similar_to_regex("a%_b", std::nullopt) == "^(?:a.*.b)$");
  CHECK(similar_to_regex("(a|b)*", std::nullopt) == "^(?:(?:a|b)*)$");
  CHECK(similar_to_regex("a.b^c$", std::nullopt) == "^(?:a\\.b\\^c\\$)$");
  CHECK(similar_to_regex("[%_]", std::nullopt) == "^(?:[%_])$");
  CHECK(similar_to_regex("a#%", "#") == "^(?:a\\%)$");
  CHECK(similar_to_regex("a\\%", "") == "^(?:a\\\\.*)$");
  CHECK(similar_to_regex("x#\"y#\"z", "#") == "^(?:x){1,1}?(y){1,1}(?:z)$");
  CHECK_THROWS_AS(similar_to_regex("a", "xy"), DbError);
  CHECK_THROWS_AS(similar_to_regex("#\"a#\"b#\"c", "#"), DbError);
}

TEST_CASE("advanced REs keep their meaning in ECMAScript", "[regex]") {
  CHECK(are_to_ecmascript("a.b", false) == "a[\\s\\S]b");
  CHECK(are_to_ecmascript("a.b", true) == "a.b");
  CHECK(are_to_ecmascript("[.]x", false) == "[.]x");
  CHECK(are_to_ecmascript("[]a]", false) == "[\\]a]");
  CHECK(are_to_ecmascript("[[:alpha:].]", false) == "[[:alpha:].]");
  CHECK(are_to_ecmascript("\\mword\\M", false) == "\\b(?=\\w)word\\b(?!\\w)");
  CHECK(are_to_ecmascript("\\y\\Y\\.", false) == "\\b\\B\\.");
}
