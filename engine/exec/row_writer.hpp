#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/table_def.hpp"
#include "engine/exec/bound_expr.hpp"
#include "engine/exec/exec_context.hpp"
#include "engine/exec/generated_columns.hpp"
#include "engine/exec/index_access.hpp"

namespace heliosdb::engine {

/// Where every table row is written. Checks NOT NULL and CHECK constraints,
/// the primary key and unique indexes, keeps every index in step with the
/// rows, and runs the foreign-key checks and ON DELETE/UPDATE actions when the
/// statement ends (finish), as PostgreSQL's constraint triggers do: a row may
/// reference one inserted later by the same statement.
///
/// One writer per statement; tables must not change shape while it lives.
class RowWriter {
 public:
  explicit RowWriter(ExecContext& ctx) : ctx_(ctx) {}

  /// Stores a new row; returns its storage key.
  std::string insert(const TableDef& table, const Row& row);
  /// Stores a new row under a key made elsewhere (a merge copies another
  /// branch's row, hidden row id and all).
  void insert_at(const TableDef& table, const std::string& key, const Row& row);
  /// Replaces the row stored under `key` (whose values were `old_row`);
  /// returns its key, new if the primary key changed.
  std::string update(const TableDef& table, const std::string& key, const Row& old_row, const Row& row);
  void remove(const TableDef& table, const std::string& key, const Row& row);

  /// Queues the foreign-key checks of the stored row `key` against `table` as
  /// given (ALTER TABLE validating a new foreign key over existing rows).
  void queue_child_check(const TableDef& table, const std::string& key) {
    tables_[table.oid] = table;
    child_checks_.push_back({table.oid, key, {}});
  }

  /// Runs the queued foreign-key checks and actions. Throws DbError 23503.
  /// Checks of deferred constraints go to the transaction's queue instead
  /// (ExecContext::deferred).
  void finish();

  /// A deferred check come due: the row stored under `key` of table `table`
  /// must find its parent for foreign key `fk`. Throws 23503.
  void check_reference(std::uint32_t table, const std::string& key, const std::string& fk) {
    check_child({table, key, fk});
  }
  /// A deferred NO ACTION check come due: a row of `parent` with the
  /// referenced `values` went; unless one like it is back, no row of `child`
  /// may reference them through `fk`. Throws 23503.
  void check_parent_gone(std::uint32_t parent, std::uint32_t child, const std::string& fk, const Row& values);

  /// NOT NULL and CHECK constraints of a row about to be written (23502,
  /// 23514), its domain columns' first; insert and update run it themselves.
  /// `old_row`: the row an UPDATE replaces, whose unchanged values are not checked again.
  void check_row(const TableDef& table, const Row& row, const Row* old_row = nullptr);

 private:
  struct ChildCheck {
    std::uint32_t table;
    std::string key;
    std::string fk;  ///< just this foreign key (a deferred check); empty: every one not deferred
  };
  struct ParentChange {
    std::uint32_t table;
    Row old_row;
    std::optional<Row> new_row;  ///< none: deleted
  };
  struct Reference {
    TableDef child;
    ForeignKeyDef fk;
  };

  void add_index_entries(const TableDef& table, const Row& row, std::string_view suffix);
  void remove_index_entries(const TableDef& table, const Row& row, std::string_view suffix);
  void put_index_entry(const IndexDef& index, const std::string& entry, std::string_view suffix);
  void put_row(const TableDef& table, const std::string& key, const Row& row, bool must_be_new);
  void queue_foreign_keys(const TableDef& table, const std::string& key, const Row* old_row, const Row* row);

  void check_child(const ChildCheck& check);
  void apply_parent_change(const ParentChange& change);
  void act_on_child(const Reference& ref, const TableDef& parent, const KeyedRow& child, const ParentChange& change);

  const TableDef& table_by_oid(std::uint32_t oid);
  const std::vector<Reference>& references_to(std::uint32_t oid);
  const std::vector<BoundExprPtr>& checks_of(const TableDef& table);
  const GeneratedColumns& generated_of(const TableDef& table);

  ExecContext& ctx_;
  std::vector<ChildCheck> child_checks_;
  std::vector<ParentChange> parent_changes_;
  std::map<std::uint32_t, TableDef> tables_;
  std::map<std::uint32_t, std::vector<Reference>> references_;
  std::map<std::uint32_t, std::vector<BoundExprPtr>> checks_;
  std::map<std::uint32_t, GeneratedColumns> generated_;
};

}  // namespace heliosdb::engine
