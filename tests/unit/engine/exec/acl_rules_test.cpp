// Access lists: defaults, who holds what, GRANT and REVOKE (with the grant
// options a REVOKE takes along), and owner changes.
#include <catch2/catch.hpp>

#include <set>
#include <utility>

#include "engine/catalog/table_codec.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/exec/acl_rules.hpp"
#include "tests/unit/error_state.hpp"

using namespace heliosdb::engine;
using heliosdb::testing::state_of;
namespace p = privilege;

namespace {

constexpr std::uint32_t kOwner = 100, kAnn = 101, kBob = 102, kStaff = 103, kCarol = 104;

// Ann is a member of staff; nobody else is anybody's.
const RoleTest kMembers = [](std::uint32_t member, std::uint32_t role) {
  return member == role || (member == kAnn && role == kStaff);
};

}  // namespace

TEST_CASE("an object starts with its kind's default list", "[acl]") {
  const std::vector<AclItem> table = default_acl(AclObject::kTable, kOwner);
  REQUIRE(table.size() == 1);
  CHECK(table[0] == AclItem{kOwner, kOwner, all_privileges(AclObject::kTable), 0});
  const std::vector<AclItem> function = default_acl(AclObject::kFunction, kOwner);
  REQUIRE(function.size() == 2);
  CHECK(function[0] == AclItem{0, kOwner, p::kExecute, 0});  // PUBLIC may call it
  CHECK(effective_acl(std::nullopt, AclObject::kSequence, kOwner) == default_acl(AclObject::kSequence, kOwner));
  CHECK(effective_acl(std::vector<AclItem>{}, AclObject::kSequence, kOwner).empty());
}

TEST_CASE("privileges come directly, through PUBLIC, or through a role one has the privileges of", "[acl]") {
  std::vector<AclItem> acl = default_acl(AclObject::kTable, kOwner);
  acl_grant(acl, {kStaff, kOwner, p::kSelect, false}, kOwner, kMembers);
  acl_grant(acl, {0, kOwner, p::kInsert, false}, kOwner, kMembers);
  CHECK(acl_privileges(acl, kAnn, p::kSelect | p::kInsert | p::kDelete, kMembers) == (p::kSelect | p::kInsert));
  CHECK(acl_privileges(acl, kBob, p::kSelect | p::kInsert, kMembers) == p::kInsert);
  CHECK(acl_grant_options(acl, kOwner, kOwner, p::kDelete, kMembers) == p::kDelete);  // implied for the owner
  CHECK(acl_grant_options(acl, kOwner, kAnn, p::kSelect, kMembers) == 0);
}

TEST_CASE("granting twice merges into one item; revoking the last privilege removes it", "[acl]") {
  std::vector<AclItem> acl = default_acl(AclObject::kTable, kOwner);
  acl_grant(acl, {kBob, kOwner, p::kSelect, false}, kOwner, kMembers);
  acl_grant(acl, {kBob, kOwner, p::kUpdate, true}, kOwner, kMembers);
  REQUIRE(acl.size() == 2);
  CHECK(acl[1] == AclItem{kBob, kOwner, p::kSelect | p::kUpdate, p::kUpdate});
  acl_revoke(acl, {kBob, kOwner, p::kSelect | p::kUpdate, false}, kOwner, false, kMembers);
  CHECK(acl.size() == 1);
}

TEST_CASE("REVOKE of a grant option takes the grants made with it along, or refuses", "[acl]") {
  std::vector<AclItem> acl = default_acl(AclObject::kTable, kOwner);
  acl_grant(acl, {kBob, kOwner, p::kSelect, true}, kOwner, kMembers);
  acl_grant(acl, {kCarol, kBob, p::kSelect, true}, kOwner, kMembers);
  acl_grant(acl, {kAnn, kCarol, p::kSelect, false}, kOwner, kMembers);
  const AclChange option_only{kBob, kOwner, p::kSelect, true};
  std::vector<AclItem> restricted = acl;
  CHECK(state_of([&] { acl_revoke(restricted, option_only, kOwner, false, kMembers); }) == "2BP01");
  acl_revoke(acl, option_only, kOwner, true, kMembers);
  REQUIRE(acl.size() == 2);  // the owner's and bob's SELECT without its option; carol's and ann's are gone
  CHECK(acl[1] == AclItem{kBob, kOwner, p::kSelect, 0});
}

TEST_CASE("a grant option cannot go back to the grantor it came from", "[acl]") {
  std::vector<AclItem> acl = default_acl(AclObject::kTable, kOwner);
  acl_grant(acl, {kBob, kOwner, p::kSelect, true}, kOwner, kMembers);
  acl_grant(acl, {kCarol, kBob, p::kSelect, true}, kOwner, kMembers);
  CHECK(state_of([&] { acl_grant(acl, {kBob, kCarol, p::kSelect, true}, kOwner, kMembers); }) == "0LP01");
}

TEST_CASE("a new owner takes over the old one's items", "[acl]") {
  std::vector<AclItem> acl = default_acl(AclObject::kTable, kOwner);
  acl_grant(acl, {kBob, kOwner, p::kSelect, false}, kOwner, kMembers);
  acl_grant(acl, {kCarol, kOwner, p::kSelect, false}, kOwner, kMembers);
  acl_change_owner(acl, kOwner, kCarol);
  REQUIRE(acl.size() == 2);  // carol's own SELECT merged into the owner's item
  CHECK(acl[0] == AclItem{kCarol, kCarol, all_privileges(AclObject::kTable), 0});
  CHECK(acl[1] == AclItem{kBob, kCarol, p::kSelect, 0});
}

TEST_CASE("a table's owner and access list survive its encoding", "[acl][catalog]") {
  TableDef def;
  def.oid = 16500;
  def.name = "t";
  def.owner = kAnn;
  def.acl = std::vector<AclItem>{{0, kAnn, p::kSelect, 0}, {kBob, kAnn, p::kInsert | p::kSelect, p::kSelect}};
  const TableDef back = decode_table_def(encode_table_def(def));
  CHECK(back.owner == kAnn);
  CHECK(back.acl == def.acl);
  def.acl.reset();
  CHECK_FALSE(decode_table_def(encode_table_def(def)).acl.has_value());
}
