#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog_memo.hpp"
#include "engine/catalog/domain_def.hpp"
#include "engine/catalog/enum_def.hpp"
#include "engine/catalog/extension_def.hpp"
#include "engine/catalog/function_def.hpp"
#include "engine/catalog/role_def.hpp"
#include "engine/catalog/schema_def.hpp"
#include "engine/catalog/sequence_def.hpp"
#include "engine/catalog/table_def.hpp"
#include "engine/catalog/view_def.hpp"
#include "storage/transaction.hpp"

namespace heliosdb::engine {

/// The system catalog, stored as keys in the same transactional store as the
/// rows, so a schema change commits, rolls back, time-travels and branches
/// with the data. Works inside one storage transaction; not thread-safe.
///
/// Key layout (first byte is the key space):
///   0x01 0x01 "next_oid"          -> u32   next object id
///   0x01 0x02 schema 0x00 name    -> TableDef (with its indexes and constraints)
///   0x01 0x04 oid(4)              -> schema 0x00 name   (tables, sequences and views)
///   0x01 0x05 schema 0x00 name    -> SequenceDef
///   0x01 0x06 name                -> RoleDef
///   0x01 0x07 branch id(4)        -> u64 SCN of that branch last merged here
///   0x01 0x08 schema 0x00 name    -> ViewDef
///   0x01 0x09 name                -> SchemaDef
///   0x01 0x0A schema 0x00 name    -> EnumDef (CREATE TYPE ... AS ENUM)
///   0x01 0x0B schema 0x00 name    -> DomainDef (CREATE DOMAIN)
///   0x01 0x0C schema 0x00 name 0x00 oid(4) -> FunctionDef (CREATE FUNCTION; overloads by oid)
///   0x01 0x0D role(4) member(4)   -> RoleMembership (GRANT role TO role)
///   0x01 0x0E name                -> ExtensionDef (CREATE EXTENSION)
///   0x01 0x0F object              -> Acl of a built-in object ("schema public", "database")
///   0x01 0x10 role(4) schema(4) kind(1) -> DefaultAcl (ALTER DEFAULT PRIVILEGES)
///   0x02 oid(4) primary-key bytes -> row   (see row_codec.hpp)
///   0x03 index oid(4) key bytes   -> row key suffix   (see index_maintenance.hpp)
///   0x05 sequence oid(4)          -> SequenceState    (written outside the caller's transaction)
/// What a stored key holds, by the layout below: how a merge of two
/// branches treats it.
struct KeyClass {
  enum class Kind : std::uint8_t {
    kOidCounter,
    kTable,
    kOidName,
    kSequence,
    kView,
    kRole,
    kSchema,
    kType,
    kFunction,
    kRow,
    kIndexEntry,
    kSequenceState,
    kMergeRecord,
    kOther
  };
  Kind kind = Kind::kOther;
  std::uint32_t oid = 0;  ///< kRow, kIndexEntry, kSequenceState, kOidName: the object's oid
  std::string name;       ///< kTable, kSequence, kView, kType, kFunction: "schema.name"; kRole, kSchema: its name
};

class Catalog {
 public:
  /// With a `memo`, lookups are kept across the statements of a session
  /// while the catalog as this transaction sees it stays the same.
  explicit Catalog(storage::Transaction& txn, CatalogMemo* memo = nullptr) : txn_(txn), memo_(memo) {}
  /// The session's memo, emptied first if the catalog changed since it was
  /// filled; null without one.
  CatalogMemo* memo();

