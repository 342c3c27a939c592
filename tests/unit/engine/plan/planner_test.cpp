// The planner picks index paths for the conditions it can use, and a query
// answers the same whichever path it takes.
#include <catch2/catch.hpp>
#include <random>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;

namespace {

std::vector<std::string> column_of(const QueryResult& r) {
  std::vector<std::string> out;
  for (const Row& row : r.rows) out.push_back(row[0].is_null() ? "NULL" : format_value(row[0]));
  return out;
}

std::string rows_text(const QueryResult& r) {
  std::string out;
  for (const Row& row : r.rows) {
    for (const Value& v : row) out += (v.is_null() ? "NULL" : format_value(v)) + "|";
    out += "\n";
  }
  return out;
}

struct Fixture {
  std::unique_ptr<storage::Store> store = storage::Store::open_in_memory();
  Session session{*store};
  QueryResult one(std::string_view sql) { return std::move(session.execute(sql).at(0)); }
  std::vector<std::string> plan(std::string_view sql) { return column_of(one("EXPLAIN " + std::string(sql))); }
};

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("equality and ranges on keys use the primary key or an index", "[engine][plan]") {
  Fixture f;
  f.session.execute(
      "CREATE TABLE t (id INT PRIMARY KEY, a INT, b TEXT);"
      "CREATE INDEX t_a ON t (a);"
      "CREATE TABLE c (x INT, y INT, z INT, PRIMARY KEY (x, y));");
  CHECK(f.plan("SELECT * FROM t WHERE id = 7") == V{"Index Scan using t_pkey on t", "  Index Cond: (id = 7)"});
  CHECK(f.plan("SELECT * FROM t WHERE 7 = id AND b = 'q'") ==
        V{"Index Scan using t_pkey on t", "  Index Cond: (7 = id)", "  Filter: (b = 'q'::text)"});
  CHECK(f.plan("SELECT * FROM t WHERE a BETWEEN 1 AND 5") ==
        V{"Index Scan using t_a on t", "  Index Cond: ((a >= 1) AND (a <= 5))"});
  CHECK(f.plan("SELECT * FROM t WHERE b = 'x'") == V{"Seq Scan on t", "  Filter: (b = 'x'::text)"});
  CHECK(f.plan("SELECT * FROM t WHERE id = 1 OR id = 2") == V{"Seq Scan on t", "  Filter: ((id = 1) OR (id = 2))"});
  // The primary key's leading column alone gives a range; both give a point.
  CHECK(f.plan("SELECT * FROM c WHERE x = 1")[0] == "Index Scan using c_pkey on c");
  CHECK(f.plan("SELECT * FROM c WHERE y = 1")[0] == "Seq Scan on c");
  CHECK(f.plan("SELECT * FROM c WHERE x = 1 AND y > 2")[1] == "  Index Cond: ((x = 1) AND (y > 2))");
  // A condition on the NULL-extended side of an outer join stays above it.
  CHECK(f.plan("SELECT * FROM t LEFT JOIN c ON t.id = c.x WHERE c.z = 1") ==
        V{"Hash Left Join", "  Hash Cond: (t.id = c.x)", "  Filter: (c.z = 1)", "  ->  Seq Scan on t", "  ->  Hash",
          "        ->  Seq Scan on c"});
  // A condition across a comma join becomes the join's hash key.
  CHECK(f.plan("SELECT * FROM t, c WHERE t.id = c.x AND t.a = 3") ==
        V{"Hash Join", "  Hash Cond: (t.id = c.x)", "  ->  Index Scan using t_a on t", "        Index Cond: (a = 3)",
          "  ->  Hash", "        ->  Seq Scan on c"});
  CHECK(f.plan("UPDATE t SET b = 'x' WHERE id = 3") ==
        V{"Update on t", "  ->  Index Scan using t_pkey on t", "        Index Cond: (id = 3)"});
  CHECK_THROWS_AS(f.one("EXPLAIN ANALYZE SELECT 1"), DbError);
}

TEST_CASE("index paths return exactly what a full scan returns", "[engine][plan]") {
  Fixture f;
  f.session.execute(
      "CREATE TABLE plain (id INT, a INT, b INT, s TEXT);"
      "CREATE TABLE indexed (id INT PRIMARY KEY, a INT, b INT, s TEXT);"
      "CREATE INDEX ON indexed (a, b DESC);"
      "CREATE INDEX ON indexed (s);"
      "CREATE INDEX ON indexed (b DESC NULLS LAST);");
  std::mt19937 rng(42);
  auto maybe_null = [&](int v) { return rng() % 10 == 0 ? std::string("NULL") : std::to_string(v); };
  f.session.execute("BEGIN");
  for (int id = 0; id < 400; ++id) {
    std::string values = "(" + std::to_string(id) + ", " + maybe_null(static_cast<int>(rng() % 20) - 5) + ", " +
                         maybe_null(static_cast<int>(rng() % 30)) + ", " +
                         (rng() % 10 == 0 ? "NULL" : "'s" + std::to_string(rng() % 15) + "'") + ")";
    f.session.execute("INSERT INTO plain VALUES " + values + "; INSERT INTO indexed VALUES " + values);
  }
  f.session.execute("COMMIT");
  const char* ops[] = {"=", "<", "<=", ">", ">="};
  for (int i = 0; i < 300; ++i) {
    std::string where;
    int terms = 1 + static_cast<int>(rng() % 3);
    for (int t = 0; t < terms; ++t) {
      const char* column[] = {"id", "a", "b", "s"};
      std::string col = column[rng() % 4];
      std::string op = ops[rng() % 5];
      std::string value =
          col == "s" ? "'s" + std::to_string(rng() % 15) + "'" : std::to_string(static_cast<int>(rng() % 40) - 5);
      std::string term = rng() % 6 == 0 ? col + " IN (" + value + ", " + value + (col == "s" ? ", 's3')" : ", 3)")
                                        : col + " " + op + " " + value;
      where += (t > 0 ? " AND " : "") + term;
    }
    std::string query = " WHERE " + where + " ORDER BY id";
    INFO(query);
    CHECK(rows_text(f.one("SELECT * FROM indexed" + query)) == rows_text(f.one("SELECT * FROM plain" + query)));
  }
  CHECK(f.plan("SELECT * FROM indexed WHERE a = 1 AND b < 3")[0] == "Index Scan using indexed_a_b_idx on indexed");
  CHECK(f.plan("SELECT * FROM indexed WHERE b > 3")[0] == "Index Scan using indexed_b_idx on indexed");
}
