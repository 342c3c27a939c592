#include "engine/catalog/table_codec.hpp"

#include <catch2/catch.hpp>

#include "engine/catalog/field_codec.hpp"
#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;
using namespace heliosdb::engine::catalog_fields;

namespace {

TableDef table_with_generated_column() {
  TableDef def;
  def.oid = 16384;
  def.name = "t";
  def.primary_key_name = "t_pkey";
  ColumnDef a;
  a.name = "a";
  a.type = {TypeId::kInt4, -1};
  ColumnDef b;
  b.name = "b";
  b.type = {TypeId::kInt8, -1};
  b.not_null = true;
  b.generated = "a * 2";
  def.columns = {a, b};
  return def;
}

// A table of one int4 column "a", as format version 7 wrote it (before
// generated columns): every field through the end of the index part.
std::string version_7_table() {
  std::string out(1, '\x07');
  put_int(out, 16384);
  put_str(out, "public");
  put_str(out, "old");
  put_int(out, 1);  // columns
  put_str(out, "a");
  put_int(out, static_cast<std::int64_t>(TypeId::kInt4));
  put_int(out, -1);  // typmod
  put_int(out, 0);   // not null
  put_int(out, 0);   // no default
  put_int(out, 0);   // no missing value
  put_int(out, 0);   // primary key: no columns
  put_str(out, "");  // per-row default
  put_str(out, "old_pkey");
  put_int(out, 0);   // indexes
  put_int(out, 0);   // checks
  put_int(out, 0);   // foreign keys
  put_int(out, 0);   // vector indexes
  put_int(out, 0);   // identity of column a
  put_str(out, "");  // table comment
  put_str(out, "");  // column comment
  return out;
}

// The same table as format version 8 wrote it (before enum columns).
std::string version_8_table() {
  std::string out = version_7_table();
  out[0] = '\x08';
  put_str(out, "");  // column a is not generated
  return out;
}

}  // namespace

TEST_CASE("an enum column keeps its enum type through the table's encoding", "[catalog][enum]") {
  TableDef def = table_with_generated_column();
  def.columns[0].type = {TypeId::kEnum, -1, 16400};
  def.columns[1].type = {array_of(TypeId::kEnum), -1, 16400};
  def.columns[1].generated.clear();
  const TableDef back = decode_table_def(encode_table_def(def));
  REQUIRE(back.columns.size() == 2);
  CHECK(back.columns[0].type == SqlType{TypeId::kEnum, -1, 16400});
  CHECK(back.columns[1].type == SqlType{array_of(TypeId::kEnum), -1, 16400});
}

TEST_CASE("a table stored before enum columns reads with no enum types", "[catalog][enum]") {
  const TableDef back = decode_table_def(version_8_table());
  CHECK(back.name == "old");
  REQUIRE(back.columns.size() == 1);
  CHECK(back.columns[0].type == SqlType{TypeId::kInt4, -1, 0});
  CHECK_FALSE(back.columns[0].is_generated());
  CHECK(back.columns[0].domain_oid == 0);
}

TEST_CASE("a domain column keeps its domain through the table's encoding", "[catalog][domain]") {
  TableDef def = table_with_generated_column();
  def.columns[0].type = {TypeId::kVarchar, 14};
  def.columns[0].domain_oid = 16500;
  const TableDef back = decode_table_def(encode_table_def(def));
  REQUIRE(back.columns.size() == 2);
  CHECK(back.columns[0].type == SqlType{TypeId::kVarchar, 14});
  CHECK(back.columns[0].domain_oid == 16500);
  CHECK(back.columns[1].domain_oid == 0);
}

TEST_CASE("a generated column's expression survives the table's encoding", "[catalog]") {
  const TableDef def = table_with_generated_column();
  const TableDef back = decode_table_def(encode_table_def(def));
  REQUIRE(back.columns.size() == 2);
  CHECK_FALSE(back.columns[0].is_generated());
  CHECK(back.columns[1].is_generated());
  CHECK(back.columns[1].generated == "a * 2");
  CHECK(back.columns[1].not_null);
  CHECK(back.columns[1].type.id == TypeId::kInt8);
  CHECK_FALSE(back.columns[1].default_value.has_value());
  CHECK(back.columns[1].default_expr.empty());
}

TEST_CASE("a table stored before generated columns reads with none", "[catalog]") {
  const TableDef back = decode_table_def(version_7_table());
  CHECK(back.name == "old");
  REQUIRE(back.columns.size() == 1);
  CHECK(back.columns[0].name == "a");
  CHECK_FALSE(back.columns[0].is_generated());
  CHECK(back.primary_key_name == "old_pkey");
}

