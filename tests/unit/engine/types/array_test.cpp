#include "engine/types/array.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/types/value_codec.hpp"

using namespace heliosdb::engine;

namespace {

const SqlType kIntArray{array_of(TypeId::kInt4), -1};
const SqlType kTextArray{array_of(TypeId::kText), -1};

std::string round_trip(std::string_view text, SqlType type) {
  return format_array(parse_array(text, type, CastContext::kExplicit));
}

std::string state_of(std::string_view text, SqlType type) {
  try {
    parse_array(text, type, CastContext::kExplicit);
  } catch (const DbError& e) {
    return std::string(e.state().code());
  }
  return "none";
}

}  // namespace

TEST_CASE("array literals read back as array_out spells them") {
  CHECK(round_trip("{1,2,3}", kIntArray) == "{1,2,3}");
  CHECK(round_trip(" { 1 , NULL } ", kIntArray) == "{1,NULL}");
  CHECK(round_trip("{}", kIntArray) == "{}");
  CHECK(round_trip("{{1,2},{3,4}}", kIntArray) == "{{1,2},{3,4}}");
  CHECK(round_trip("[0:1]={7,8}", kIntArray) == "[0:1]={7,8}");
  CHECK(round_trip(R"({"a b","",NULL,"NULL",x\"y,"\\"})", kTextArray) == R"({"a b","",NULL,"NULL","x\"y","\\"})");
}

TEST_CASE("malformed array literals are 22P02, too deep is 54000") {
  CHECK(state_of("{1,2", kIntArray) == "22P02");
  CHECK(state_of("1,2", kIntArray) == "22P02");
  CHECK(state_of("{{1},{2,3}}", kIntArray) == "22P02");
  CHECK(state_of("{1,{2}}", kIntArray) == "22P02");
  CHECK(state_of("{1}x", kIntArray) == "22P02");
  CHECK(state_of("[1:3]={1}", kIntArray) == "22P02");
  CHECK(state_of("{x}", kIntArray) == "22P02");
  CHECK(state_of("{{{{{{{1}}}}}}}", kIntArray) == "54000");
}

TEST_CASE("an array survives the row codec and orders element by element") {
  Value a = encode_array(ArrayData::of(TypeId::kInt4, {Value::integer(TypeId::kInt4, 1), Value::null(TypeId::kInt4)}));
  std::string stored;
  append_value(stored, a);
  std::string_view in = stored;
  Value back = read_value(in, a.type());
  CHECK(in.empty());
  CHECK(format_array(back) == "{1,NULL}");
  Value shorter = parse_array("{1}", kIntArray, CastContext::kExplicit);
  Value bigger = parse_array("{2}", kIntArray, CastContext::kExplicit);
  CHECK(compare_arrays(shorter, back) < 0);  // a prefix sorts first
  CHECK(compare_arrays(back, bigger) < 0);   // 1 < 2 decides before length
  CHECK(compare_arrays(parse_array("{1,2}", kIntArray, CastContext::kExplicit), back) < 0);  // NULL sorts last
}
