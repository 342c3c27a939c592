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

TEST_CASE("integer primary-key bounds are exact, so the scan does not test them again", "[engine][plan]") {
  Fixture f;
  f.session.execute("CREATE TABLE c (x INT, y BIGINT, z INT, PRIMARY KEY (x, y))");
  f.session.execute("BEGIN");
  for (int x = -2; x <= 2; ++x) {
    for (int y = -3; y <= 3; ++y) {
      f.session.execute("INSERT INTO c VALUES (" + std::to_string(x) + ", " + std::to_string(y) + ", " +
                        std::to_string(x * 10 + y) + ")");
    }
  }
  f.session.execute("COMMIT");
  CHECK(column_of(f.one("SELECT z FROM c WHERE x = 1 AND y > -1 AND y < 2 ORDER BY z")) == V{"10", "11"});
  CHECK(column_of(f.one("SELECT z FROM c WHERE x = -1 AND y >= 2 ORDER BY z")) == V{"-8", "-7"});
  CHECK(column_of(f.one("SELECT z FROM c WHERE x = 0 AND y <= -3")) == V{"-3"});
  CHECK(column_of(f.one("SELECT count(*) FROM c WHERE x > 1")) == V{"7"});
  CHECK(column_of(f.one("SELECT count(*) FROM c WHERE x < -1")) == V{"7"});
  CHECK(column_of(f.one("SELECT count(*) FROM c WHERE x > 2 OR x < -2")) == V{"0"});
  CHECK(column_of(f.one("SELECT count(*) FROM c WHERE x = 2 AND y IN (3, 4, NULL)")) == V{"1"});
  CHECK(column_of(f.one("SELECT count(*) FROM c WHERE x > 9223372036854775807")) == V{"0"});
  // EXPLAIN still names the conditions the keys enforce.
  CHECK(f.plan("SELECT * FROM c WHERE x = 1 AND y < 2")[1] == "  Index Cond: ((x = 1) AND (y < 2))");
}

TEST_CASE("scans decode only the columns a query reads, and answer the same", "[engine][plan]") {
  Fixture f;
  f.session.execute(
      "CREATE TABLE a (id INT PRIMARY KEY, v INT, s TEXT, w INT);"
      "CREATE TABLE b (k INT, t TEXT);"
      "INSERT INTO a VALUES (1, 10, 'one', 100), (2, 20, 'two', 200), (3, 30, NULL, 300);"
      "INSERT INTO b VALUES (10, 'x'), (30, 'y'), (30, 'z');");
  // A correlated subquery reads its outer row by position: every column stays.
  CHECK(column_of(f.one("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.v) ORDER BY id")) == V{"1", "3"});
  CHECK(column_of(f.one("SELECT (SELECT max(t) FROM b WHERE b.k = a.v) FROM a ORDER BY w")) == V{"x", "NULL", "z"});
  CHECK(column_of(f.one("SELECT a.s FROM a JOIN b ON a.v = b.k ORDER BY b.t")) == V{"one", "NULL", "NULL"});
  CHECK(column_of(f.one("SELECT sum(w) FROM a JOIN b ON a.v = b.k WHERE b.t <> 'z'")) == V{"400"});
  CHECK(column_of(f.one("SELECT s FROM a GROUP BY s HAVING max(w) > 150 ORDER BY s")) == V{"two", "NULL"});
  CHECK(column_of(f.one("SELECT count(*) FROM a WHERE s IS NULL")) == V{"1"});
  CHECK(rows_text(f.one("SELECT * FROM a WHERE id = 2")) == "2|20|two|200|\n");
  f.session.execute("UPDATE a SET w = w + 1 WHERE v >= 20");
  CHECK(rows_text(f.one("SELECT * FROM a ORDER BY id DESC LIMIT 2")) == "3|30|NULL|301|\n2|20|two|201|\n");
}

