// pgjdbc 42.5 (Debian's libpostgresql-jdbc-java) against the server, used the
// way Java applications and pools use it: prepared statements past the
// prepareThreshold (named statements, binary transfer), batches, generated
// keys, cursors with fetchSize, savepoints, DatabaseMetaData, error fields.
// Usage: java -cp /usr/share/java/postgresql.jar PgjdbcTest.java PORT
import java.math.BigDecimal;
import java.sql.*;
import java.util.*;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

public class PgjdbcTest {
  static final List<String> failures = new ArrayList<>();

  static void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what);
      System.out.println("FAIL: " + what);
    }
  }

  static String state(Connection c, String sql) {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  interface Section {
    void run() throws SQLException;
  }

  // One part of the test: an exception fails it, and the others still run.
  static void section(String name, Section body) {
    try {
      body.run();
    } catch (SQLException e) {
      check(false, name + ": " + e.getSQLState() + " " + e.getMessage());
    }
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/db?user=postgres&ApplicationName=jdbc-test";
    try (Connection c = DriverManager.getConnection(url)) {
      check(c.isValid(5), "isValid sends an empty query and gets EmptyQueryResponse");
      DatabaseMetaData md = c.getMetaData();
      check(md.getDatabaseMajorVersion() == 15, "server major version 15: " + md.getDatabaseMajorVersion());
      check(md.getDatabaseProductName().equals("PostgreSQL"), "product name");
      schema(c);
      section("prepared statements", () -> preparedPastThreshold(c));
      section("batches", () -> batches(c));
      section("generated keys", () -> generatedKeys(c));
      section("result metadata", () -> resultTypes(c));
      section("getTables", () -> tables(c));
      section("getColumns", () -> columns(c));
      section("getPrimaryKeys", () -> primaryKeys(c));
      section("getIndexInfo", () -> indexInfo(c));
      section("getImportedKeys", () -> importedKeys(c));
      section("getSchemas", () -> schemas(c));
      section("getTypeInfo", () -> typeInfo(c));
      section("transactions", () -> transactions(c));
      section("errors", () -> errors(c));
      section("multiple results", () -> multipleResults(c));
      section("updatable result set", () -> updatableResultSet(c));
      section("callable statements", () -> callable(c));
    }
    if (!failures.isEmpty()) {
      System.out.println(failures.size() + " failure(s)");
      System.exit(1);
    }
    System.out.println("pgjdbc: all checks passed");
  }

  // {? = call f(?)} reaches the server as `select * from f($1,$2) as result`
  // with $1, the result's placeholder, declared void.
  static void callable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1'");
      s.execute("CREATE FUNCTION label_of(n int, prefix text) RETURNS text LANGUAGE sql AS 'SELECT prefix || n'");
    }
    for (int round = 0; round < 7; ++round) {  // past prepareThreshold: named statements too
      try (CallableStatement cs = c.prepareCall("{? = call add_one(?)}")) {
        cs.registerOutParameter(1, Types.INTEGER);
        cs.setInt(2, 40 + round);
        cs.execute();
        check(cs.getInt(1) == 41 + round, "{? = call add_one(?)} round " + round + ": " + cs.getInt(1));
      }
    }
    try (CallableStatement cs = c.prepareCall("{? = call label_of(?, ?)}")) {
      cs.registerOutParameter(1, Types.VARCHAR);
      cs.setInt(2, 7);
      cs.setString(3, "n-");
      cs.execute();
      check("n-7".equals(cs.getString(1)), "{? = call label_of(?, ?)}: " + cs.getString(1));
    }
    try (CallableStatement cs = c.prepareCall("{call add_one(?)}")) {
      cs.setInt(1, 1);
      try (ResultSet rs = cs.executeQuery()) {
        check(rs.next() && rs.getInt(1) == 2, "{call add_one(?)}");
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT {fn abs(?)}, {fn ucase('x')}, {d '2024-01-02'}")) {
      ps.setInt(1, -3);
      try (ResultSet rs = ps.executeQuery()) {
        check(rs.next() && rs.getInt(1) == 3 && rs.getString(2).equals("X"), "JDBC escapes {fn ...} and {d ...}");
      }
    }
  }

  static void schema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS jitems, jkinds");
      s.execute("CREATE TABLE jkinds (id serial PRIMARY KEY, name varchar(40) NOT NULL UNIQUE)");
      s.execute("CREATE TABLE jitems (id bigserial PRIMARY KEY, kind int REFERENCES jkinds(id), "
          + "label text NOT NULL, price numeric(10,2), data bytea, token uuid, born date, "
          + "seen timestamp, at timestamptz, tags text[], counts int[], ratio float8, small int2, "
          + "CONSTRAINT price_positive CHECK (price > 0))");
      s.execute("CREATE INDEX jitems_label ON jitems (label)");
      s.executeUpdate("INSERT INTO jkinds (name) VALUES ('tool'), ('toy')");
    }
  }

  // After prepareThreshold (5) executions pgjdbc switches to a named
  // statement and asks for binary results: values must come back the same.
  static void preparedPastThreshold(Connection c) throws SQLException {
    UUID token = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    try (PreparedStatement ins = c.prepareStatement(
             "INSERT INTO jitems (kind, label, price, data, token, born, seen, at, tags, counts, ratio, small) "
             + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= 8; ++i) {
        ins.setInt(1, 1 + i % 2);
        ins.setString(2, "item " + i);
        ins.setBigDecimal(3, new BigDecimal("1.25").multiply(BigDecimal.valueOf(i)));
        ins.setBytes(4, new byte[] {0, (byte) i, (byte) 0xff});
        ins.setObject(5, token);
        ins.setDate(6, java.sql.Date.valueOf("2024-02-0" + i));
        ins.setTimestamp(7, Timestamp.valueOf("2024-02-01 10:00:0" + i + ".5"));
        ins.setTimestamp(8, Timestamp.valueOf("2024-02-01 10:00:00"));
        ins.setArray(9, c.createArrayOf("text", new String[] {"a", "b" + i}));
        ins.setArray(10, c.createArrayOf("int4", new Integer[] {i, i * 2}));
        ins.setDouble(11, i / 4.0);
        ins.setShort(12, (short) i);
        check(ins.executeUpdate() == 1, "insert " + i + " counts one row");
      }
    }
    try (PreparedStatement q = c.prepareStatement(
             "SELECT id, label, price, data, token, born, seen, tags, counts, ratio, small FROM jitems WHERE small = ?")) {
      for (int round = 0; round < 8; ++round) {
        int i = 1 + round % 8;
        q.setInt(1, i);
        try (ResultSet rs = q.executeQuery()) {
          check(rs.next(), "row " + i + " found in round " + round);
          check(rs.getLong(1) == i, "bigserial id " + i + ": " + rs.getLong(1));
          check(rs.getString(2).equals("item " + i), "label round " + round + ": " + rs.getString(2));
          check(rs.getBigDecimal(3).compareTo(new BigDecimal("1.25").multiply(BigDecimal.valueOf(i))) == 0,
              "numeric round " + round + ": " + rs.getBigDecimal(3));
          check(Arrays.equals(rs.getBytes(4), new byte[] {0, (byte) i, (byte) 0xff}), "bytea round " + round);
          check(token.equals(rs.getObject(5)), "uuid round " + round + ": " + rs.getObject(5));
          check(rs.getDate(6).toString().equals("2024-02-0" + i), "date round " + round + ": " + rs.getDate(6));
          check(rs.getTimestamp(7).equals(Timestamp.valueOf("2024-02-01 10:00:0" + i + ".5")),
              "timestamp round " + round + ": " + rs.getTimestamp(7));
          String[] tags = (String[]) rs.getArray(8).getArray();
          check(Arrays.equals(tags, new String[] {"a", "b" + i}), "text[] round " + round + ": " + Arrays.toString(tags));
          Integer[] counts = (Integer[]) rs.getArray(9).getArray();
          check(Arrays.equals(counts, new Integer[] {i, i * 2}), "int[] round " + round);
          check(rs.getDouble(10) == i / 4.0, "float8 round " + round + ": " + rs.getDouble(10));
          check(rs.getShort(11) == i, "int2 round " + round);
          check(!rs.next(), "one row in round " + round);
        }
      }
    }
  }

  static void batches(Connection c) throws SQLException {
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO jkinds (name) VALUES (?)")) {
      for (int i = 0; i < 20; ++i) {
        ins.setString(1, "batch " + i);
        ins.addBatch();
      }
      int[] counts = ins.executeBatch();
      check(counts.length == 20 && Arrays.stream(counts).allMatch(n -> n == 1 || n == Statement.SUCCESS_NO_INFO),
          "a batch of 20 inserts: " + Arrays.toString(counts));
    }
    // A batch that fails part way: pgjdbc reports BatchUpdateException with the server's SQLSTATE.
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO jkinds (name) VALUES (?)")) {
      ins.setString(1, "fresh");
      ins.addBatch();
      ins.setString(1, "tool");
      ins.addBatch();
      ins.executeBatch();
      check(false, "a duplicate in a batch fails");
    } catch (BatchUpdateException e) {
      check("23505".equals(e.getSQLState()) || "23505".equals(e.getNextException().getSQLState()),
          "batch failure is 23505: " + e.getSQLState());
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM jkinds")) {
      rs.next();
      check(rs.getInt(1) == 22 || rs.getInt(1) == 23, "rows after batches: " + rs.getInt(1));
    }
  }

  static void generatedKeys(Connection c) throws SQLException {
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO jkinds (name) VALUES (?)", new String[] {"id"})) {
      ins.setString(1, "keyed");
      ins.executeUpdate();
      try (ResultSet keys = ins.getGeneratedKeys()) {
        check(keys.next() && keys.getInt(1) > 2, "generated key by column name");
      }
    }
    try (PreparedStatement ins =
             c.prepareStatement("INSERT INTO jkinds (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
      ins.setString(1, "keyed too");
      ins.executeUpdate();
      try (ResultSet keys = ins.getGeneratedKeys()) {
        check(keys.next() && keys.getString("name").equals("keyed too"), "RETURNING * for generated keys");
      }
    }
  }

  static void resultTypes(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, label, price, kind FROM jitems ORDER BY id LIMIT 1")) {
      ResultSetMetaData m = rs.getMetaData();
      check(m.getColumnCount() == 4, "four columns");
      check(m.getColumnTypeName(1).equals("bigserial") || m.getColumnTypeName(1).equals("int8"),
          "id type name: " + m.getColumnTypeName(1));
      check(m.isAutoIncrement(1), "id is auto-increment (pgjdbc reads pg_attrdef's nextval)");
      check(!m.isAutoIncrement(2), "label is not auto-increment");
      check(m.isNullable(2) == ResultSetMetaData.columnNoNulls, "label NOT NULL from pg_attribute");
      check(m.isNullable(3) == ResultSetMetaData.columnNullable, "price nullable");
      check(m.getTableName(2).equals("jitems"), "table name from the RowDescription's table OID: " + m.getTableName(2));
      check(m.getPrecision(3) == 10 && m.getScale(3) == 2, "numeric(10,2): " + m.getPrecision(3) + "," + m.getScale(3));
      check(m.getColumnType(3) == Types.NUMERIC, "numeric JDBC type");
    }
  }

  static Set<String> column(ResultSet rs, String name) throws SQLException {
    Set<String> out = new TreeSet<>();
    while (rs.next()) out.add(rs.getString(name));
    rs.close();
    return out;
  }

  static void tables(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    Set<String> tables = column(md.getTables(null, "public", "j%", new String[] {"TABLE"}), "TABLE_NAME");
    check(tables.equals(new TreeSet<>(List.of("jitems", "jkinds"))), "getTables: " + tables);
  }

  static void columns(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getColumns(null, "public", "jitems", null)) {
      Map<String, String> types = new LinkedHashMap<>();
      Map<String, Integer> nullable = new HashMap<>();
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
        nullable.put(rs.getString("COLUMN_NAME"), rs.getInt("NULLABLE"));
      }
      check(types.size() == 13, "getColumns lists 13 columns: " + types);
      check("bigserial".equals(types.get("id")), "id is bigserial: " + types.get("id"));
      check("numeric".equals(types.get("price")), "price is numeric: " + types.get("price"));
      check("_text".equals(types.get("tags")), "tags is _text: " + types.get("tags"));
      check(Integer.valueOf(DatabaseMetaData.columnNoNulls).equals(nullable.get("label")), "label not nullable");
    }
  }

  static void primaryKeys(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getPrimaryKeys(null, "public", "jitems")) {
      check(rs.next() && rs.getString("COLUMN_NAME").equals("id") && rs.getString("PK_NAME").equals("jitems_pkey"),
          "getPrimaryKeys: id in jitems_pkey");
      check(!rs.next(), "one primary key column");
    }
  }

  static void indexInfo(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    Set<String> indexes = column(md.getIndexInfo(null, "public", "jitems", false, false), "INDEX_NAME");
    check(indexes.contains("jitems_label") && indexes.contains("jitems_pkey"), "getIndexInfo: " + indexes);
  }

  static void importedKeys(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getImportedKeys(null, "public", "jitems")) {
      check(rs.next() && rs.getString("PKTABLE_NAME").equals("jkinds") && rs.getString("FKCOLUMN_NAME").equals("kind"),
          "getImportedKeys: jitems.kind -> jkinds");
    }
  }

  static void schemas(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    // pgjdbc looks the name type up in pg_type for these.
    check(column(md.getClientInfoProperties(), "NAME").contains("ApplicationName"), "getClientInfoProperties");
    Set<String> schemas = column(md.getSchemas(), "TABLE_SCHEM");
    check(schemas.contains("public") && schemas.contains("pg_catalog"), "getSchemas: " + schemas);
  }

  // getTypeInfo reads pg_type and asks the driver how each type maps to
  // java.sql.Types: the values PostgreSQL 15 gives for these types.
  static void typeInfo(Connection c) throws SQLException {
    Map<String, String> seen = new TreeMap<>();
    try (ResultSet rs = c.getMetaData().getTypeInfo()) {
      while (rs.next()) {
        seen.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE") + "/" + rs.getInt("PRECISION") + "/"
            + rs.getBoolean("CASE_SENSITIVE") + "/" + rs.getShort("SEARCHABLE") + "/" + rs.getBoolean("UNSIGNED_ATTRIBUTE"));
      }
    }
    Map<String, String> expected = Map.of("bool", "-7/0/false/3/true", "int4", "4/0/false/3/false", "numeric",
        "2/1000/false/3/false", "text", "12/0/true/3/true", "varchar", "12/10485760/true/3/true", "timestamptz",
        "93/6/false/3/true", "bytea", "-2/0/true/3/true", "_int4", "2003/0/false/3/false");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      check(e.getValue().equals(seen.get(e.getKey())), "getTypeInfo " + e.getKey() + ": " + seen.get(e.getKey()));
    }
  }

  static void transactions(Connection c) throws SQLException {
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO jkinds (name) VALUES ('in txn')");
      Savepoint sp = c.setSavepoint("before_bad");
      check(state(c, "INSERT INTO jkinds (name) VALUES ('tool')") .equals("23505"), "duplicate inside a transaction");
      c.rollback(sp);
      s.executeUpdate("INSERT INTO jkinds (name) VALUES ('after savepoint')");
      // With autocommit off and a fetch size, pgjdbc reads through a portal in chunks.
      s.setFetchSize(3);
      int seen = 0;
      try (ResultSet rs = s.executeQuery("SELECT id FROM jkinds ORDER BY id")) {
        while (rs.next()) ++seen;
      }
      check(seen >= 25, "fetchSize cursor reads every row: " + seen);
      c.rollback();
    }
    c.setAutoCommit(true);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM jkinds WHERE name IN ('in txn', 'after savepoint')")) {
      rs.next();
      check(rs.getInt(1) == 0, "rolled back rows are gone");
    }
  }

  static void errors(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO jkinds (name) VALUES ('tool')");
      check(false, "a duplicate fails");
    } catch (PSQLException e) {
      ServerErrorMessage m = e.getServerErrorMessage();
      check("23505".equals(e.getSQLState()), "unique violation 23505");
      check("jkinds_name_key".equals(m.getConstraint()), "constraint field: " + m.getConstraint());
      check("jkinds".equals(m.getTable()), "table field: " + m.getTable());
      check(m.getDetail() != null && m.getDetail().contains("Key (name)=(tool) already exists."), "detail: " + m.getDetail());
    }
    try (PreparedStatement p = c.prepareStatement("UPDATE jitems SET price = ? WHERE id = 1")) {
      p.setBigDecimal(1, new BigDecimal("-1"));
      p.executeUpdate();
      check(false, "a CHECK violation fails");
    } catch (PSQLException e) {
      check("23514".equals(e.getSQLState()) && "price_positive".equals(e.getServerErrorMessage().getConstraint()),
          "CHECK violation 23514 names price_positive");
    }
    check("42P01".equals(state(c, "SELECT * FROM no_such_table")), "undefined table 42P01");
    check("22012".equals(state(c, "SELECT 1/0")), "division by zero 22012");
    check(c.isValid(5), "the connection still works after errors");
  }

  // An updatable ResultSet finds the table's key with getPrimaryKeys, then
  // writes the row back by it.
  static void updatableResultSet(Connection c) throws SQLException {
    try (Statement s = c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE);
         ResultSet rs = s.executeQuery("SELECT id, name FROM jkinds WHERE name = 'toy'")) {
      check(rs.next(), "the row to update");
      rs.updateString("name", "toy box");
      rs.updateRow();
    }
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM jkinds WHERE name = 'toy box'")) {
      rs.next();
      check(rs.getInt(1) == 1, "updateRow wrote the row back");
    }
    try (ResultSet rs = c.getMetaData().getBestRowIdentifier(null, "public", "jitems", DatabaseMetaData.bestRowSession,
                                                             true)) {
      check(rs.next() && rs.getString("COLUMN_NAME").equals("id"), "getBestRowIdentifier: the primary key");
    }
  }

  static void multipleResults(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      boolean isResult = s.execute("SELECT 1; UPDATE jkinds SET name = name WHERE id = 1; SELECT 'x'");
      check(isResult, "first result is rows");
      try (ResultSet rs = s.getResultSet()) {
        check(rs.next() && rs.getInt(1) == 1, "first result 1");
      }
      check(!s.getMoreResults() && s.getUpdateCount() == 1, "second result: an update count of 1");
      check(s.getMoreResults(), "third result is rows");
      try (ResultSet rs = s.getResultSet()) {
        check(rs.next() && rs.getString(1).equals("x"), "third result 'x'");
      }
    }
  }
}
