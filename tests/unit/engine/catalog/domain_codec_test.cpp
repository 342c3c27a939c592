// A domain's stored definition: its base type, NOT NULL, DEFAULT and CHECKs.
#include <catch2/catch.hpp>

#include "engine/catalog/domain_def.hpp"
#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

TEST_CASE("a domain's definition survives its encoding", "[catalog][domain]") {
  DomainDef def;
  def.oid = 16500;
  def.schema = "app";
  def.name = "percent";
  def.owner = 10;
  def.base = SqlType{TypeId::kNumeric, (5 << 16 | 2) + 4, 0, 16490};
  def.not_null = true;
  def.default_expr = "0";
  def.comment = "a share";
  def.checks = {{16502, "percent_check", "value >= 0", true}, {16503, "small", "value < 100", false}};
  const DomainDef back = decode_domain_def(encode_domain_def(def));
  CHECK(back.oid == 16500);
  CHECK(back.array_oid() == 16501);
  CHECK(back.schema == "app");
  CHECK(back.name == "percent");
  CHECK(back.owner == 10);
  CHECK(back.base == def.base);
  CHECK(back.not_null);
  CHECK(back.default_expr == "0");
  CHECK(back.comment == "a share");
  REQUIRE(back.checks.size() == 2);
  CHECK(back.checks[0].oid == 16502);
  CHECK(back.checks[0].name == "percent_check");
  CHECK(back.checks[0].expr == "value >= 0");
  CHECK(back.checks[0].validated);
  CHECK_FALSE(back.checks[1].validated);
}

TEST_CASE("bytes that are no domain definition are refused", "[catalog][domain]") {
  CHECK_THROWS_AS(decode_domain_def(""), DbError);
  std::string raw = encode_domain_def(DomainDef{});
  raw[0] = '\x7F';
  CHECK_THROWS_AS(decode_domain_def(raw), DbError);
  DomainDef def;
  def.checks = {{1, "c", "value > 0", true}};
  std::string truncated = encode_domain_def(def);
  truncated.resize(truncated.size() - 3);
  CHECK_THROWS_AS(decode_domain_def(truncated), DbError);
}

TEST_CASE("a domain's access list survives its encoding", "[catalog][domain][acl]") {
  DomainDef def;
  def.oid = 16500;
  def.name = "posint";
  def.base = {TypeId::kInt4, -1};
  def.acl = std::vector<AclItem>{{10, 10, privilege::kUsage, 0}};
  CHECK(decode_domain_def(encode_domain_def(def)).acl == def.acl);
}