  std::optional<TableDef> find_table(std::string_view schema, std::string_view name);
  /// The same without a copy: the decoded definition, shared with every
  /// transaction that reads the same stored bytes. Null if there is none.
  std::shared_ptr<const TableDef> table(std::string_view schema, std::string_view name);
  std::optional<TableDef> find_table(std::uint32_t oid);
  /// The table's definition as it was at `scn` on this branch (null if it
  /// did not exist then): what a read AS OF that point decodes rows with.
  std::shared_ptr<const TableDef> table_as_of(std::string_view schema, std::string_view name, storage::Scn scn);
  /// A table definition in force over [start, end) (end 0: still).
  struct TableVersion {
    storage::Scn start = 0;
    storage::Scn end = 0;
    std::shared_ptr<const TableDef> def;
  };
  /// The definitions the table of that name had since `from`, oldest first.
  std::vector<TableVersion> table_versions(std::string_view schema, std::string_view name, storage::Scn from);
  /// The table owning the index `name`, and the index's position in it.
  std::optional<std::pair<TableDef, std::size_t>> find_index(std::string_view schema, std::string_view name);
  /// A vector index (USING hnsw, ivfflat, ivfpq) by name: its table and position in vector_indexes.
  std::optional<std::pair<TableDef, std::size_t>> find_vector_index(std::string_view schema, std::string_view name);
  std::optional<SequenceDef> find_sequence(std::string_view schema, std::string_view name);
  std::optional<SequenceDef> find_sequence(std::uint32_t oid);
  /// Every sequence, ordered by schema and name.
  std::vector<SequenceDef> sequences();
  /// Stores a new sequence (a fresh oid if 0) with its initial state. Throws 42P07 if the name is taken.
  SequenceDef create_sequence(SequenceDef def);
  /// Stores a changed definition (same oid and name).
  void update_sequence(const SequenceDef& def);
  void drop_sequence(const SequenceDef& def);
  /// Where a sequence's current value lives.
  static std::string sequence_state_key(std::uint32_t oid);

  std::optional<ViewDef> find_view(std::string_view schema, std::string_view name);
  std::optional<ViewDef> find_view(std::uint32_t oid);
  /// Every view, ordered by schema and name.
  std::vector<ViewDef> views();
  /// Stores a new view (a fresh oid if 0). Throws 42P07 if the name is taken.
  ViewDef create_view(ViewDef def);
  /// Stores a changed definition (same oid and name: CREATE OR REPLACE VIEW).
  void update_view(const ViewDef& def);
  /// Moves a view or sequence to a new name in its schema (its oid stays); the caller checks the name is free.
  void rename_view(const ViewDef& def, const std::string& new_name);
  void rename_sequence(const SequenceDef& def, const std::string& new_name);
  void drop_view(const ViewDef& def);

  std::optional<RoleDef> find_role(std::string_view name);
  std::optional<RoleDef> find_role(std::uint32_t oid);
  /// Every role, ordered by name.
  std::vector<RoleDef> roles();
  /// Stores a new role (a fresh oid if 0). Throws 42710 if the name is taken.
  RoleDef create_role(RoleDef def);
  /// Stores a changed definition of `old` (same oid), under its new name if renamed.
  void update_role(const RoleDef& old, const RoleDef& updated);
  /// Drops the role and its memberships, as a role and as a member.
  void drop_role(const RoleDef& def);
  /// GRANT role TO role: every membership stored (not the predefined
  /// roles' own, which pg_auth_members adds), by role then member.
  std::vector<RoleMembership> role_memberships();
  /// Adds or replaces the membership of m.member in m.role.
  void put_role_membership(const RoleMembership& m);
  void drop_role_membership(std::uint32_t role, std::uint32_t member);

  /// A schema made by CREATE SCHEMA (the built-in ones are not stored).
  std::optional<SchemaDef> find_schema(std::string_view name);
  /// Every created schema, ordered by name.
  std::vector<SchemaDef> schemas();
  /// Stores a new schema (a fresh oid if 0). Throws 42P06 if the name is taken.
  SchemaDef create_schema(SchemaDef def);
  /// Stores a changed definition (same oid and name: a new owner).
  void update_schema(const SchemaDef& def);
  void drop_schema(const SchemaDef& def);

  std::optional<ExtensionDef> find_extension(std::string_view name);
  /// Every extension created, ordered by name.
  std::vector<ExtensionDef> extensions();
  /// Stores a new extension (allocating its oid); 42710 if it exists.
  ExtensionDef create_extension(ExtensionDef def);
  void drop_extension(const ExtensionDef& def);

  /// GRANT and REVOKE on an object that is not stored (a built-in schema,
  /// the database), by a name such as "schema public": its access list,
  /// nullopt until the first change.
  Acl builtin_acl(std::string_view object);
  void put_builtin_acl(std::string_view object, const Acl& acl);

  /// ALTER DEFAULT PRIVILEGES: what `role`'s new objects of a kind get in a
  /// schema (by oid; 0 for every schema).
  std::optional<DefaultAcl> find_default_acl(std::uint32_t role, std::uint32_t schema, char object_type);
  /// Every entry, by role, schema and kind.
  std::vector<DefaultAcl> default_acls();
  /// Stores an entry (a fresh oid if 0), replacing the one for its role, schema and kind.
  void put_default_acl(DefaultAcl def);
  void drop_default_acl(const DefaultAcl& def);

