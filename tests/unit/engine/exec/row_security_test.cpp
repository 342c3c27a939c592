// Row-level security where SQL tests against PostgreSQL cannot reach:
// current_tenant_id(), which PostgreSQL lacks, as a policy, a column's
// DEFAULT and an index lookup; history read under today's policies; and a
// policy that reads its own table.
#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"
#include "engine/session/session.hpp"
#include "tests/unit/engine/result_text.hpp"
#include "tests/unit/engine/session_probe.hpp"

using namespace heliosdb;
using namespace heliosdb::engine;
using heliosdb::engine::testing::query_rows;
using heliosdb::engine::testing::sqlstate_of;

namespace {

using Rows = std::vector<std::string>;

// A tenant table with the seed's policy, enabled, that role `app` may use.
void make_tenant_table(Session& session) {
  session.execute(
      "CREATE TABLE documents (id bigint PRIMARY KEY, tenant_id int NOT NULL DEFAULT current_tenant_id(), "
      "content text)");
  session.execute("CREATE POLICY tenant_isolation ON documents USING (tenant_id = current_tenant_id())");
  session.execute("ALTER TABLE documents ENABLE ROW LEVEL SECURITY");
  session.execute("CREATE ROLE app");
  session.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON documents TO app");
}

}  // namespace

TEST_CASE("current_tenant_id() is the session's tenant, NULL when unset, typed by its use", "[rls]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  CHECK(query_rows(session, "SELECT current_tenant_id() IS NULL") == Rows{"t"});
  session.execute("SET heliosdb.tenant_id = '41'");
  CHECK(query_rows(session, "SELECT current_tenant_id() + 1, current_tenant_id() || 'x'") == Rows{"42|41x"});
  session.execute("RESET heliosdb.tenant_id");
  CHECK(query_rows(session, "SELECT current_tenant_id() IS NULL") == Rows{"t"});
}

TEST_CASE("a tenant sees, writes and defaults to its own rows, and the superuser sees all", "[rls]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  make_tenant_table(session);
  session.execute("INSERT INTO documents VALUES (1, 1, 'one'), (2, 2, 'two'), (3, 1, 'three')");
  session.execute("SET ROLE app");
  CHECK(query_rows(session, "SELECT count(*) FROM documents") == Rows{"0"});
  session.execute("SET heliosdb.tenant_id = 1");
  CHECK(query_rows(session, "SELECT id FROM documents ORDER BY id") == Rows{"1", "3"});
  // The DEFAULT is the tenant of each insert, not of the CREATE TABLE.
  session.execute("INSERT INTO documents (id, content) VALUES (4, 'four')");
  session.execute("SET heliosdb.tenant_id = 2");
  session.execute("INSERT INTO documents (id, content) VALUES (5, 'five')");
  CHECK(query_rows(session, "SELECT id FROM documents ORDER BY id") == Rows{"2", "5"});
  CHECK(sqlstate_of(session, "INSERT INTO documents VALUES (6, 1, 'elsewhere')") == "42501");
  session.execute("RESET ROLE");
  CHECK(query_rows(session, "SELECT id, tenant_id FROM documents ORDER BY id") ==
        Rows{"1|1", "2|2", "3|1", "4|1", "5|2"});
}

TEST_CASE("a tenant's rows come through an index on its column", "[rls]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  make_tenant_table(session);
  session.execute("CREATE INDEX documents_tenant ON documents (tenant_id)");
  session.execute("INSERT INTO documents SELECT g, g % 10, 'x' FROM generate_series(1, 200) g");
  session.execute("SET ROLE app");
  session.execute("SET heliosdb.tenant_id = 3");
  const Rows plan = query_rows(session, "EXPLAIN SELECT id FROM documents");
  CHECK(plan.at(0).find("documents_tenant") != std::string::npos);
  CHECK(query_rows(session, "SELECT count(*), min(id), max(id) FROM documents") == Rows{"20|3|193"});
}

TEST_CASE("history is read under today's policies", "[rls][time-travel]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE t (id int PRIMARY KEY, tenant_id int)");
  session.execute("INSERT INTO t VALUES (1, 1), (2, 2)");
  const std::string scn = query_rows(session, "SELECT max(scn) FROM heliosdb_commits")[0];
  session.execute("CREATE ROLE app");
  session.execute("GRANT SELECT ON t TO app");
  session.execute("ALTER TABLE t ENABLE ROW LEVEL SECURITY");
  session.execute("CREATE POLICY mine ON t USING (tenant_id = current_tenant_id())");
  session.execute("SET ROLE app");
  session.execute("SET heliosdb.tenant_id = 2");
  CHECK(query_rows(session, "SELECT id FROM t AS OF SCN " + scn) == Rows{"2"});
  CHECK(query_rows(session, "SELECT id FROM t VERSIONS BETWEEN SCN 1 AND " + scn) == Rows{"2"});
}

TEST_CASE("a policy that reads its own table is 42P17, not an endless recursion", "[rls]") {
  auto store = storage::Store::open_in_memory();
  Session session(*store);
  session.execute("CREATE TABLE a (id int, ok bool)");
  session.execute("CREATE TABLE b (id int, ok bool)");
  session.execute("ALTER TABLE a ENABLE ROW LEVEL SECURITY");
  session.execute("ALTER TABLE b ENABLE ROW LEVEL SECURITY");
  session.execute("CREATE POLICY pa ON a USING (EXISTS (SELECT 1 FROM b WHERE b.id = a.id))");
  session.execute("CREATE POLICY pb ON b USING (EXISTS (SELECT 1 FROM a WHERE a.id = b.id))");
  session.execute("CREATE ROLE app");
  session.execute("GRANT SELECT ON a, b TO app");
  session.execute("SET ROLE app");
  CHECK(sqlstate_of(session, "SELECT * FROM a") == "42P17");
  CHECK(query_rows(session, "SELECT 1") == Rows{"1"});
}