TEST_CASE("an index keeps the past it was given through the table's encoding", "[catalog][time-travel]") {
  TableDef def = table_with_generated_column();
  IndexDef given;
  given.oid = 17000;
  given.name = "t_a";
  given.columns = {0};
  given.descending = {false};
  given.nulls_first = {false};
  given.history_branch = 3;
  given.history_from = 12345;
  IndexDef plain = given;
  plain.oid = 17001;
  plain.name = "t_a2";
  plain.history_branch = 0;
  plain.history_from = 0;
  def.indexes = {given, plain};
  const TableDef back = decode_table_def(encode_table_def(def));
  REQUIRE(back.indexes.size() == 2);
  CHECK(back.indexes[0].history_branch == 3);
  CHECK(back.indexes[0].history_from == 12345);
  CHECK(back.indexes[1].history_branch == 0);
  // Stored before indexes had a past: none.
  const TableDef old = decode_table_def(version_7_table());
  CHECK(old.indexes.empty());
}

TEST_CASE("row-level security and policies survive the table's encoding", "[catalog][rls]") {
  TableDef def = table_with_generated_column();
  def.row_security = true;
  def.force_row_security = true;
  PolicyDef all{41, "tenant", '*', true, {}, "tenant_id = current_tenant_id()", ""};
  PolicyDef edit{42, "edit", 'w', false, {16384, 16385}, "true", "a > 0"};
  def.policies = {all, edit};
  const TableDef back = decode_table_def(encode_table_def(def));
  CHECK((back.row_security && back.force_row_security));
  REQUIRE(back.policies.size() == 2);
  CHECK((back.policies[0].oid == 41 && back.policies[0].name == "tenant" && back.policies[0].command == '*'));
  CHECK((back.policies[0].permissive && back.policies[0].roles.empty()));
  CHECK(back.policies[0].using_expr == "tenant_id = current_tenant_id()");
  CHECK(back.policies[0].check_expr.empty());
  CHECK((back.policies[1].command == 'w' && !back.policies[1].permissive));
  CHECK(back.policies[1].roles == std::vector<std::uint32_t>{16384, 16385});
  CHECK((back.policies[1].using_expr == "true" && back.policies[1].check_expr == "a > 0"));
  CHECK(back.policies[1].applies_to('w'));
  CHECK_FALSE(back.policies[1].applies_to('r'));
  CHECK(back.policies[0].applies_to('d'));
}

TEST_CASE("a table stored before row-level security has it off and no policies", "[catalog][rls]") {
  const TableDef back = decode_table_def(version_7_table());
  CHECK_FALSE(back.row_security);
  CHECK(back.policies.empty());
}

TEST_CASE("a table format newer than the reader is refused", "[catalog]") {
  std::string future = encode_table_def(table_with_generated_column());
  future[0] = static_cast<char>(future[0] + 1);  // one past the newest format this build writes
  CHECK_THROWS_AS(decode_table_def(future), DbError);
}

TEST_CASE("each column's privileges survive the table's encoding", "[catalog][acl]") {
  TableDef def = table_with_generated_column();
  def.columns[1].acl = std::vector<AclItem>{{16385, 10, privilege::kSelect | privilege::kUpdate, privilege::kSelect}};
  const TableDef back = decode_table_def(encode_table_def(def));
  REQUIRE(back.columns.size() == 2);
  CHECK_FALSE(back.columns[0].acl.has_value());
  CHECK(back.columns[1].acl == def.columns[1].acl);
}

TEST_CASE("a materialized view keeps the widths of its tables through the table's encoding", "[catalog]") {
  TableDef def = table_with_generated_column();
  def.materialized = MaterializedViewDef{};
  def.materialized->sql = "CREATE MATERIALIZED VIEW m AS SELECT * FROM t";
  def.materialized->reads = {16400};
  def.materialized->table_widths = {{16400, 2}};
  const TableDef back = decode_table_def(encode_table_def(def));
  REQUIRE(back.materialized.has_value());
  REQUIRE(back.materialized->table_widths.size() == 1);
  CHECK((back.materialized->table_widths[0].table_oid == 16400 && back.materialized->table_widths[0].columns == 2));
  // Version 15 ends before them: every column, as such views always read.
  def.materialized->table_widths.clear();
  std::string raw = encode_table_def(def);
  std::string count;
  catalog_fields::put_int(count, 0);
  raw[0] = 15;
  raw.resize(raw.size() - count.size());
  const TableDef old = decode_table_def(raw);
  REQUIRE(old.materialized.has_value());
  CHECK(old.materialized->table_widths.empty());
  CHECK(old.columns.size() == def.columns.size());
}
