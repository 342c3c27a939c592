// The SQL front end: PostgreSQL 15's grammar into our AST, and its errors.
#include "engine/parser/parser.hpp"
#include "tests/unit/engine/result_text.hpp"

#include <catch2/catch.hpp>

#include "engine/common/db_error.hpp"

using namespace heliosdb::engine;
using namespace heliosdb::engine::ast;

namespace {

Statement parse_one(std::string_view sql) {
  auto statements = parser::parse(sql);
  REQUIRE(statements.size() == 1);
  return std::move(statements[0]);
}

template <typename T>
const T& as(const Statement& s) {
  REQUIRE(std::holds_alternative<T>(s.node));
  return std::get<T>(s.node);
}

template <typename T>
const T& as(const ExprPtr& e) {
  REQUIRE(e != nullptr);
  REQUIRE(std::holds_alternative<T>(e->node));
  return std::get<T>(e->node);
}

const Expr& first_target(std::string_view sql) {
  static Statement holder;
  holder = parse_one(sql);
  return *as<SelectStmt>(holder).targets.at(0).expr;
}

DbError error_of(std::string_view sql) { return testing::parse_error_of(sql); }

}  // namespace

TEST_CASE("several statements keep their places in the text", "[engine][parser]") {
  std::string sql = "SELECT 1; INSERT INTO t VALUES (2);  DELETE FROM t";
  auto statements = parser::parse(sql);
  REQUIRE(statements.size() == 3);
  CHECK(std::holds_alternative<SelectStmt>(statements[0].node));
  CHECK(std::holds_alternative<InsertStmt>(statements[1].node));
  CHECK(std::holds_alternative<DeleteStmt>(statements[2].node));
  CHECK(sql.substr(statements[1].location, statements[1].length) == " INSERT INTO t VALUES (2)");
  CHECK(parser::parse("").empty());
  CHECK(parser::parse(" ; ;").empty());
}

TEST_CASE("a select with joins, filters, grouping, order and limit", "[engine][parser]") {
  Statement s = parse_one(
      "SELECT DISTINCT c.name AS customer, count(*) AS n FROM customers c "
      "LEFT JOIN orders o ON o.customer_id = c.id JOIN items USING (order_id) "
      "WHERE o.total > 100 AND NOT c.archived GROUP BY c.name HAVING count(*) >= 2 "
      "ORDER BY n DESC NULLS LAST, 1 LIMIT 10 OFFSET 5");
  const auto& select = as<SelectStmt>(s);
  CHECK(select.distinct);
  REQUIRE(select.targets.size() == 2);
  CHECK(select.targets[0].alias == "customer");
  CHECK(as<ColumnRef>(select.targets[0].expr).names == std::vector<std::string>{"c", "name"});
  const auto& count = as<FuncCall>(select.targets[1].expr);
  CHECK(count.name == std::vector<std::string>{"count"});
  CHECK(count.star);

  REQUIRE(select.from.size() == 1);
  const auto& outer = std::get<JoinRef>(select.from[0]->node);
  CHECK(outer.kind == JoinRef::Kind::kInner);
  CHECK(outer.using_columns == std::vector<std::string>{"order_id"});
  const auto& inner = std::get<JoinRef>(outer.left->node);
  CHECK(inner.kind == JoinRef::Kind::kLeft);
  CHECK(std::get<RangeVar>(inner.left->node).alias == "c");
  CHECK(as<OperatorExpr>(inner.on).op == "=");

  const auto& where = as<BoolExpr>(select.where);
  CHECK(where.op == BoolExpr::Op::kAnd);
  CHECK(as<BoolExpr>(where.args[1]).op == BoolExpr::Op::kNot);
  CHECK(select.group_by.size() == 1);
  CHECK(as<OperatorExpr>(select.having).op == ">=");
  REQUIRE(select.order_by.size() == 2);
  CHECK(select.order_by[0].descending);
  CHECK(select.order_by[0].nulls_first == false);
  CHECK_FALSE(select.order_by[1].nulls_first.has_value());
  CHECK(as<Literal>(select.limit).integer == 10);
  CHECK(as<Literal>(select.offset).integer == 5);
}

