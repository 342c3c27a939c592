#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/acl.hpp"
#include "engine/catalog/table_width.hpp"
#include "engine/types/sql_type.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

struct ColumnDef {
  std::string name;
  SqlType type;
  bool not_null = false;
  std::optional<Value> default_value;  ///< a constant DEFAULT, already of the column's type
  std::string default_text;            ///< the DEFAULT as PostgreSQL displays it (column_default, \\d)
  /// What rows stored before ALTER TABLE ADD COLUMN read for this column
  /// (PostgreSQL's attmissingval): the default at the time it was added.
  std::optional<Value> missing_value;
  /// A DEFAULT that must be computed per row (now(), nextval(...)), as SQL
  /// text; empty when the default is the constant `default_value` or none.
  std::string default_expr;
  /// GENERATED ALWAYS (a) / BY DEFAULT (d) AS IDENTITY; 0 for none. Its
  /// values come from `default_expr`, a nextval of the sequence it owns.
  char identity = 0;
  /// GENERATED ALWAYS AS (expr) STORED: the expression as SQL text, bound
  /// again over the row whenever one is written (as CHECK is); empty for a
  /// column that is not generated. Such a column has no DEFAULT.
  std::string generated;
  std::string comment;  ///< COMMENT ON COLUMN; empty for none
  /// A column declared with a domain type: the domain's oid (`type` is its
  /// base type, which values have); its NOT NULL and CHECKs hold on every
  /// value written. 0 for any other column.
  std::uint32_t domain_oid = 0;
  /// attacl: what GRANT ... (column) gave on this column alone; nullopt when
  /// none was ever granted (a column starts with no list of its own).
  Acl acl;

  bool is_generated() const { return !generated.empty(); }
};

/// A secondary index. Its entries live under its own oid (see catalog.hpp).
/// PostgreSQL makes a UNIQUE constraint a unique index of the same name.
struct IndexDef {
  std::uint32_t oid = 0;
  std::string name;
  std::vector<int> columns;  ///< column indexes, in key order; -1 for an expression
  /// Per key position, the expression as SQL text for a -1 column (bound
  /// again over the table where used, like CHECK); empty when there is none.
  std::vector<std::string> expressions;
  std::string predicate;  ///< WHERE of a partial index, as SQL text; empty: every row has an entry
  std::vector<bool> descending;
  std::vector<bool> nulls_first;  ///< PostgreSQL's default: first when descending
  bool unique = false;
  bool constraint = false;  ///< made by a UNIQUE constraint (DROP INDEX refuses it)
  std::string comment;      ///< COMMENT ON INDEX; empty for none
  /// Made over existing history (index_history.hpp): its entries have the
  /// past of the rows they index from SCN history_from on, on branch
  /// history_branch and the branches forked from it later; 0: no past.
  std::uint32_t history_branch = 0;
  std::uint64_t history_from = 0;

  /// Plain columns only, on every row: what may serve as a key a foreign
  /// key references, an ON CONFLICT arbiter named by columns, or a lookup by column values.
  bool plain() const { return expressions.empty() && predicate.empty(); }
};

/// What a vector index's operator class measures: vector_l2_ops,
/// vector_cosine_ops, vector_ip_ops (the operators <->, <=>, <#>).
enum class VectorMetric : std::uint8_t { kL2, kCosine, kInnerProduct };

/// An approximate nearest-neighbour index on one vector column (USING hnsw,
/// ivfflat or ivfpq). The catalog keeps what builds it; the FAISS structure
/// itself lives in memory beside the store (engine/vector/).
struct VectorIndexDef {
  std::uint32_t oid = 0;
  std::string name;
  int column = -1;
  std::string method;  ///< hnsw, ivfflat or ivfpq
  VectorMetric metric = VectorMetric::kL2;
  /// WITH (...), checked and completed with the defaults: m, ef_construction,
  /// quantization, pq_subquantizers, pq_centroids, lists.
  std::vector<std::pair<std::string, std::int64_t>> options;
  std::string quantization;  ///< "" or "product"

  std::int64_t option(std::string_view key, std::int64_t otherwise) const {
    for (const auto& [n, v] : options) {
      if (n == key) return v;
    }
    return otherwise;
  }
};

struct CheckDef {
  std::string name;
  std::string expr;  ///< the condition as SQL text, bound again when used
};

/// FOREIGN KEY (columns) REFERENCES ref_table (ref_columns). Actions are
/// PostgreSQL's confdeltype letters: a no action, r restrict, c cascade,
/// n set null, d set default.
struct ForeignKeyDef {
  std::string name;
  std::vector<int> columns;
  std::uint32_t ref_table = 0;  ///< oid of the referenced table
  std::vector<int> ref_columns;
  char on_delete = 'a';
  char on_update = 'a';
  bool deferrable = false;
  bool initially_deferred = false;  ///< checked at COMMIT unless SET CONSTRAINTS says otherwise
};

