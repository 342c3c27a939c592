#pragma once

// HeliosDB-Lite's embedded API: open a database in this process and run SQL
// on it, as with SQLite, with PostgreSQL's SQL and errors.
//
//   auto db = heliosdb::Database::open("./mydb");
//   db->execute("CREATE TABLE users (id INT PRIMARY KEY, name TEXT)");
//   db->execute("INSERT INTO users VALUES ($1, $2)", {1, "Alice"});
//   heliosdb::Result r = db->query("SELECT name FROM users WHERE id = $1", {1});
//   std::string name = r.get_string(0, 0);
//
// Thread safety: one Database may be shared by any number of threads; each
// call runs in its own transaction unless made through a Transaction. A
// Transaction, a PreparedStatement and a Result belong to one thread at a
// time. All of them must not outlive the Database that made them.

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace heliosdb {

/// A failed statement, with PostgreSQL's error fields: `sqlstate()` is the
/// five-character code (23505 unique violation, 40001 serialization
/// failure, ...), `position()` the 1-based character in the statement or 0.
class Error : public std::runtime_error {
 public:
  Error(std::string sqlstate, const std::string& message, std::string detail = {}, std::string hint = {},
        int position = 0)
      : std::runtime_error(message),
        sqlstate_(std::move(sqlstate)),
        detail_(std::move(detail)),
        hint_(std::move(hint)),
        position_(position) {}
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }
  int position() const { return position_; }

 private:
  std::string sqlstate_;
  std::string detail_;
  std::string hint_;
  int position_;
};

/// A value for a $1, $2, ... parameter. Strings take their type from where
/// they are used, like a quoted literal ('42' can fill an integer column).
class Param {
 public:
  Param(std::nullptr_t) {}  // NULL
  Param(bool v) : value_(v) {}
  Param(int v) : value_(static_cast<std::int64_t>(v)) {}
  Param(std::int64_t v) : value_(v) {}
  Param(double v) : value_(v) {}
  Param(const char* v) : value_(std::string(v)) {}
  Param(std::string v) : value_(std::move(v)) {}
  Param(std::string_view v) : value_(std::string(v)) {}

  using Variant = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
  const Variant& value() const { return value_; }

 private:
  Variant value_;
};

using Params = std::vector<Param>;

/// A 256-bit master key for encryption at rest. Keep it apart from the
/// database: without it an encrypted database cannot be opened by anyone,
/// including you.
class EncryptionKey {
 public:
  /// A new random key.
  static EncryptionKey generate();
  /// A key written as 64 hexadecimal digits (what to_hex() gives; a key file
  /// holding it may end in a newline). Throws Error (22023) otherwise.
  static EncryptionKey from_hex(std::string_view hex);
  std::string to_hex() const;
  const std::array<std::uint8_t, 32>& bytes() const { return bytes_; }

 private:
  std::array<std::uint8_t, 32> bytes_{};
};

/// How to open a database.
struct Config {
  /// fsync every commit (durable). Off trades the last commits before a
  /// crash for speed, like PostgreSQL's synchronous_commit = off.
  bool sync_commits = true;
  /// Virtual size reserved for the data file; it grows past this when needed.
  std::size_t initial_map_size = std::size_t{64} << 30;
  /// Days of history kept for AS OF and VERSIONS BETWEEN; 0 keeps it all.
  /// Older history is compacted every compact_interval_hours and by VACUUM.
  double retention_days = 0;
  int compact_interval_hours = 24;
  /// Encrypts the database at rest: values with AES-256-GCM, keys with an
  /// order-preserving cipher (readable by no one, though their order shows),
  /// vector indexes' files sealed. A database created with a key is
  /// encrypted for good and opens only with that key (Error 28000 without it
  /// or with another); a key given for an existing plain database is refused.
  std::optional<EncryptionKey> encryption_key;
};

/// The rows and columns a statement returned, with PostgreSQL's types.
class Result {
 public:
  std::size_t column_count() const;
  std::size_t row_count() const;
  const std::string& column_name(std::size_t column) const;
  /// The type as PostgreSQL names it: "integer", "text", "character varying(20)".
  std::string column_type(std::size_t column) const;
  /// The type's OID in pg_type (int4 = 23, text = 25, ...).
  std::uint32_t column_type_oid(std::size_t column) const;

  bool is_null(std::size_t row, std::size_t column) const;
  /// The value of an integer or boolean column. Throws Error (22004) for NULL,
  /// (42804) for a column of another type, std::out_of_range past the end.
  std::int64_t get_int(std::size_t row, std::size_t column) const;
  /// The value of any numeric column.
  double get_double(std::size_t row, std::size_t column) const;
  bool get_bool(std::size_t row, std::size_t column) const;
  /// Any value in PostgreSQL's text form (what psql shows); "" for NULL.
  std::string get_string(std::size_t row, std::size_t column) const;

  /// PostgreSQL's command tag: "SELECT 3", "INSERT 0 1", "CREATE TABLE".
  const std::string& command_tag() const;
  std::uint64_t rows_affected() const;

  struct Impl;
  explicit Result(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

 private:
  std::shared_ptr<const Impl> impl_;
};

class PreparedStatement;

/// An explicit transaction: snapshot isolation (REPEATABLE READ) until
/// commit() or rollback(). Rolls back if destroyed while open. commit() may
/// throw Error 40001 if another transaction changed the same rows first.
class Transaction {
 public:
  ~Transaction();
  Transaction(Transaction&&) noexcept;
  Transaction& operator=(Transaction&&) noexcept;

  std::uint64_t execute(std::string_view sql, const Params& params = {});
  Result query(std::string_view sql, const Params& params = {});
  /// A statement parsed once that runs inside this transaction; it must not
  /// be used after the transaction ends.
  PreparedStatement prepare(std::string_view sql);
  void commit();
  void rollback();

  struct Impl;
  explicit Transaction(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

/// A statement parsed once and run many times with different parameters.
class PreparedStatement {
 public:
  ~PreparedStatement();
  PreparedStatement(PreparedStatement&&) noexcept;
  PreparedStatement& operator=(PreparedStatement&&) noexcept;

  std::uint64_t execute(const Params& params = {});
  Result query(const Params& params = {});

  struct Impl;
  explicit PreparedStatement(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

/// One database: a directory on disk, or memory that is gone on close.
class Database {
 public:
  /// Opens or creates the database in `path`. Throws Error on failure.
  static std::unique_ptr<Database> open(const std::filesystem::path& path, const Config& config = {});
  /// Opens the database in `path` on a branch (CREATE DATABASE BRANCH made
  /// it): statements read and write that branch. Throws Error 3D000 if there
  /// is no such branch.
  static std::unique_ptr<Database> open_branch(const std::filesystem::path& path, std::string_view branch,
                                               const Config& config = {});
  /// A database in memory (a temporary directory in /dev/shm, never fsynced).
  static std::unique_ptr<Database> open_in_memory();
  ~Database();

  /// Runs one or more statements; returns the rows the last one affected.
  std::uint64_t execute(std::string_view sql, const Params& params = {});
  /// Runs one or more statements; returns the last one's result.
  Result query(std::string_view sql, const Params& params = {});
  Transaction begin_transaction();
  /// Parses `sql` now; throws Error for a syntax error.
  PreparedStatement prepare(std::string_view sql);
  /// The branch statements run on: "main", open_branch's, or the last USE BRANCH.
  std::string branch() const;

  struct Impl;

 private:
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace heliosdb