TEST_CASE("literals keep PostgreSQL's distinctions", "[engine][parser]") {
  auto literal = [](std::string_view sql) { return std::get<Literal>(first_target(sql).node); };
  CHECK(literal("SELECT 2147483647").kind == Literal::Kind::kInteger);
  CHECK(literal("SELECT 2147483648").kind == Literal::Kind::kNumeric);  // int8 by its digits, later
  CHECK(literal("SELECT 2147483648").text == "2147483648");
  CHECK(literal("SELECT 1.50").text == "1.50");
  CHECK(literal("SELECT 'it''s'").text == "it's");
  CHECK(literal("SELECT 'it''s'").kind == Literal::Kind::kString);
  CHECK(literal("SELECT true").boolean);
  CHECK(literal("SELECT NULL").kind == Literal::Kind::kNull);
  CHECK(literal("SELECT -5").integer == -5);  // folded by the grammar
}

TEST_CASE("predicates: IN, BETWEEN, LIKE, IS NULL, IS DISTINCT FROM", "[engine][parser]") {
  CHECK(std::get<InList>(first_target("SELECT a NOT IN (1, 2, 3)").node).negated);
  CHECK(std::get<InList>(first_target("SELECT a IN (1, 2, 3)").node).items.size() == 3);
  const auto& between = std::get<Between>(first_target("SELECT a NOT BETWEEN 1 AND 5").node);
  CHECK(between.negated);
  CHECK_FALSE(between.symmetric);
  const auto& like = std::get<Like>(first_target("SELECT name NOT ILIKE 'a!%%' ESCAPE '!'").node);
  CHECK(like.negated);
  CHECK(like.case_insensitive);
  CHECK(std::get<Literal>(like.escape->node).text == "!");
  CHECK(std::get<Like>(first_target("SELECT name LIKE 'x%'").node).escape == nullptr);
  CHECK(std::get<NullTest>(first_target("SELECT a IS NOT NULL").node).is_not);
  CHECK(std::get<DistinctFrom>(first_target("SELECT a IS NOT DISTINCT FROM b").node).negated);
  CHECK(std::get<BooleanTest>(first_target("SELECT a IS NOT TRUE").node).kind == BooleanTest::Kind::kIsNotTrue);
}

TEST_CASE("functions, casts, CASE and the keyword functions", "[engine][parser]") {
  const auto& cast = std::get<Cast>(first_target("SELECT '2024-01-01'::timestamp").node);
  CHECK(cast.type.names == std::vector<std::string>{"timestamp"});
  const auto& numeric = std::get<Cast>(first_target("SELECT CAST(x AS NUMERIC(10, 2))").node);
  CHECK(numeric.type.names == std::vector<std::string>{"numeric"});
  CHECK(numeric.type.modifiers == std::vector<int>{10, 2});
  CHECK(std::get<Cast>(first_target("SELECT x::int[]").node).type.array_dims == 1);

  const auto& c = std::get<CaseExpr>(first_target("SELECT CASE WHEN a > 1 THEN 'big' ELSE 'small' END").node);
  CHECK(c.arg == nullptr);
  CHECK(c.whens.size() == 1);
  CHECK(c.otherwise != nullptr);
  CHECK(std::get<FuncCall>(first_target("SELECT COALESCE(a, b, 0)").node).args.size() == 3);
  CHECK(std::get<FuncCall>(first_target("SELECT NULLIF(a, 0)").node).name == std::vector<std::string>{"nullif"});
  CHECK(std::get<FuncCall>(first_target("SELECT count(DISTINCT a)").node).distinct);
  CHECK(std::get<FuncCall>(first_target("SELECT sum(a) FILTER (WHERE a > 0)").node).filter != nullptr);
  CHECK(std::get<SqlValueFunction>(first_target("SELECT CURRENT_TIMESTAMP").node).kind ==
        SqlValueFunction::Kind::kCurrentTimestamp);
  CHECK(std::get<FuncCall>(first_target("SELECT now()").node).name == std::vector<std::string>{"now"});
  CHECK(std::get<ParamRef>(first_target("SELECT $2").node).number == 2);
}

