#include <catch2/catch.hpp>

#include "engine/catalog/field_codec.hpp"
#include "engine/catalog/view_def.hpp"
#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

TEST_CASE("a view definition survives its encoding", "[catalog]") {
  ViewDef def;
  def.oid = 16400;
  def.schema = "public";
  def.name = "v";
  def.sql = "CREATE VIEW v (n) AS SELECT a FROM t WHERE b <> ''";
  def.columns = {"n", "b"};
  def.types = {{TypeId::kInt4, -1}, {TypeId::kVarchar, 14}};
  def.reads = {16384, 16390};
  def.search_path = {"app", "public"};
  def.check_option = 'c';
  ViewDef back = decode_view_def(encode_view_def(def));
  CHECK(back.oid == def.oid);
  CHECK(back.schema == def.schema);
  CHECK(back.name == def.name);
  CHECK(back.sql == def.sql);
  CHECK(back.columns == def.columns);
  REQUIRE(back.types.size() == 2);
  CHECK(back.types[1].id == TypeId::kVarchar);
  CHECK(back.types[1].typmod == 14);
  CHECK(back.reads == def.reads);
  CHECK(back.search_path == def.search_path);
  CHECK(back.check_option == 'c');
}

TEST_CASE("a view stored before check options has none", "[catalog]") {
  ViewDef def;
  def.name = "v";
  def.check_option = 'l';
  std::string raw = encode_view_def(def);
  // Version 5 added the option as the last field.
  std::string option;
  catalog_fields::put_int(option, 'l');
  raw[0] = 4;
  raw.resize(raw.size() - option.size());
  CHECK(decode_view_def(raw).check_option == 0);
}

TEST_CASE("a view stored before search paths reads with the reader's", "[catalog]") {
  ViewDef def;
  def.name = "v";
  std::string raw = encode_view_def(def);
  // Version 2 ends where version 3 adds the path's length.
  std::string no_schemas;
  catalog_fields::put_int(no_schemas, 0);
  raw[0] = 2;
  raw.resize(raw.size() - no_schemas.size());
  const ViewDef back = decode_view_def(raw);
  CHECK(back.name == "v");
  CHECK(back.search_path.empty());
}

TEST_CASE("an unknown view format is refused, not guessed at", "[catalog]") {
  CHECK_THROWS_AS(decode_view_def(std::string(1, '\x7f')), DbError);
  CHECK_THROWS_AS(decode_view_def(""), DbError);
}

TEST_CASE("a view's enum column keeps its enum type", "[catalog][enum]") {
  ViewDef def;
  def.name = "v";
  def.columns = {"m", "n"};
  def.types = {{TypeId::kEnum, -1, 16400}, {TypeId::kInt4, -1}};
  const ViewDef back = decode_view_def(encode_view_def(def));
  REQUIRE(back.types.size() == 2);
  CHECK(back.types[0] == SqlType{TypeId::kEnum, -1, 16400});
  CHECK(back.types[1] == SqlType{TypeId::kInt4, -1, 0});
}

TEST_CASE("a view stored before enum types reads with none", "[catalog][enum]") {
  ViewDef def;
  def.name = "v";
  def.columns = {"n"};
  def.types = {{TypeId::kInt4, -1}};
  std::string raw = encode_view_def(def);
  // Version 3 ends where version 4 adds each column's enum type.
  std::string enum_oids;
  catalog_fields::put_int(enum_oids, 0);
  raw[0] = 3;
  raw.resize(raw.size() - enum_oids.size());
  const ViewDef back = decode_view_def(raw);
  REQUIRE(back.types.size() == 1);
  CHECK(back.types[0] == SqlType{TypeId::kInt4, -1, 0});
}

TEST_CASE("a view's column privileges survive its encoding", "[catalog][acl]") {
  ViewDef def;
  def.name = "v";
  def.columns = {"a", "b"};
  def.types = {{TypeId::kInt4, -1}, {TypeId::kText, -1}};
  def.column_acls = {std::nullopt, std::vector<AclItem>{{16384, 10, privilege::kSelect, 0}}};
  const ViewDef back = decode_view_def(encode_view_def(def));
  CHECK(back.column_acls == def.column_acls);
}

TEST_CASE("a view stored before column privileges has none", "[catalog][acl]") {
  ViewDef def;
  def.name = "v";
  def.columns = {"a"};
  def.types = {{TypeId::kInt4, -1}};
  std::string raw = encode_view_def(def);
  // Version 6 ends where version 7 adds the count of column lists (none here).
  std::string count;
  catalog_fields::put_int(count, 0);
  raw[0] = 6;
  raw.resize(raw.size() - count.size());
  CHECK(decode_view_def(raw).column_acls.empty());
}

TEST_CASE("the widths of a view's tables survive its encoding; a view stored before has none", "[catalog]") {
  ViewDef def;
  def.name = "v";
  def.columns = {"a"};
  def.types = {{TypeId::kInt4, -1}};
  def.table_widths = {{16400, 3}, {16410, 1}};
  const ViewDef back = decode_view_def(encode_view_def(def));
  REQUIRE(back.table_widths.size() == 2);
  CHECK((back.table_widths[0].table_oid == 16400 && back.table_widths[0].columns == 3));
  CHECK((back.table_widths[1].table_oid == 16410 && back.table_widths[1].columns == 1));
  CHECK(width_of(back.table_widths, 16410) == 1);
  CHECK(width_of(back.table_widths, 99) == -1);
  // Version 7 ends where version 8 adds the widths.
  def.table_widths.clear();
  std::string raw = encode_view_def(def);
  std::string count;
  catalog_fields::put_int(count, 0);
  raw[0] = 7;
  raw.resize(raw.size() - count.size());
  CHECK(decode_view_def(raw).table_widths.empty());
}
