// An enum type's stored definition: its labels, their oids and sort orders.
#include <catch2/catch.hpp>

#include "engine/catalog/enum_def.hpp"
#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

TEST_CASE("an enum type's definition survives its encoding", "[catalog][enum]") {
  EnumDef def;
  def.oid = 16390;
  def.schema = "app";
  def.name = "mood";
  def.owner = 10;
  def.comment = "how one feels";
  def.labels = {{16392, 1, "sad", false}, {16395, 1.5, "meh", true}, {16393, 2, "", false}};
  const EnumDef back = decode_enum_def(encode_enum_def(def));
  CHECK(back.oid == 16390);
  CHECK(back.array_oid() == 16391);
  CHECK(back.schema == "app");
  CHECK(back.name == "mood");
  CHECK(back.owner == 10);
  CHECK(back.comment == "how one feels");
  REQUIRE(back.labels.size() == 3);
  CHECK(back.labels[1].oid == 16395);
  CHECK(back.labels[1].sort_order == 1.5);
  CHECK(back.labels[1].label == "meh");
  CHECK(back.labels[1].added);
  CHECK_FALSE(back.labels[0].added);
  CHECK(back.labels[2].label.empty());
}

TEST_CASE("an enum type with no labels survives its encoding", "[catalog][enum]") {
  EnumDef def;
  def.oid = 16400;
  def.name = "empty";
  CHECK(decode_enum_def(encode_enum_def(def)).labels.empty());
}

TEST_CASE("bytes that are no enum definition are refused", "[catalog][enum]") {
  CHECK_THROWS_AS(decode_enum_def(""), DbError);
  std::string raw = encode_enum_def(EnumDef{});
  raw[0] = '\x7F';
  CHECK_THROWS_AS(decode_enum_def(raw), DbError);
  std::string truncated =
      encode_enum_def(EnumDef{16400, "public", "e", 10, {{16402, 1, "a", false}}, "", std::nullopt});
  truncated.resize(truncated.size() - 3);
  CHECK_THROWS_AS(decode_enum_def(truncated), DbError);
}

TEST_CASE("an enum type's access list survives its encoding", "[catalog][enum][acl]") {
  EnumDef def;
  def.oid = 16390;
  def.name = "mood";
  def.labels = {{16391, 1, "sad"}};
  CHECK_FALSE(decode_enum_def(encode_enum_def(def)).acl.has_value());
  def.acl = std::vector<AclItem>{{16384, 10, privilege::kUsage, privilege::kUsage}};
  CHECK(decode_enum_def(encode_enum_def(def)).acl == def.acl);
}

TEST_CASE("an enum type stored before access lists has the default", "[catalog][enum][acl]") {
  EnumDef def;
  def.oid = 16390;
  def.name = "mood";
  std::string raw = encode_enum_def(def);
  std::string none;
  put_acl(none, std::nullopt);
  raw[0] = '\x01';
  raw.resize(raw.size() - none.size());  // version 2 added the access list at the end
  CHECK_FALSE(decode_enum_def(raw).acl.has_value());
}