TEST_CASE("parameters declared void are left out of function calls", "[engine][parser]") {
  // pgjdbc's {? = call f(?)}: $1 holds the result's place.
  auto statements = parser::parse("select * from add_one($1,$2) as result", {1});
  REQUIRE(statements.size() == 1);
  const auto& from = as<SelectStmt>(statements[0]).from;
  REQUIRE(from.size() == 1);
  const auto* function = std::get_if<FunctionRef>(&from[0]->node);
  REQUIRE(function != nullptr);
  const FuncCall& call = as<FuncCall>(function->call);
  REQUIRE(call.args.size() == 1);
  CHECK(as<ParamRef>(call.args[0]).number == 2);
  // Anywhere a call is; a parameter outside one stays.
  auto nested = parser::parse("SELECT upper(f($1, 3)), $1", {1});
  const auto& targets = as<SelectStmt>(nested[0]).targets;
  const FuncCall& upper = as<FuncCall>(targets[0].expr);
  REQUIRE(upper.args.size() == 1);
  CHECK(as<FuncCall>(upper.args[0]).args.size() == 1);
  CHECK(as<ParamRef>(targets[1].expr).number == 1);
  CHECK(as<FuncCall>(as<SelectStmt>(parse_one("SELECT f($1, 3)")).targets[0].expr).args.size() == 2);
}

TEST_CASE("subqueries as expressions and in FROM", "[engine][parser]") {
  CHECK(std::get<SubLink>(first_target("SELECT EXISTS (SELECT 1 FROM t)").node).kind == SubLink::Kind::kExists);
  const auto& in = std::get<SubLink>(first_target("SELECT a IN (SELECT b FROM t)").node);
  CHECK(in.kind == SubLink::Kind::kAny);
  CHECK(in.op == "=");
  CHECK(in.test != nullptr);
  CHECK(std::get<SubLink>(first_target("SELECT (SELECT max(b) FROM t)").node).kind == SubLink::Kind::kScalar);
  Statement s = parse_one("SELECT * FROM (SELECT 1 AS x) AS sub (y)");
  const auto& select = as<SelectStmt>(s);
  CHECK(std::get<ColumnRef>(select.targets[0].expr->node).star);
  const auto& sub = std::get<SubqueryRef>(select.from[0]->node);
  CHECK(sub.alias == "sub");
  CHECK(sub.column_aliases == std::vector<std::string>{"y"});
}

TEST_CASE("set operations and VALUES lists", "[engine][parser]") {
  Statement s = parse_one("SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1");
  const auto& select = as<SelectStmt>(s);
  CHECK(select.set_op == SelectStmt::SetOp::kUnion);
  CHECK(select.set_all);
  CHECK(select.left != nullptr);
  CHECK(select.order_by.size() == 1);
  Statement v = parse_one("VALUES (1, 'a'), (2, 'b')");
  CHECK(as<SelectStmt>(v).values.size() == 2);
}

TEST_CASE("insert, update and delete with RETURNING", "[engine][parser]") {
  Statement ins = parse_one("INSERT INTO products (name, price) VALUES ('a', 1.5), ('b', DEFAULT) RETURNING id");
  const auto& insert = as<InsertStmt>(ins);
  CHECK(insert.table.name == "products");
  CHECK(insert.columns == std::vector<std::string>{"name", "price"});
  REQUIRE(insert.source != nullptr);
  REQUIRE(insert.source->values.size() == 2);
  CHECK(std::holds_alternative<DefaultMarker>(insert.source->values[1][1]->node));
  CHECK(insert.returning.size() == 1);

  Statement from_select = parse_one("INSERT INTO archive SELECT * FROM orders WHERE total > 10");
  CHECK(as<InsertStmt>(from_select).source->from.size() == 1);
  CHECK(std::get<InsertStmt>(parse_one("INSERT INTO t DEFAULT VALUES").node).source == nullptr);

  Statement upd = parse_one("UPDATE products SET price = price * 0.9, stock = stock - 10 WHERE id = 1 RETURNING *");
  const auto& update = as<UpdateStmt>(upd);
  REQUIRE(update.set.size() == 2);
  CHECK(update.set[1].column == "stock");
  CHECK(as<OperatorExpr>(update.set[0].value).op == "*");
  CHECK(update.where != nullptr);

  Statement del = parse_one("DELETE FROM s.t AS x WHERE x.id = $1");
  const auto& d = as<DeleteStmt>(del);
  CHECK(d.table.schema == "s");
  CHECK(d.table.alias == "x");
}

