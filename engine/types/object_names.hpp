#pragma once
// regclass and regtype: an oid that reads and prints as a name. Turning one
// into the other needs the catalog, which the statement running on this
// thread lends through ObjectNames, so that a cast anywhere in an
// expression (a column's text cast to regclass, say) can look names up.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// The pseudo-types a function returns that no value has (pg_proc.prorettype).
inline constexpr std::uint32_t kRecordPseudoTypeOid = 2249;
inline constexpr std::uint32_t kVoidPseudoTypeOid = 2278;

/// One label of an enum type, as a pg_enum row.
struct EnumLabel {
  std::uint32_t type_oid = 0;  ///< enumtypid
  std::uint32_t oid = 0;       ///< the label's own oid, which stored values hold
  double sort_order = 0;       ///< enumsortorder: enum values compare by it
  std::string label;
  /// Added by ALTER TYPE ... ADD VALUE in the transaction still running: not
  /// to be used before it commits (PostgreSQL's 55P04).
  bool uncommitted = false;
};

class ObjectNames {
 public:
  virtual ~ObjectNames() = default;
  /// The oid of the relation `name` (perhaps schema-qualified, perhaps quoted), if there is one.
  virtual std::optional<std::uint32_t> relation_oid(std::string_view name) = 0;
  /// The relation's name as regclass prints it (quoted where needed).
  virtual std::optional<std::string> relation_name(std::uint32_t oid) = 0;
  /// The type `name` spells as SQL writes types ("integer", "varchar(10)[]"); throws 42704.
  virtual SqlType type_named(std::string_view name) = 0;
  /// Whether the relation is a table of the user's (not a view, index, sequence or catalog).
  virtual bool is_user_table(std::uint32_t oid) = 0;
  /// A user's type named `names` (qualified or found on the search path), if there is one:
  /// what resolve_type_name falls back on for a name it does not know.
  virtual std::optional<SqlType> user_type(const std::vector<std::string>& names) = 0;
  /// The name of the user's type `oid` as format_type prints it (qualified when not visible).
  virtual std::optional<std::string> user_type_name(std::uint32_t oid) = 0;
  /// The labels of the enum type `type_oid` in sort order (empty if it has none or is no enum).
  virtual std::vector<EnumLabel> enum_labels(std::uint32_t type_oid) = 0;
  /// The label whose oid is `label_oid`, if any enum type has it.
  virtual std::optional<EnumLabel> enum_label(std::uint32_t label_oid) = 0;
};

/// The catalog lent to this thread, or null when no statement runs here.
ObjectNames* lent_object_names();

/// Lends `names` to this thread while it lives (statements nest: the
/// previous one comes back after).
class ObjectNamesScope {
 public:
  explicit ObjectNamesScope(ObjectNames* names);
  ~ObjectNamesScope();
  ObjectNamesScope(const ObjectNamesScope&) = delete;
  ObjectNamesScope& operator=(const ObjectNamesScope&) = delete;

 private:
  ObjectNames* saved_;
};

/// oid, regclass and regtype: the types whose values are oids.
inline bool is_oid_type(TypeId id) { return id == TypeId::kOid || id == TypeId::kRegclass || id == TypeId::kRegtype; }

/// regclassin: a relation name (42P01 if there is none) or an oid's digits.
Value regclass_in(std::string_view text);
/// regtypein: a type name (42704 if unknown) or an oid's digits.
Value regtype_in(std::string_view text);
/// An oid as `type` (oid, regclass or regtype), carrying the name it prints as.
Value oid_value(TypeId type, std::uint32_t oid);
/// pg_relation_is_publishable(oid): true for a user's table, false for any
/// other relation, nullopt for an oid that names none.
std::optional<bool> relation_is_publishable(std::uint32_t oid);

/// regclassout / regtypeout: the name, or the oid's digits when it names nothing.
std::string format_oid_value(const Value& v);

}  // namespace heliosdb::engine