TEST_CASE("ORDER BY ... LIMIT over primary-key order needs no sort, and answers as a sort does", "[engine][plan]") {
  Fixture f;
  f.one("CREATE TABLE k (a int, b text, c int, PRIMARY KEY (a, b))");
  f.one("CREATE TABLE r (x double precision PRIMARY KEY)");
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    f.one("INSERT INTO k VALUES (" + std::to_string(rng() % 40) + ", 'b" + std::to_string(rng() % 9) + "', " +
          std::to_string(rng() % 5) + ") ON CONFLICT DO NOTHING");
  }
  const V unsorted = {"Limit", "  ->  Seq Scan on k"};
  CHECK(f.plan("SELECT * FROM k ORDER BY a, b LIMIT 5") == unsorted);
  CHECK(f.plan("SELECT * FROM k ORDER BY a LIMIT 5") == unsorted);
  CHECK(f.plan("SELECT * FROM k WHERE c = 1 ORDER BY 1, 2 LIMIT 5") ==
        V{"Limit", "  ->  Seq Scan on k", "        Filter: (c = 1)"});
  CHECK(f.plan("SELECT * FROM k WHERE a = 3 ORDER BY b LIMIT 5").at(1) == "  ->  Index Scan using k_pkey on k");
  // The key's order reversed: read backwards.
  CHECK(f.plan("SELECT * FROM k ORDER BY a DESC LIMIT 5") == V{"Limit", "  ->  Index Scan Backward using k_pkey on k"});
  CHECK(f.plan("SELECT * FROM k ORDER BY a DESC, b DESC LIMIT 5").at(1) ==
        "  ->  Index Scan Backward using k_pkey on k");
  CHECK(f.plan("SELECT * FROM k WHERE a < 9 ORDER BY a DESC LIMIT 5").at(1) ==
        "  ->  Index Scan Backward using k_pkey on k");
  // Orders the key does not give: sorted.
  for (const char* query : {"SELECT * FROM k ORDER BY b LIMIT 5", "SELECT * FROM k ORDER BY a DESC, b LIMIT 5",
                            "SELECT * FROM k ORDER BY a, b DESC LIMIT 5", "SELECT * FROM k ORDER BY a, c LIMIT 5",
                            "SELECT * FROM k WHERE a IN (1, 2) ORDER BY b LIMIT 5",
                            "SELECT * FROM r ORDER BY x LIMIT 5", "SELECT * FROM r ORDER BY x DESC LIMIT 5"}) {
    INFO(query);
    CHECK(f.plan(query).at(1) == "  ->  Sort");
  }
  // The same rows as a sort of every row (a + 0 and b || '' hide the key).
  const std::pair<const char*, const char*> same[] = {
      {"SELECT * FROM k ORDER BY a, b LIMIT 7 OFFSET 3", "SELECT * FROM k ORDER BY a + 0, b || '' LIMIT 7 OFFSET 3"},
      {"SELECT * FROM k WHERE c > 2 ORDER BY a LIMIT 9", "SELECT * FROM k WHERE c > 2 ORDER BY a + 0, b || '' LIMIT 9"},
      {"SELECT * FROM k WHERE a = 5 ORDER BY b LIMIT 3", "SELECT * FROM k WHERE a = 5 ORDER BY b || '' LIMIT 3"},
      {"SELECT * FROM k WHERE (a, b) > (20, 'b4') ORDER BY a, b LIMIT 6",
       "SELECT * FROM k WHERE (a, b) > (20, 'b4') ORDER BY a + 0, b || '' LIMIT 6"},
      {"SELECT * FROM k ORDER BY a DESC, b DESC LIMIT 90 OFFSET 40",
       "SELECT * FROM k ORDER BY a + 0 DESC, b || '' DESC LIMIT 90 OFFSET 40"},
      {"SELECT * FROM k WHERE c > 2 ORDER BY a DESC, b DESC LIMIT 9",
       "SELECT * FROM k WHERE c > 2 ORDER BY a + 0 DESC, b || '' DESC LIMIT 9"},
      {"SELECT * FROM k WHERE a = 5 ORDER BY b DESC LIMIT 3",
       "SELECT * FROM k WHERE a = 5 ORDER BY b || '' DESC LIMIT 3"},
      {"SELECT * FROM k WHERE a BETWEEN 10 AND 30 ORDER BY a DESC, b DESC LIMIT 70",
       "SELECT * FROM k WHERE a BETWEEN 10 AND 30 ORDER BY a + 0 DESC, b || '' DESC LIMIT 70"},
  };
  for (const auto& [fast, sorted] : same) {
    INFO(fast);
    CHECK(rows_text(f.one(fast)) == rows_text(f.one(sorted)));
  }
}

