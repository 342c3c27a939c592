// Backend messages carry the bytes psql and libpq expect: type, length
// (counting itself), then the body.
#include <catch2/catch.hpp>

#include "protocol/backend_messages.hpp"

using namespace heliosdb::protocol;

namespace {

// A string literal's bytes, embedded NULs included.
template <std::size_t N>
std::string lit(const char (&s)[N]) {
  return std::string(s, N - 1);
}

std::string bytes(std::initializer_list<int> values) {
  std::string s;
  for (int v : values) s.push_back(static_cast<char>(v));
  return s;
}

}  // namespace

TEST_CASE("fixed messages have PostgreSQL's layout", "[protocol]") {
  BackendWriter w;
  w.authentication_ok();
  w.ready_for_query('T');
  w.empty_query_response();
  CHECK(w.buffer() == bytes({'R', 0, 0, 0, 8, 0, 0, 0, 0, 'Z', 0, 0, 0, 5, 'T', 'I', 0, 0, 0, 4}));
  w.clear();
  w.backend_key_data(1, 0x01020304);
  CHECK(w.buffer() == bytes({'K', 0, 0, 0, 12, 0, 0, 0, 1, 1, 2, 3, 4}));
}

TEST_CASE("rows, descriptions and command tags", "[protocol]") {
  BackendWriter w;
  FieldDescription f;
  f.name = "id";
  f.table_oid = 16384;
  f.column_number = 1;
  f.type_oid = 23;
  f.type_size = 4;
  w.row_description({f});
  CHECK(w.buffer() ==
        bytes({'T', 0, 0, 0, 27, 0, 1, 'i', 'd', 0, 0, 0, 0x40, 0, 0, 1, 0, 0, 0, 23, 0, 4, -1, -1, -1, -1, 0, 0}));
  w.clear();
  w.begin_row(2);
  w.add_field("42");
  w.add_field(std::nullopt);
  w.end_row();
  CHECK(w.buffer() == bytes({'D', 0, 0, 0, 16, 0, 2, 0, 0, 0, 2, '4', '2', -1, -1, -1, -1}));
  w.clear();
  w.command_complete("INSERT 0 1");
  CHECK(w.buffer() == lit("C\0\0\0\x0fINSERT 0 1\0"));
}

TEST_CASE("errors and notices carry only the fields they have", "[protocol]") {
  BackendWriter w;
  ErrorFields error = ErrorFields::of("ERROR", "42703", "column \"x\" does not exist");
  error.position = 8;
  w.error_response(error);
  const std::string body = lit("SERROR\0VERROR\0C42703\0Mcolumn \"x\" does not exist\0P8\0\0");
  CHECK(w.buffer() == "E" + std::string("\0\0\0", 3) + static_cast<char>(body.size() + 4) + body);
  w.clear();
  ErrorFields notice = ErrorFields::of("NOTICE", "00000", "hi");
  notice.detail = "more";
  notice.hint = "try";
  notice.context = "here";
  notice.routine = "f";
  w.notice_response(notice);
  CHECK(w.buffer().substr(5) == lit("SNOTICE\0VNOTICE\0C00000\0Mhi\0Dmore\0Htry\0Where\0Rf\0\0"));
  CHECK(w.buffer()[0] == 'N');
}

TEST_CASE("a constraint violation names its schema, table, column and constraint", "[protocol]") {
  BackendWriter w;
  ErrorFields e = ErrorFields::of("ERROR", "23505", "duplicate");
  e.schema = "public";
  e.table = "t";
  e.column = "c";
  e.datatype = "d";
  e.constraint = "t_c_key";
  w.error_response(e);
  CHECK(w.buffer().substr(5) == lit("SERROR\0VERROR\0C23505\0Mduplicate\0spublic\0tt\0cc\0dd\0nt_c_key\0\0"));
}

TEST_CASE("authentication requests have PostgreSQL's layout", "[protocol]") {
  BackendWriter w;
  w.authentication_cleartext_password();
  CHECK(w.buffer() == bytes({'R', 0, 0, 0, 8, 0, 0, 0, 3}));
  w.clear();
  w.authentication_md5_password(bytes({1, 2, 3, 4}));
  CHECK(w.buffer() == bytes({'R', 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 4}));
  w.clear();
  w.authentication_sasl({"SCRAM-SHA-256"});
  CHECK(w.buffer() == bytes({'R', 0, 0, 0, 23, 0, 0, 0, 10}) + lit("SCRAM-SHA-256\0\0"));
  w.clear();
  w.authentication_sasl_continue("r=x");
  w.authentication_sasl_final("v=y");
  CHECK(w.buffer() == bytes({'R', 0, 0, 0, 11, 0, 0, 0, 11}) + "r=x" + bytes({'R', 0, 0, 0, 11, 0, 0, 0, 12}) + "v=y");
}