/// PostgreSQL's name of a foreign-key action letter: NO ACTION, RESTRICT,
/// CASCADE, SET NULL, SET DEFAULT (information_schema, pg_get_constraintdef).
inline const char* foreign_key_action_name(char action) {
  switch (action) {
    case 'r':
      return "RESTRICT";
    case 'c':
      return "CASCADE";
    case 'n':
      return "SET NULL";
    case 'd':
      return "SET DEFAULT";
    default:
      return "NO ACTION";
  }
}

/// How a materialized view is kept fresh in the background (HeliosDB's
/// WITH (...) after its query; engine/exec/matview_options.hpp reads them).
struct MatViewRefreshOptions {
  bool auto_refresh = false;
  double max_cpu_percent = 15.0;
  std::int64_t threshold_table_size = 0;  ///< bytes the base tables must hold before an automatic refresh
  std::int64_t threshold_dml_rate = 0;    ///< changes per second that trigger one (0: any change)
  bool lazy_update = false;               ///< wait while the database is busy, up to the catch-up window
  std::int64_t lazy_catchup_window = std::int64_t{3600} * 1000000;  ///< the longest staleness allowed, in µs

  bool operator==(const MatViewRefreshOptions&) const = default;
};

/// What makes a table a materialized view (PostgreSQL's relkind 'm'): the
/// query that fills it, kept as a view's is, and what its rows reflect.
struct MaterializedViewDef {
  std::string sql;                       ///< the CREATE MATERIALIZED VIEW statement, refresh options blanked
  std::vector<std::string> search_path;  ///< the schemas its names meant when it was made
  std::vector<std::uint32_t> reads;      ///< oids of the tables and views its query names
  bool populated = true;                 ///< false after WITH NO DATA: reads fail until a refresh
  std::uint64_t refreshed_scn = 0;       ///< the snapshot its rows were computed on
  std::int64_t refreshed_at = 0;         ///< when (unix µs); 0 if never
  MatViewRefreshOptions options;
  /// The tables its query reads, as wide as they were when it was made
  /// (TableWidth); empty in views stored before these were kept.
  std::vector<TableWidth> table_widths;
};

/// CREATE POLICY: which rows of a table a role sees or may write once the
/// table has row-level security (PostgreSQL's pg_policy). Expressions are
/// SQL text, bound again over the table's row wherever they are used.
struct PolicyDef {
  std::uint32_t oid = 0;
  std::string name;
  /// PostgreSQL's polcmd: '*' ALL, 'r' SELECT, 'a' INSERT, 'w' UPDATE, 'd' DELETE.
  char command = '*';
  bool permissive = true;            ///< false: RESTRICTIVE, which every row must also pass
  std::vector<std::uint32_t> roles;  ///< the roles it is for; empty: PUBLIC
  std::string using_expr;            ///< USING: the rows it lets through; empty for none
  std::string check_expr;            ///< WITH CHECK: the rows it lets be written; empty for none

  bool applies_to(char cmd) const { return command == '*' || command == cmd; }
};

/// A table as the catalog stores it. Rows live under the table's oid.
struct TableDef {
  std::uint32_t oid = 0;
  std::string schema = "public";
  std::string name;
  std::vector<ColumnDef> columns;
  std::vector<int> primary_key;  ///< column indexes; empty: rows are keyed by a hidden row id
  std::string primary_key_name;  ///< the constraint's name, PostgreSQL's default "<table>_pkey"
  std::vector<IndexDef> indexes;
  std::vector<VectorIndexDef> vector_indexes;
  std::vector<CheckDef> checks;
  std::vector<ForeignKeyDef> foreign_keys;
  std::string comment;  ///< COMMENT ON TABLE; empty for none
  std::uint32_t owner =
      0;    ///< the owning role's oid (relowner); 0 in tables stored before owners: the bootstrap superuser
  Acl acl;  ///< relacl
  /// Set for a materialized view, whose rows only REFRESH writes.
  std::optional<MaterializedViewDef> materialized;
  bool row_security = false;        ///< ENABLE ROW LEVEL SECURITY (relrowsecurity)
  bool force_row_security = false;  ///< FORCE ROW LEVEL SECURITY: its owner is held to the policies too
  std::vector<PolicyDef> policies;

  bool is_materialized_view() const { return materialized.has_value(); }
  /// "table" or "materialized view", as PostgreSQL's messages name the relation.
  const char* kind_name() const { return materialized ? "materialized view" : "table"; }

  /// Index of the column named `name`, or -1.
  int column_index(std::string_view column) const;
};

}  // namespace heliosdb::engine