TEST_CASE("create table with column and table constraints", "[engine][parser]") {
  Statement s = parse_one(
      "CREATE TABLE IF NOT EXISTS orders ("
      " id SERIAL PRIMARY KEY,"
      " customer_id INT NOT NULL REFERENCES customers(id),"
      " code VARCHAR(20) UNIQUE,"
      " total NUMERIC(10,2) CHECK (total >= 0),"
      " created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
      " CONSTRAINT orders_pk2 UNIQUE (customer_id, code)"
      ") WITH (fillfactor = 90)");
  const auto& create = as<CreateTableStmt>(s);
  CHECK(create.if_not_exists);
  CHECK(create.table.name == "orders");
  REQUIRE(create.columns.size() == 5);
  CHECK(create.columns[0].type.names == std::vector<std::string>{"serial"});
  CHECK(create.columns[0].constraints.at(0).kind == Constraint::Kind::kPrimaryKey);
  const auto& fk = create.columns[1].constraints.at(1);
  CHECK(fk.kind == Constraint::Kind::kForeignKey);
  CHECK(fk.references->table.name == "customers");
  CHECK(fk.references->columns == std::vector<std::string>{"id"});
  CHECK(create.columns[2].type.names == std::vector<std::string>{"varchar"});
  CHECK(create.columns[2].type.modifiers == std::vector<int>{20});
  CHECK(create.columns[3].constraints.at(0).kind == Constraint::Kind::kCheck);
  CHECK(std::holds_alternative<SqlValueFunction>(create.columns[4].constraints.at(0).expr->node));
  REQUIRE(create.constraints.size() == 1);
  CHECK(create.constraints[0].name == "orders_pk2");
  CHECK(create.constraints[0].columns == std::vector<std::string>{"customer_id", "code"});
  CHECK(create.options.at(0) == std::pair<std::string, std::string>{"fillfactor", "90"});
}