TEST_CASE("ORDER BY ... LIMIT over an index range in its order needs no sort, NULLs included", "[engine][plan]") {
  Fixture f;
  f.one("CREATE TABLE p (id int PRIMARY KEY, g int, s int)");
  std::mt19937 rng(11);
  for (int i = 0; i < 400; ++i) {
    const std::string s = rng() % 6 == 0 ? "NULL" : std::to_string(rng() % 50);
    f.one("INSERT INTO p VALUES (" + std::to_string(i) + ", " + std::to_string(rng() % 4) + ", " + s + ")");
  }
  f.one("CREATE INDEX p_g_s ON p (g, s DESC NULLS LAST)");
  CHECK(f.plan("SELECT * FROM p WHERE g = 2 ORDER BY s DESC NULLS LAST LIMIT 5") ==
        V{"Limit", "  ->  Index Scan using p_g_s on p", "        Index Cond: (g = 2)"});
  for (const char* query : {"SELECT * FROM p WHERE g = 2 ORDER BY s DESC LIMIT 5",  // NULLs first: not the index's
                            "SELECT * FROM p WHERE g = 2 ORDER BY s LIMIT 5",
                            "SELECT * FROM p WHERE g > 2 ORDER BY s DESC NULLS LAST LIMIT 5"}) {
    INFO(query);
    CHECK(f.plan(query).at(1) == "  ->  Sort");
  }
  // Reversed, NULLs and all: backwards.
  CHECK(f.plan("SELECT * FROM p WHERE g = 2 ORDER BY s NULLS FIRST LIMIT 5") ==
        V{"Limit", "  ->  Index Scan Backward using p_g_s on p", "        Index Cond: (g = 2)"});
  // With no condition, the whole index instead of the table and a sort; a
  // condition keeps the sequential scan (its rows might mostly fail it).
  CHECK(f.plan("SELECT * FROM p ORDER BY g, s DESC NULLS LAST LIMIT 5") ==
        V{"Limit", "  ->  Index Scan using p_g_s on p"});
  CHECK(f.plan("SELECT * FROM p ORDER BY g DESC LIMIT 5") == V{"Limit", "  ->  Index Scan Backward using p_g_s on p"});
  CHECK(f.plan("SELECT * FROM p WHERE s > 3 ORDER BY g LIMIT 5").at(1) == "  ->  Sort");
  CHECK(f.plan("SELECT * FROM p ORDER BY g, s LIMIT 5").at(1) == "  ->  Sort");
  CHECK(f.plan("SELECT * FROM p ORDER BY id DESC LIMIT 5").at(1) == "  ->  Index Scan Backward using p_pkey on p");
  // Past the first chunk of entries (64) the scan goes on where it stopped.
  const std::pair<const char*, const char*> same[] = {
      {"SELECT * FROM p WHERE g = 1 ORDER BY s DESC NULLS LAST LIMIT 90",
       "SELECT * FROM p WHERE g = 1 ORDER BY s + 0 DESC NULLS LAST LIMIT 90"},
      {"SELECT * FROM p WHERE g = 3 AND s < 20 ORDER BY g, s DESC NULLS LAST LIMIT 7 OFFSET 60",
       "SELECT * FROM p WHERE g = 3 AND s < 20 ORDER BY g, s + 0 DESC NULLS LAST LIMIT 7 OFFSET 60"},
      {"SELECT s FROM p WHERE g = 1 ORDER BY s NULLS FIRST LIMIT 90",
       "SELECT s FROM p WHERE g = 1 ORDER BY s + 0 NULLS FIRST LIMIT 90"},
      {"SELECT g, s FROM p ORDER BY g, s DESC NULLS LAST LIMIT 90 OFFSET 20",
       "SELECT g, s FROM p ORDER BY g + 0, s + 0 DESC NULLS LAST LIMIT 90 OFFSET 20"},
      {"SELECT g FROM p ORDER BY g DESC LIMIT 150", "SELECT g FROM p ORDER BY g + 0 DESC LIMIT 150"},
      {"SELECT s FROM p WHERE g = 0 AND s > 10 ORDER BY g DESC, s NULLS FIRST LIMIT 30 OFFSET 20",
       "SELECT s FROM p WHERE g = 0 AND s > 10 ORDER BY g DESC, s + 0 NULLS FIRST LIMIT 30 OFFSET 20"},
  };
  for (const auto& [fast, sorted] : same) {
    INFO(fast);
    CHECK(rows_text(f.one(fast)) == rows_text(f.one(sorted)));
  }
  CHECK(rows_text(f.one("SELECT count(*) FROM p WHERE g = 0")) ==
        rows_text(f.one("SELECT count(*) FROM p WHERE g + 0 = 0")));  // a whole range, chunk after chunk
}
