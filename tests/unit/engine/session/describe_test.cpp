// Describing a prepared statement: the parameter types its context gives
// them and the result's columns, with nothing read or written.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/parser/parser.hpp"
#include "engine/session/session.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;

namespace {

struct Fixture {
  std::unique_ptr<storage::Store> store = storage::Store::open_in_memory();
  Session session{*store};

  Fixture() {
    session.execute(
        "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), price NUMERIC(8,2), at TIMESTAMP);"
        "CREATE SEQUENCE s;"
        "CREATE TABLE counted (n BIGINT DEFAULT nextval('s'), label TEXT)");
  }

  PreparedStatement prepared(std::string_view sql, std::vector<std::uint32_t> types = {}) {
    auto statements = std::make_shared<std::vector<ast::Statement>>(parser::parse(sql));
    PreparedStatement p;
    p.statement = std::shared_ptr<const ast::Statement>(statements, &(*statements)[0]);
    p.param_types = std::move(types);
    p.param_types.resize(static_cast<std::size_t>(parser::highest_param(sql)), 0);
    return p;
  }
  StatementDescription describe(std::string_view sql, std::vector<std::uint32_t> types = {}) {
    return session.describe(prepared(sql, std::move(types)));
  }
};

std::vector<std::string> names(const StatementDescription& d) {
  std::vector<std::string> out;
  for (const ResultColumn& c : d.columns) out.push_back(c.name + ":" + std::to_string(type_oid(c.type.id)));
  return out;
}

using Oids = std::vector<std::uint32_t>;

}  // namespace

TEST_CASE("parameters take the types their context gives them", "[engine][session]") {
  Fixture f;
  auto d = f.describe("SELECT name, price * 2 AS twice FROM items WHERE id = $1 AND name LIKE $2 LIMIT $3");
  CHECK(d.param_types == Oids{23, 25, 20});
  CHECK(d.returns_rows);
  CHECK(names(d) == std::vector<std::string>{"name:1043", "twice:1700"});
  CHECK(f.describe("INSERT INTO items VALUES ($1, $2, $3, $4)").param_types == Oids{23, 1043, 1700, 1114});
  CHECK(f.describe("UPDATE items SET price = $1 WHERE id = $2 RETURNING id").param_types == Oids{1700, 23});
  CHECK(f.describe("DELETE FROM items WHERE at < $1").param_types == Oids{1114});
  // Nothing types it: text, as PostgreSQL does. A declared type stays.
  CHECK(f.describe("SELECT $1").param_types == Oids{25});
  CHECK(f.describe("SELECT $1 + 1", {20}).param_types == Oids{20});
  CHECK_FALSE(f.describe("CREATE TABLE later (x INT)").returns_rows);
  CHECK(names(f.describe("SHOW DateStyle")) == std::vector<std::string>{"DateStyle:25"});
}

TEST_CASE("describing reads and writes nothing and keeps the transaction state", "[engine][session]") {
  Fixture f;
  f.describe("INSERT INTO counted (label) VALUES ($1) RETURNING n");
  f.describe("INSERT INTO items SELECT id + 1, name, price, at FROM items");
  auto rows = f.session.execute("INSERT INTO counted (label) VALUES ('first') RETURNING n; SELECT count(*) FROM items");
  CHECK(format_value(rows[0].rows[0][0]) == "1");  // the described INSERT took no sequence value
  CHECK(format_value(rows[1].rows[0][0]) == "0");
  CHECK(f.session.status() == TransactionStatus::kIdle);
  f.session.execute("BEGIN");
  f.describe("SELECT * FROM items WHERE id = $1");
  CHECK(f.session.status() == TransactionStatus::kInBlock);
  try {
    f.describe("SELECT * FROM missing WHERE id = $1");
    FAIL("a missing table is an error when described");
  } catch (const DbError& e) {
    CHECK(e.state().code() == "42P01");
  }
  CHECK(f.session.status() == TransactionStatus::kFailed);
  try {
    f.describe("SELECT * FROM items");
    FAIL("nothing is described in an aborted transaction");
  } catch (const DbError& e) {
    CHECK(e.state().code() == "25P02");
  }
}

TEST_CASE("a described statement remembers its parameter and result types", "[engine][session]") {
  Fixture f;
  f.session.prepare("q", f.prepared("SELECT id, name FROM items WHERE id = $1"));
  f.session.describe_prepared("q");
  auto p = f.session.prepared("q");
  CHECK(p->param_types == Oids{23});
  REQUIRE(p->result_types);
  CHECK(*p->result_types == Oids{23, 1043});
}

TEST_CASE("FETCH describes its cursor's rows and DECLARE types its query's parameters", "[engine][session]") {
  Fixture f;
  auto declare = f.describe("DECLARE c CURSOR FOR SELECT id, name FROM items WHERE price > $1");
  CHECK(declare.param_types == Oids{1700});
  CHECK_FALSE(declare.returns_rows);
  CHECK(f.session.find_cursor("c") == nullptr);  // describing declares nothing
  // No cursor yet: nothing to describe, and no error until the FETCH runs.
  CHECK_FALSE(f.describe("FETCH 2 FROM c").returns_rows);
  f.session.execute("BEGIN; DECLARE c CURSOR FOR SELECT id, name FROM items");
  auto fetch = f.describe("FETCH FORWARD 2 FROM c");
  CHECK(fetch.returns_rows);
  CHECK(names(fetch) == std::vector<std::string>{"id:23", "name:1043"});
  CHECK_FALSE(f.describe("MOVE 2 IN c").returns_rows);
  f.session.execute("ROLLBACK");
}
