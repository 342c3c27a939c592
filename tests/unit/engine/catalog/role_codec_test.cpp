// A role's and a role membership's stored forms.
#include <catch2/catch.hpp>

#include "engine/catalog/role_def.hpp"
#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;

TEST_CASE("a role's definition survives its encoding", "[catalog][role]") {
  RoleDef def;
  def.oid = 16401;
  def.name = "alice";
  def.superuser = true;
  def.inherit = false;
  def.login = true;
  def.bypass_rls = true;
  def.connection_limit = 7;
  def.password = "md5e5e28f5ce4ea7d3d6b8e3a6d62ba9a3c";
  def.valid_until = -86'400'000'000;
  const RoleDef back = decode_role_def(encode_role_def(def));
  CHECK(back.oid == 16401);
  CHECK(back.name == "alice");
  CHECK(back.superuser);
  CHECK_FALSE(back.inherit);
  CHECK_FALSE(back.create_role);
  CHECK(back.login);
  CHECK(back.bypass_rls);
  CHECK(back.connection_limit == 7);
  CHECK(back.password == def.password);
  CHECK(back.valid_until == def.valid_until);
  CHECK_FALSE(decode_role_def(encode_role_def(RoleDef{})).password.has_value());
}

TEST_CASE("a role membership survives its encoding", "[catalog][role]") {
  const RoleMembership m{16401, 16402, 10, true};
  const RoleMembership back = decode_role_membership(encode_role_membership(m));
  CHECK(back.role == 16401);
  CHECK(back.member == 16402);
  CHECK(back.grantor == 10);
  CHECK(back.admin_option);
  CHECK_FALSE(decode_role_membership(encode_role_membership({1, 2, 3, false})).admin_option);
}

TEST_CASE("bytes that are no role membership are refused", "[catalog][role]") {
  CHECK_THROWS_AS(decode_role_membership(""), DbError);
  std::string raw = encode_role_membership({16401, 16402, 10, false});
  raw[0] = '\x7F';
  CHECK_THROWS_AS(decode_role_membership(raw), DbError);
  std::string truncated = encode_role_membership({16401, 16402, 10, false});
  truncated.resize(truncated.size() - 2);
  CHECK_THROWS_AS(decode_role_membership(truncated), DbError);
}