TEST_CASE("drop, transaction control and explain", "[engine][parser]") {
  Statement d = parse_one("DROP TABLE IF EXISTS a, s.b CASCADE");
  const auto& dr = as<DropStmt>(d);
  CHECK(dr.if_exists);
  CHECK(dr.cascade);
  REQUIRE(dr.names.size() == 2);
  CHECK(dr.names[1].schema == "s");
  Statement drop_index = parse_one("DROP INDEX idx");
  CHECK(as<DropStmt>(drop_index).object == DropStmt::Object::kIndex);

  CHECK(std::get<TransactionStmt>(parse_one("BEGIN").node).kind == TransactionStmt::Kind::kBegin);
  Statement start = parse_one("START TRANSACTION ISOLATION LEVEL READ COMMITTED");
  CHECK(as<TransactionStmt>(start).isolation == "read committed");
  CHECK(std::get<TransactionStmt>(parse_one("COMMIT").node).kind == TransactionStmt::Kind::kCommit);
  CHECK(std::get<TransactionStmt>(parse_one("ROLLBACK").node).kind == TransactionStmt::Kind::kRollback);

  Statement e = parse_one("EXPLAIN ANALYZE SELECT * FROM t WHERE id = 1");
  const auto& explain = as<ExplainStmt>(e);
  CHECK(explain.analyze);
  Statement off = parse_one("EXPLAIN (ANALYZE false, VERBOSE) SELECT 1");
  CHECK_FALSE(as<ExplainStmt>(off).analyze);
  CHECK(as<ExplainStmt>(off).verbose);
  Statement read_only = parse_one("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  CHECK(as<TransactionStmt>(read_only).isolation == "repeatable read");
  CHECK(as<TransactionStmt>(read_only).read_only == true);
  CHECK(std::holds_alternative<SelectStmt>(explain.statement->node));
}

TEST_CASE("a syntax error is 42601 with PostgreSQL's message and position", "[engine][parser]") {
  DbError e = error_of("SELECT * FORM t");
  CHECK(e.state() == sqlstate::kSyntaxError);
  CHECK(std::string(e.what()) == "syntax error at or near \"FORM\"");
  CHECK(e.position() == 10);
  DbError unterminated = error_of("SELECT 'abc");
  CHECK(unterminated.state() == sqlstate::kSyntaxError);
  CHECK(error_of("SELEC 1").position() == 1);
}

TEST_CASE("locking clauses keep their strength, wait policy and tables", "[engine][parser]") {
  Statement s = parse_one("SELECT * FROM t AS x FOR KEY SHARE OF x SKIP LOCKED FOR UPDATE NOWAIT");
  const auto& locking = as<SelectStmt>(s).locking;
  REQUIRE(locking.size() == 2);
  CHECK(locking[0].strength == LockingClause::Strength::kKeyShare);
  CHECK(locking[0].wait == LockingClause::Wait::kSkipLocked);
  REQUIRE(locking[0].relations.size() == 1);
  CHECK(locking[0].relations[0].name == "x");
  CHECK(locking[0].relations[0].location == 38);
  CHECK(locking[1].strength == LockingClause::Strength::kUpdate);
  CHECK(locking[1].wait == LockingClause::Wait::kNoWait);
  CHECK(locking[1].relations.empty());
  CHECK(as<SelectStmt>(parse_one("SELECT 1 FOR NO KEY UPDATE")).locking.at(0).strength ==
        LockingClause::Strength::kNoKeyUpdate);
}

TEST_CASE("valid SQL we do not support yet is 0A000 naming the construct", "[engine][parser]") {
  DbError fn = error_of("CREATE PROCEDURE p() AS 'select 1' LANGUAGE sql");
  CHECK(fn.state() == sqlstate::kFeatureNotSupported);
  CHECK(std::string(fn.what()).find("CREATE PROCEDURE") != std::string::npos);
  DbError search = error_of(
      "WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n FROM x) SEARCH DEPTH FIRST BY n SET o "
      "SELECT * FROM x");
  CHECK(std::string(search.what()) == "not supported yet: SEARCH in a WITH query");
  CHECK(error_of("INSERT INTO t VALUES (1) ON CONFLICT (a) WHERE a > 0 DO NOTHING").state() ==
        sqlstate::kFeatureNotSupported);
  CHECK(error_of("INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 1").state() == sqlstate::kSyntaxError);
}

TEST_CASE("WITH clauses: names, column lists, RECURSIVE and data-modifying queries", "[engine][parser]") {
  Statement s = parse_one("WITH RECURSIVE a(x, y) AS (SELECT 1, 2), d AS (DELETE FROM t RETURNING *) SELECT * FROM a");
  const auto& select = as<SelectStmt>(s);
  REQUIRE(select.with);
  CHECK(select.with->recursive);
  REQUIRE(select.with->queries.size() == 2);
  CHECK(select.with->queries[0].name == "a");
  CHECK(select.with->queries[0].column_aliases == std::vector<std::string>{"x", "y"});
  CHECK(std::holds_alternative<SelectStmt>(select.with->queries[0].query->node));
  CHECK(std::holds_alternative<DeleteStmt>(select.with->queries[1].query->node));
  CHECK(as<UpdateStmt>(parse_one("WITH x AS (SELECT 1) UPDATE t SET a = 1")).with);

  DbError twice = error_of("WITH a AS (SELECT 1), a AS (SELECT 2) SELECT * FROM a");
  CHECK(twice.state() == sqlstate::kDuplicateAlias);
  CHECK(twice.position() == 23);
  DbError nested = error_of("SELECT * FROM (WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d) s");
  CHECK(nested.state() == sqlstate::kFeatureNotSupported);
  CHECK(std::string(nested.what()) == "WITH clause containing a data-modifying statement must be at the top level");
}

TEST_CASE("window definitions: OVER, named windows and frames", "[engine][parser]") {
  Statement s = parse_one(
      "SELECT sum(a) OVER (w ORDER BY b ROWS BETWEEN 2 PRECEDING AND CURRENT ROW EXCLUDE TIES) FROM t "
      "WINDOW w AS (PARTITION BY c)");
  const auto& select = as<SelectStmt>(s);
  REQUIRE(select.windows.size() == 1);
  CHECK(select.windows[0]->name == "w");
  CHECK(select.windows[0]->partition_by.size() == 1);
  CHECK_FALSE(select.windows[0]->frame_given);
  const auto& call = as<FuncCall>(select.targets[0].expr);
  REQUIRE(call.over);
  CHECK(call.over->refname == "w");
  CHECK(call.over->order_by.size() == 1);
  CHECK(call.over->frame_given);
  CHECK(call.over->unit == WindowDef::Unit::kRows);
  CHECK(call.over->start.kind == FrameBound::Kind::kPreceding);
  CHECK(call.over->start.offset != nullptr);
  CHECK(call.over->end.kind == FrameBound::Kind::kCurrentRow);
  CHECK(call.over->exclude == WindowDef::Exclude::kTies);
  const auto& ordered = std::get<FuncCall>(first_target("SELECT string_agg(a, ',' ORDER BY b DESC) FROM t").node);
  REQUIRE(ordered.order.size() == 1);
  CHECK(ordered.order[0].descending);
  CHECK(std::get<FuncCall>(first_target("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a) FROM t").node)
            .within_group);
}

TEST_CASE("a NUL byte in the text is rejected as PostgreSQL does", "[engine][parser]") {
  CHECK(error_of(std::string_view("SELECT 1\0", 9)).state() == sqlstate::kCharacterNotInRepertoire);
}

TEST_CASE("ALTER TABLE actions keep their columns, types, USING and CASCADE", "[engine][parser]") {
  auto s = parse_one(
      "ALTER TABLE t DROP COLUMN IF EXISTS a CASCADE, ALTER COLUMN b TYPE bigint USING b::bigint, "
      "ALTER c SET DEFAULT 5, ALTER c DROP DEFAULT, ALTER d SET NOT NULL, ALTER d DROP NOT NULL, "
      "DROP CONSTRAINT k");
  const auto& alter = as<AlterTableStmt>(s);
  REQUIRE(alter.commands.size() == 7);
  const auto& drop = std::get<AlterTableStmt::DropColumn>(alter.commands[0]);
  CHECK((drop.column == "a" && drop.if_exists && drop.cascade));
  const auto& type = std::get<AlterTableStmt::AlterColumnType>(alter.commands[1]);
  CHECK((type.column == "b" && type.type.names.back() == "int8" && type.using_expr != nullptr));
  CHECK(std::get<AlterTableStmt::SetDefault>(alter.commands[2]).value.has_value());
  CHECK_FALSE(std::get<AlterTableStmt::SetDefault>(alter.commands[3]).value.has_value());
  CHECK(std::get<AlterTableStmt::SetNotNull>(alter.commands[4]).not_null);
  CHECK_FALSE(std::get<AlterTableStmt::SetNotNull>(alter.commands[5]).not_null);
  const auto& constraint = std::get<AlterTableStmt::DropConstraint>(alter.commands[6]);
  CHECK((constraint.name == "k" && !constraint.if_exists && !constraint.cascade));
}

TEST_CASE("UPDATE ... FROM, DELETE ... USING, CREATE TABLE AS and SELECT INTO", "[engine][parser]") {
  CHECK(as<UpdateStmt>(parse_one("UPDATE t SET a = u.a FROM u, v WHERE u.id = t.id")).from.size() == 2);
  CHECK(as<DeleteStmt>(parse_one("DELETE FROM t USING u WHERE u.id = t.id")).using_tables.size() == 1);
  auto s = parse_one("CREATE TABLE IF NOT EXISTS n (x, y) AS SELECT 1, 2 WITH NO DATA");
  const auto& create = as<CreateTableAsStmt>(s);
  CHECK((create.table.name == "n" && create.columns == std::vector<std::string>{"x", "y"} && create.if_not_exists &&
         !create.with_data && create.query != nullptr));
  auto into = parse_one("SELECT a INTO n2 FROM t");
  CHECK((as<CreateTableAsStmt>(into).table.name == "n2" && as<CreateTableAsStmt>(into).with_data));
  CHECK_FALSE(as<CreateTableAsStmt>(into).materialized);
}

TEST_CASE("CREATE MATERIALIZED VIEW keeps its text and lifts HeliosDB's refresh options", "[engine][parser]") {
  // PostgreSQL's WITH (...) before AS, and ours after the query (comments inside it too).
  auto s = parse_one(
      "CREATE MATERIALIZED VIEW m (x) WITH (fillfactor = 70) AS SELECT a FROM t GROUP BY a\n"
      "WITH ( auto_refresh = true, -- on\n lazy_catchup_window = '1 hour') WITH NO DATA");
  const auto& create = as<CreateTableAsStmt>(s);
  CHECK((create.materialized && create.table.name == "m" && !create.with_data));
  using Options = std::vector<std::pair<std::string, std::string>>;
  CHECK(create.options == Options{{"fillfactor", "70"}, {"auto_refresh", "true"}, {"lazy_catchup_window", "1 hour"}});
  // The kept text is PostgreSQL's own statement: the lifted clause is blanks.
  CHECK(create.sql.find("auto_refresh") == std::string::npos);
  CHECK(create.sql.find("WITH NO DATA") != std::string::npos);
  CHECK(as<CreateTableAsStmt>(parser::parse(create.sql).at(0)).options == Options{{"fillfactor", "70"}});
  // A query ending in a parenthesized list is not an options clause.
  auto in_list = parse_one("CREATE MATERIALIZED VIEW m AS SELECT a FROM t WHERE a IN (1, 2)");
  CHECK(as<CreateTableAsStmt>(in_list).options.empty());
  CHECK_THROWS_AS(parse_one("CREATE MATERIALIZED VIEW m AS SELECT 1 WITH (auto_refresh)"), DbError);

  const auto refresh = as<RefreshMatViewStmt>(parse_one("REFRESH MATERIALIZED VIEW CONCURRENTLY s.m"));
  CHECK((refresh.name.schema == "s" && refresh.name.name == "m" && refresh.concurrently && refresh.with_data));
  CHECK_THROWS_AS(parse_one("REFRESH MATERIALIZED VIEW CONCURRENTLY m WITH NO DATA"), DbError);
  CHECK(as<DropStmt>(parse_one("DROP MATERIALIZED VIEW IF EXISTS m")).object == DropStmt::Object::kMaterializedView);
}

TEST_CASE("CREATE / ALTER / DROP POLICY and ALTER TABLE ... ROW LEVEL SECURITY", "[engine][parser][rls]") {
  const auto create = as<PolicyStmt>(parse_one(
      "CREATE POLICY p ON s.t AS RESTRICTIVE FOR UPDATE TO alice, CURRENT_USER USING (a = 1) WITH CHECK (b > 2)"));
  CHECK((create.kind == PolicyStmt::Kind::kCreate && create.name == "p"));
  CHECK((create.table.schema == "s" && create.table.name == "t"));
  CHECK((create.command == 'w' && !create.permissive));
  REQUIRE(create.roles.size() == 2);
  CHECK((create.roles[0].name == "alice" && create.roles[1].current));
  CHECK((create.using_ast != nullptr && create.check_ast != nullptr));
  CHECK(create.using_expr.find("a = 1") != std::string::npos);
  // The seed's form: every command, PUBLIC, USING only.
  const auto seed =
      as<PolicyStmt>(parse_one("CREATE POLICY tenant_isolation ON documents USING (tenant_id = current_tenant_id())"));
  // No TO clause is PostgreSQL's TO PUBLIC.
  CHECK((seed.command == '*' && seed.permissive && seed.check_ast == nullptr));
  CHECK((seed.roles.size() == 1 && seed.roles[0].is_public));
  CHECK(as<PolicyStmt>(parse_one("CREATE POLICY p ON t TO PUBLIC")).roles.at(0).is_public);

  const auto alter = as<PolicyStmt>(parse_one("ALTER POLICY p ON t WITH CHECK (true)"));
  CHECK((alter.kind == PolicyStmt::Kind::kAlter && alter.using_ast == nullptr && alter.check_ast != nullptr));
  const auto rename = as<PolicyStmt>(parse_one("ALTER POLICY p ON t RENAME TO q"));
  CHECK((rename.kind == PolicyStmt::Kind::kRename && rename.new_name == "q" && rename.table.name == "t"));
  const auto drop = as<PolicyStmt>(parse_one("DROP POLICY IF EXISTS p ON s.t"));
  CHECK((drop.kind == PolicyStmt::Kind::kDrop && drop.if_exists && drop.table.schema == "s" && drop.name == "p"));

  const auto alter_table = parse_one("ALTER TABLE t ENABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY");
  const auto& enable = as<AlterTableStmt>(alter_table);
  REQUIRE(enable.commands.size() == 2);
  const auto& first = std::get<AlterTableStmt::RowSecurity>(enable.commands[0]);
  const auto& second = std::get<AlterTableStmt::RowSecurity>(enable.commands[1]);
  CHECK((!first.force && first.on && second.force && !second.on));
}