  /// An enum type by schema and name, or by its oid.
  std::optional<EnumDef> find_enum(std::string_view schema, std::string_view name);
  std::optional<EnumDef> find_enum(std::uint32_t oid);
  /// Every enum type, ordered by schema and name.
  std::vector<EnumDef> enums();
  /// The enum type as committed when this transaction's snapshot was taken,
  /// without this transaction's own changes (null if it did not exist then).
  std::optional<EnumDef> committed_enum(std::string_view schema, std::string_view name);
  /// Stores a new enum type with fresh oids for it, its array type and its
  /// labels. Throws 42710 if a type (an enum, or a table's row type) has the name.
  EnumDef create_enum(EnumDef def);
  /// Stores a changed definition of `old` (same oid), under its new name if renamed.
  void update_enum(const EnumDef& old, const EnumDef& updated);
  void drop_enum(const EnumDef& def);

  /// A domain by schema and name, or by its oid.
  std::optional<DomainDef> find_domain(std::string_view schema, std::string_view name);
  std::optional<DomainDef> find_domain(std::uint32_t oid);
  /// Every domain, ordered by schema and name.
  std::vector<DomainDef> domains();
  /// Stores a new domain with fresh oids for it, its array type and its
  /// checks. Throws 42710 if a type (an enum, a domain, or a table's row type) has the name.
  DomainDef create_domain(DomainDef def);
  /// Stores a changed definition of `old` (same oid), under its new name if
  /// renamed; checks without an oid get one.
  void update_domain(const DomainDef& old, DomainDef updated);
  void drop_domain(const DomainDef& def);
  /// Every user function, ordered by schema, name and oid.
  std::vector<FunctionDef> functions();
  /// The overloads of `name` in `schema`, oldest first.
  std::vector<FunctionDef> functions(std::string_view schema, std::string_view name);
  std::optional<FunctionDef> find_function(std::uint32_t oid);
  /// Stores a new function with a fresh oid; the caller has checked that no
  /// function of the schema has its name and input types.
  FunctionDef create_function(FunctionDef def);
  /// Stores a changed definition of `old` (same oid), under its new name or schema if moved.
  void update_function(const FunctionDef& old, const FunctionDef& updated);
  void drop_function(const FunctionDef& def);
  /// Whether a user's type (an enum or a domain) is called `name` in `schema`.
  bool user_type_exists(std::string_view schema, std::string_view name);

  /// Whether a table, index, sequence or view is called `name` (they share one namespace).
  bool relation_exists(std::string_view schema, std::string_view name);
  /// A fresh object id, for a table or an index.
  std::uint32_t allocate_oid();
  /// Every table, ordered by schema and name.
  std::vector<TableDef> tables();
  /// Stores `def` under its oid (a new one if 0) and returns it. Throws DbError 42P07 if the
  /// name is taken.
  TableDef create_table(TableDef def);
  /// Stores a changed definition of `old` (same oid), under its new name if
  /// renamed. Throws DbError 42P07 if that name is taken.
  void update_table(const TableDef& old, const TableDef& updated);
  /// Removes the table, its rows and its index entries.
  void drop_table(const TableDef& def);

  /// Every stored row of `table`: its storage key and encoded row, in key order.
  storage::Scanner scan_rows(const TableDef& table);
  /// The same as of `scn` (nullopt: the present).
  storage::Scanner scan_rows(const TableDef& table, std::optional<storage::Scn> as_of);
  /// Deletes every row of `table` (TRUNCATE, DROP).
  void delete_rows(const TableDef& table);

  static KeyClass classify_key(std::string_view key);
  /// Where a branch records the source SCN it last merged from `source`.
  static std::string merge_record_key(std::uint32_t source);

  /// The first key of a table's rows, and the key past its last.
  static std::string rows_begin(std::uint32_t oid);
  static std::string rows_end(std::uint32_t oid);
  /// The first key of an index's entries, and the key past its last.
  static std::string index_begin(std::uint32_t oid);
  static std::string index_end(std::uint32_t oid);
  /// Deletes every entry of an index (DROP INDEX, TRUNCATE).
  void delete_index_entries(std::uint32_t oid);

 private:
  void delete_range(const std::string& begin, const std::string& end);

  storage::Transaction& txn_;
  CatalogMemo* memo_;
};

}  // namespace heliosdb::engine
