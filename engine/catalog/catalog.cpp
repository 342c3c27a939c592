#include "engine/catalog/catalog.hpp"

#include <algorithm>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "engine/catalog/table_codec.hpp"
#include "engine/common/db_error.hpp"
#include "storage/key_encoding.hpp"
#include "storage/store.hpp"
#include "storage/version_format.hpp"

namespace heliosdb::engine {

namespace {

constexpr char kCatalogSpace = 0x01;
constexpr char kDataSpace = 0x02;
constexpr char kCounterKind = 0x01;
constexpr char kTableKind = 0x02;
constexpr char kOidKind = 0x04;
constexpr char kSequenceKind = 0x05;
constexpr char kRoleKind = 0x06;
constexpr char kMergeKind = 0x07;
constexpr char kViewKind = 0x08;
constexpr char kSchemaKind = 0x09;
constexpr char kEnumKind = 0x0A;
constexpr char kDomainKind = 0x0B;
constexpr char kFunctionKind = 0x0C;
constexpr char kRoleMemberKind = 0x0D;
constexpr char kExtensionKind = 0x0E;
constexpr char kBuiltinAclKind = 0x0F;
constexpr char kDefaultAclKind = 0x10;
constexpr char kIndexSpace = 0x03;
constexpr char kSequenceStateSpace = 0x05;
// PostgreSQL hands out user object ids from 16384 (FirstNormalObjectId).
constexpr std::uint32_t kFirstUserOid = 16384;

std::string table_key(std::string_view schema, std::string_view name) {
  std::string key{kCatalogSpace, kTableKind};
  key.append(schema);
  key.push_back('\0');
  key.append(name);
  return key;
}

std::string table_prefix() { return std::string{kCatalogSpace, kTableKind}; }

std::string sequence_key(std::string_view schema, std::string_view name) {
  std::string key{kCatalogSpace, kSequenceKind};
  key.append(schema);
  key.push_back('\0');
  key.append(name);
  return key;
}

std::string view_key(std::string_view schema, std::string_view name) {
  std::string key{kCatalogSpace, kViewKind};
  key.append(schema);
  key.push_back('\0');
  key.append(name);
  return key;
}

std::string enum_key(std::string_view schema, std::string_view name) {
  std::string key{kCatalogSpace, kEnumKind};
  key.append(schema);
  key.push_back('\0');
  key.append(name);
  return key;
}

std::string domain_key(std::string_view schema, std::string_view name) {
  std::string key{kCatalogSpace, kDomainKind};
  key.append(schema);
  key.push_back('\0');
  key.append(name);
  return key;
}

std::string function_prefix(std::string_view schema, std::string_view name) {
  std::string key{kCatalogSpace, kFunctionKind};
  key.append(schema);
  key.push_back('\0');
  key.append(name);
  key.push_back('\0');
  return key;
}

// Overloads share schema and name; the oid keeps them apart (the signature is checked before storing).
std::string function_key(const FunctionDef& def) {
  std::string key = function_prefix(def.schema, def.name);
  storage::format::put_u32(key, def.oid);
  return key;
}

std::string role_key(std::string_view name) {
  std::string key{kCatalogSpace, kRoleKind};
  key.append(name);
  return key;
}

// By role, then member: a role's members are adjacent.
std::string role_member_key(std::uint32_t role, std::uint32_t member) {
  std::string key{kCatalogSpace, kRoleMemberKind};
  storage::format::put_u32(key, role);
  storage::format::put_u32(key, member);
  return key;
}

std::string extension_key(std::string_view name) {
  std::string key{kCatalogSpace, kExtensionKind};
  key.append(name);
  return key;
}

std::string builtin_acl_key(std::string_view object) {
  std::string key{kCatalogSpace, kBuiltinAclKind};
  key.append(object);
  return key;
}

// By role, then schema and kind: what one role's new objects get is adjacent.
std::string default_acl_key(std::uint32_t role, std::uint32_t schema, char object_type) {
  std::string key{kCatalogSpace, kDefaultAclKind};
  storage::format::put_u32(key, role);
  storage::format::put_u32(key, schema);
  key.push_back(object_type);
  return key;
}

std::string schema_key(std::string_view name) {
  std::string key{kCatalogSpace, kSchemaKind};
  key.append(name);
  return key;
}

std::string oid_key(std::uint32_t oid) {
  std::string key{kCatalogSpace, kOidKind};
  storage::format::put_u32(key, oid);
  return key;
}

std::string qualified_name(std::string_view schema, std::string_view name) {
  std::string out(schema);
  out.push_back('\0');
  out.append(name);
  return out;
}

// Decoded table definitions by their stored bytes, shared by every
// transaction of the process: equal bytes decode to an equal definition, so
// an entry never goes stale and no write has to invalidate it. Statements
// look tables up all the time (a bulk INSERT, point selects); decoding each
// time was a quarter of a point select.
struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

std::shared_ptr<const TableDef> decoded_table_def(std::string_view raw) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const TableDef>, TransparentHash, std::equal_to<>> cache;
  constexpr std::size_t kMaxEntries = 4096;  // old definitions pile up as tables change; start over now and then
  std::lock_guard lock(mutex);
  if (auto it = cache.find(raw); it != cache.end()) return it->second;
  auto def = std::make_shared<const TableDef>(decode_table_def(raw));
  if (cache.size() >= kMaxEntries) cache.clear();
  cache.emplace(std::string(raw), def);
  return def;
}

}  // namespace

int TableDef::column_index(std::string_view column) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

CatalogMemo* Catalog::memo() {
  if (memo_ == nullptr) return nullptr;
  if (!txn_.still_reads(memo_->version, kCatalogSpace)) memo_->clear();
  memo_->version = txn_.read_version(kCatalogSpace);
  return memo_;
}

std::shared_ptr<const TableDef> Catalog::table(std::string_view schema, std::string_view name) {
  const std::string key = table_key(schema, name);
  CatalogMemo* memo = this->memo();
  if (memo != nullptr) {
    if (auto it = memo->tables.find(key); it != memo->tables.end()) return it->second;
  }
  auto raw = txn_.get(key);
  std::shared_ptr<const TableDef> def = raw ? decoded_table_def(*raw) : nullptr;
  if (memo != nullptr) memo->tables.emplace(key, def);
  return def;
}

KeyClass Catalog::classify_key(std::string_view key) {
  using Kind = KeyClass::Kind;
  KeyClass out;
  if (key.size() < 2) return out;
  auto oid_at = [&](std::size_t at) { return key.size() >= at + 4 ? storage::format::get_u32(key, at) : 0; };
  auto qualified = [&] {
    std::string name(key.substr(2));
    std::replace(name.begin(), name.end(), '\0', '.');
    return name;
  };
  switch (key[0]) {
    case kCatalogSpace:
      switch (key[1]) {
        case kCounterKind:
          out.kind = Kind::kOidCounter;
          break;
        case kTableKind:
          out.kind = Kind::kTable;
          out.name = qualified();
          break;
        case kOidKind:
          out.kind = Kind::kOidName;
          out.oid = oid_at(2);
          break;
        case kSequenceKind:
          out.kind = Kind::kSequence;
          out.name = qualified();
          break;
        case kViewKind:
          out.kind = Kind::kView;
          out.name = qualified();
          break;
        case kRoleKind:
          out.kind = Kind::kRole;
          out.name = std::string(key.substr(2));
          break;
        case kSchemaKind:
          out.kind = Kind::kSchema;
          out.name = std::string(key.substr(2));
          break;
        case kEnumKind:
        case kDomainKind:
          out.kind = Kind::kType;
          out.name = qualified();
          break;
        case kFunctionKind: {
          out.kind = Kind::kFunction;
          // schema 0x00 name 0x00 oid(4): "schema.name"
          std::string name(key.substr(2, key.size() >= 7 ? key.size() - 7 : 0));
          std::replace(name.begin(), name.end(), '\0', '.');
          out.name = name;
          out.oid = key.size() >= 7 ? storage::format::get_u32(key, key.size() - 4) : 0;
          break;
        }
        case kMergeKind:
          out.kind = Kind::kMergeRecord;
          break;
        default:
          break;
      }
      break;
    case kDataSpace:
      out.kind = Kind::kRow;
      out.oid = oid_at(1);
      break;
    case kIndexSpace:
      out.kind = Kind::kIndexEntry;
      out.oid = oid_at(1);
      break;
    case kSequenceStateSpace:
      out.kind = Kind::kSequenceState;
      out.oid = oid_at(1);
      break;
    default:
      break;
  }
  return out;
}

std::string Catalog::merge_record_key(std::uint32_t source) {
  std::string key{kCatalogSpace, kMergeKind};
  storage::format::put_u32(key, source);
  return key;
}

std::shared_ptr<const TableDef> Catalog::table_as_of(std::string_view schema, std::string_view name, storage::Scn scn) {
  auto raw = txn_.get_as_of(table_key(schema, name), scn);
  if (!raw) return nullptr;
  return decoded_table_def(*raw);
}

std::vector<Catalog::TableVersion> Catalog::table_versions(std::string_view schema, std::string_view name,
                                                           storage::Scn from) {
  const std::string key = table_key(schema, name);
  std::vector<TableVersion> out;
  for (storage::KeyVersion& v : txn_.versions(key, key + std::string(1, '\0'), from, txn_.snapshot_scn())) {
    if (v.key == key) out.push_back({v.start, v.end, decoded_table_def(v.value)});
  }
  return out;
}

std::optional<TableDef> Catalog::find_table(std::string_view schema, std::string_view name) {
  auto def = table(schema, name);
  if (!def) return std::nullopt;
  return *def;
}

std::optional<TableDef> Catalog::find_table(std::uint32_t oid) {
  auto raw = txn_.get(oid_key(oid));
  if (!raw) return std::nullopt;
  auto split = raw->find('\0');
  return find_table(std::string_view(*raw).substr(0, split), std::string_view(*raw).substr(split + 1));
}

std::optional<std::pair<TableDef, std::size_t>> Catalog::find_index(std::string_view schema, std::string_view name) {
  // Index names are few and looked up only by DDL: a scan of the tables will do.
  for (TableDef& table : tables()) {
    if (table.schema != schema) continue;
    for (std::size_t i = 0; i < table.indexes.size(); ++i) {
      if (table.indexes[i].name == name) return std::make_pair(std::move(table), i);
    }
  }
  return std::nullopt;
}

std::optional<std::pair<TableDef, std::size_t>> Catalog::find_vector_index(std::string_view schema,
                                                                           std::string_view name) {
  for (TableDef& table : tables()) {
    if (table.schema != schema) continue;
    for (std::size_t i = 0; i < table.vector_indexes.size(); ++i) {
      if (table.vector_indexes[i].name == name) return std::make_pair(std::move(table), i);
    }
  }
  return std::nullopt;
}

bool Catalog::relation_exists(std::string_view schema, std::string_view name) {
  return txn_.get(table_key(schema, name)).has_value() || txn_.get(sequence_key(schema, name)).has_value() ||
         txn_.get(view_key(schema, name)).has_value() || find_index(schema, name).has_value() ||
         find_vector_index(schema, name).has_value();
}

std::optional<SequenceDef> Catalog::find_sequence(std::string_view schema, std::string_view name) {
  auto raw = txn_.get(sequence_key(schema, name));
  if (!raw) return std::nullopt;
  return decode_sequence_def(*raw);
}

std::optional<SequenceDef> Catalog::find_sequence(std::uint32_t oid) {
  auto raw = txn_.get(oid_key(oid));
  if (!raw) return std::nullopt;
  auto split = raw->find('\0');
  return find_sequence(std::string_view(*raw).substr(0, split), std::string_view(*raw).substr(split + 1));
}

std::vector<SequenceDef> Catalog::sequences() {
  std::vector<SequenceDef> out;
  std::string prefix{kCatalogSpace, kSequenceKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_sequence_def(scanner.value()));
  return out;
}

SequenceDef Catalog::create_sequence(SequenceDef def) {
  if (relation_exists(def.schema, def.name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  if (def.oid == 0) def.oid = allocate_oid();
  txn_.put(sequence_key(def.schema, def.name), encode_sequence_def(def));
  txn_.put(oid_key(def.oid), qualified_name(def.schema, def.name));
  txn_.put(sequence_state_key(def.oid), encode_sequence_state({def.start, false}));
  return def;
}

void Catalog::update_sequence(const SequenceDef& def) {
  txn_.put(sequence_key(def.schema, def.name), encode_sequence_def(def));
}

void Catalog::drop_sequence(const SequenceDef& def) {
  txn_.del(sequence_key(def.schema, def.name));
  txn_.del(oid_key(def.oid));
  txn_.del(sequence_state_key(def.oid));
}

std::optional<ViewDef> Catalog::find_view(std::string_view schema, std::string_view name) {
  auto raw = txn_.get(view_key(schema, name));
  if (!raw) return std::nullopt;
  return decode_view_def(*raw);
}

std::optional<ViewDef> Catalog::find_view(std::uint32_t oid) {
  auto raw = txn_.get(oid_key(oid));
  if (!raw) return std::nullopt;
  auto split = raw->find('\0');
  return find_view(std::string_view(*raw).substr(0, split), std::string_view(*raw).substr(split + 1));
}

std::vector<ViewDef> Catalog::views() {
  std::vector<ViewDef> out;
  std::string prefix{kCatalogSpace, kViewKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_view_def(scanner.value()));
  return out;
}

ViewDef Catalog::create_view(ViewDef def) {
  if (relation_exists(def.schema, def.name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  if (def.oid == 0) def.oid = allocate_oid();
  txn_.put(view_key(def.schema, def.name), encode_view_def(def));
  txn_.put(oid_key(def.oid), qualified_name(def.schema, def.name));
  return def;
}

void Catalog::update_view(const ViewDef& def) { txn_.put(view_key(def.schema, def.name), encode_view_def(def)); }

void Catalog::rename_view(const ViewDef& def, const std::string& new_name) {
  ViewDef renamed = def;
  renamed.name = new_name;
  txn_.del(view_key(def.schema, def.name));
  txn_.put(view_key(renamed.schema, renamed.name), encode_view_def(renamed));
  txn_.put(oid_key(renamed.oid), qualified_name(renamed.schema, renamed.name));
}

void Catalog::rename_sequence(const SequenceDef& def, const std::string& new_name) {
  SequenceDef renamed = def;
  renamed.name = new_name;
  txn_.del(sequence_key(def.schema, def.name));
  txn_.put(sequence_key(renamed.schema, renamed.name), encode_sequence_def(renamed));
  txn_.put(oid_key(renamed.oid), qualified_name(renamed.schema, renamed.name));
}

void Catalog::drop_view(const ViewDef& def) {
  txn_.del(view_key(def.schema, def.name));
  txn_.del(oid_key(def.oid));
}

std::string Catalog::sequence_state_key(std::uint32_t oid) {
  std::string key{kSequenceStateSpace};
  storage::format::put_u32(key, oid);
  return key;
}

std::optional<RoleDef> Catalog::find_role(std::string_view name) {
  CatalogMemo* memo = this->memo();
  if (memo != nullptr) {
    if (auto it = memo->roles.find(name); it != memo->roles.end()) return it->second;
  }
  auto raw = txn_.get(role_key(name));
  std::optional<RoleDef> role = raw ? std::optional<RoleDef>(decode_role_def(*raw)) : std::nullopt;
  if (memo != nullptr) memo->roles.emplace(std::string(name), role);
  return role;
}

std::optional<RoleDef> Catalog::find_role(std::uint32_t oid) {
  for (RoleDef& role : roles()) {
    if (role.oid == oid) return std::move(role);
  }
  return std::nullopt;
}

std::vector<RoleDef> Catalog::roles() {
  std::vector<RoleDef> out;
  std::string prefix{kCatalogSpace, kRoleKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_role_def(scanner.value()));
  return out;
}

RoleDef Catalog::create_role(RoleDef def) {
  if (txn_.get(role_key(def.name))) {
    throw DbError(sqlstate::kDuplicateObject, "role \"" + def.name + "\" already exists");
  }
  if (def.oid == 0) def.oid = allocate_oid();
  txn_.put(role_key(def.name), encode_role_def(def));
  return def;
}

void Catalog::update_role(const RoleDef& old, const RoleDef& updated) {
  if (old.name != updated.name) {
    if (txn_.get(role_key(updated.name))) {
      throw DbError(sqlstate::kDuplicateObject, "role \"" + updated.name + "\" already exists");
    }
    txn_.del(role_key(old.name));
  }
  txn_.put(role_key(updated.name), encode_role_def(updated));
}

void Catalog::drop_role(const RoleDef& def) {
  // Its memberships go with it, both ways, as in PostgreSQL.
  for (const RoleMembership& m : role_memberships()) {
    if (m.role == def.oid || m.member == def.oid) drop_role_membership(m.role, m.member);
  }
  txn_.del(role_key(def.name));
}

std::vector<RoleMembership> Catalog::role_memberships() {
  std::vector<RoleMembership> out;
  std::string prefix{kCatalogSpace, kRoleMemberKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_role_membership(scanner.value()));
  return out;
}

void Catalog::put_role_membership(const RoleMembership& m) {
  txn_.put(role_member_key(m.role, m.member), encode_role_membership(m));
}

void Catalog::drop_role_membership(std::uint32_t role, std::uint32_t member) {
  txn_.del(role_member_key(role, member));
}

std::optional<EnumDef> Catalog::find_enum(std::string_view schema, std::string_view name) {
  auto raw = txn_.get(enum_key(schema, name));
  if (!raw) return std::nullopt;
  return decode_enum_def(*raw);
}

std::optional<EnumDef> Catalog::find_enum(std::uint32_t oid) {
  for (EnumDef& def : enums()) {
    if (def.oid == oid) return std::move(def);
  }
  return std::nullopt;
}

std::vector<EnumDef> Catalog::enums() {
  std::vector<EnumDef> out;
  std::string prefix{kCatalogSpace, kEnumKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_enum_def(scanner.value()));
  return out;
}

std::optional<EnumDef> Catalog::committed_enum(std::string_view schema, std::string_view name) {
  auto raw = txn_.get_as_of(enum_key(schema, name), txn_.snapshot_scn());
  if (!raw) return std::nullopt;
  return decode_enum_def(*raw);
}

EnumDef Catalog::create_enum(EnumDef def) {
  // A table's row type shares the types' namespace (PostgreSQL makes one for every table).
  if (user_type_exists(def.schema, def.name) || find_table(def.schema, def.name) || find_view(def.schema, def.name) ||
      find_sequence(def.schema, def.name)) {
    throw DbError(sqlstate::kDuplicateObject, "type \"" + def.name + "\" already exists");
  }
  // The array type takes the next oid; ids are the store's, handed to
  // every session, so another may take one in between: then start again.
  def.oid = allocate_oid();
  for (std::uint32_t next = allocate_oid(); next != def.array_oid(); next = allocate_oid()) def.oid = next;
  for (EnumDef::Label& label : def.labels) label.oid = allocate_oid();
  txn_.put(enum_key(def.schema, def.name), encode_enum_def(def));
  return def;
}

void Catalog::update_enum(const EnumDef& old, const EnumDef& updated) {
  if (old.schema != updated.schema || old.name != updated.name) {
    if (user_type_exists(updated.schema, updated.name) || find_table(updated.schema, updated.name) ||
        find_view(updated.schema, updated.name) || find_sequence(updated.schema, updated.name)) {
      throw DbError(sqlstate::kDuplicateObject, "type \"" + updated.name + "\" already exists");
    }
    txn_.del(enum_key(old.schema, old.name));
  }
  txn_.put(enum_key(updated.schema, updated.name), encode_enum_def(updated));
}

void Catalog::drop_enum(const EnumDef& def) { txn_.del(enum_key(def.schema, def.name)); }

bool Catalog::user_type_exists(std::string_view schema, std::string_view name) {
  return txn_.get(enum_key(schema, name)) || txn_.get(domain_key(schema, name));
}

std::optional<DomainDef> Catalog::find_domain(std::string_view schema, std::string_view name) {
  auto raw = txn_.get(domain_key(schema, name));
  if (!raw) return std::nullopt;
  return decode_domain_def(*raw);
}

std::optional<DomainDef> Catalog::find_domain(std::uint32_t oid) {
  for (DomainDef& def : domains()) {
    if (def.oid == oid) return std::move(def);
  }
  return std::nullopt;
}

std::vector<DomainDef> Catalog::domains() {
  std::vector<DomainDef> out;
  std::string prefix{kCatalogSpace, kDomainKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_domain_def(scanner.value()));
  return out;
}

DomainDef Catalog::create_domain(DomainDef def) {
  if (user_type_exists(def.schema, def.name) || find_table(def.schema, def.name) || find_view(def.schema, def.name) ||
      find_sequence(def.schema, def.name)) {
    throw DbError(sqlstate::kDuplicateObject, "type \"" + def.name + "\" already exists");
  }
  // As for enums: the array type takes the next oid.
  def.oid = allocate_oid();
  for (std::uint32_t next = allocate_oid(); next != def.array_oid(); next = allocate_oid()) def.oid = next;
  for (DomainDef::Check& check : def.checks) check.oid = allocate_oid();
  txn_.put(domain_key(def.schema, def.name), encode_domain_def(def));
  return def;
}

void Catalog::update_domain(const DomainDef& old, DomainDef updated) {
  if (old.schema != updated.schema || old.name != updated.name) {
    if (user_type_exists(updated.schema, updated.name) || find_table(updated.schema, updated.name) ||
        find_view(updated.schema, updated.name) || find_sequence(updated.schema, updated.name)) {
      throw DbError(sqlstate::kDuplicateObject, "type \"" + updated.name + "\" already exists");
    }
    txn_.del(domain_key(old.schema, old.name));
  }
  for (DomainDef::Check& check : updated.checks) {
    if (check.oid == 0) check.oid = allocate_oid();
  }
  txn_.put(domain_key(updated.schema, updated.name), encode_domain_def(updated));
}

void Catalog::drop_domain(const DomainDef& def) { txn_.del(domain_key(def.schema, def.name)); }

std::vector<FunctionDef> Catalog::functions() {
  std::vector<FunctionDef> out;
  std::string prefix{kCatalogSpace, kFunctionKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_function_def(scanner.value()));
  return out;
}

std::vector<FunctionDef> Catalog::functions(std::string_view schema, std::string_view name) {
  std::vector<FunctionDef> out;
  const std::string prefix = function_prefix(schema, name);
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_function_def(scanner.value()));
  return out;
}

std::optional<FunctionDef> Catalog::find_function(std::uint32_t oid) {
  for (FunctionDef& def : functions()) {
    if (def.oid == oid) return std::move(def);
  }
  return std::nullopt;
}

FunctionDef Catalog::create_function(FunctionDef def) {
  def.oid = allocate_oid();
  txn_.put(function_key(def), encode_function_def(def));
  return def;
}

void Catalog::update_function(const FunctionDef& old, const FunctionDef& updated) {
  if (old.schema != updated.schema || old.name != updated.name) txn_.del(function_key(old));
  txn_.put(function_key(updated), encode_function_def(updated));
}

void Catalog::drop_function(const FunctionDef& def) { txn_.del(function_key(def)); }

std::optional<SchemaDef> Catalog::find_schema(std::string_view name) {
  auto raw = txn_.get(schema_key(name));
  if (!raw) return std::nullopt;
  return decode_schema_def(*raw);
}

std::vector<SchemaDef> Catalog::schemas() {
  std::vector<SchemaDef> out;
  std::string prefix{kCatalogSpace, kSchemaKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_schema_def(scanner.value()));
  return out;
}

SchemaDef Catalog::create_schema(SchemaDef def) {
  if (txn_.get(schema_key(def.name))) {
    throw DbError(sqlstate::kDuplicateSchema, "schema \"" + def.name + "\" already exists");
  }
  if (def.oid == 0) def.oid = allocate_oid();
  txn_.put(schema_key(def.name), encode_schema_def(def));
  return def;
}

void Catalog::update_schema(const SchemaDef& def) { txn_.put(schema_key(def.name), encode_schema_def(def)); }

void Catalog::drop_schema(const SchemaDef& def) { txn_.del(schema_key(def.name)); }

std::optional<ExtensionDef> Catalog::find_extension(std::string_view name) {
  auto raw = txn_.get(extension_key(name));
  if (!raw) return std::nullopt;
  return decode_extension_def(*raw);
}

std::vector<ExtensionDef> Catalog::extensions() {
  std::vector<ExtensionDef> out;
  std::string prefix{kCatalogSpace, kExtensionKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_extension_def(scanner.value()));
  return out;
}

ExtensionDef Catalog::create_extension(ExtensionDef def) {
  if (txn_.get(extension_key(def.name))) {
    throw DbError(sqlstate::kDuplicateObject, "extension \"" + def.name + "\" already exists");
  }
  if (def.oid == 0) def.oid = allocate_oid();
  txn_.put(extension_key(def.name), encode_extension_def(def));
  return def;
}

void Catalog::drop_extension(const ExtensionDef& def) { txn_.del(extension_key(def.name)); }

Acl Catalog::builtin_acl(std::string_view object) {
  auto raw = txn_.get(builtin_acl_key(object));
  if (!raw) return std::nullopt;
  std::string_view in = *raw;
  return take_acl(in);
}

std::optional<DefaultAcl> Catalog::find_default_acl(std::uint32_t role, std::uint32_t schema, char object_type) {
  auto raw = txn_.get(default_acl_key(role, schema, object_type));
  if (!raw) return std::nullopt;
  return decode_default_acl(*raw);
}

std::vector<DefaultAcl> Catalog::default_acls() {
  std::vector<DefaultAcl> out;
  std::string prefix{kCatalogSpace, kDefaultAclKind};
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_default_acl(scanner.value()));
  return out;
}

void Catalog::put_default_acl(DefaultAcl def) {
  if (def.oid == 0) def.oid = allocate_oid();
  txn_.put(default_acl_key(def.role, def.schema, def.object_type), encode_default_acl(def));
}

void Catalog::drop_default_acl(const DefaultAcl& def) {
  txn_.del(default_acl_key(def.role, def.schema, def.object_type));
}

void Catalog::put_builtin_acl(std::string_view object, const Acl& acl) {
  std::string value;
  put_acl(value, acl);
  txn_.put(builtin_acl_key(object), value);
}

std::uint32_t Catalog::allocate_oid() {
  const std::string counter_key{kCatalogSpace, kCounterKind, 'n', 'e', 'x', 't', '_', 'o', 'i', 'd'};
  // Ids come from the store, not the branch: tables two branches create
  // never share one, so merging them cannot mix their rows. A counter an
  // older database kept in its catalog is where they go on from.
  std::uint32_t at_least = kFirstUserOid;
  if (auto raw = txn_.get(counter_key)) at_least = storage::format::get_u32(*raw, 0);
  const std::uint64_t oid = txn_.store().allocate_object_id(at_least);
  if (oid > std::numeric_limits<std::uint32_t>::max()) {
    throw DbError(sqlstate::kProgramLimitExceeded, "object ids are exhausted");
  }
  return static_cast<std::uint32_t>(oid);
}

std::vector<TableDef> Catalog::tables() {
  std::vector<TableDef> out;
  std::string prefix = table_prefix();
  storage::Scanner scanner = txn_.scan(prefix, storage::prefix_successor(prefix));
  while (scanner.next()) out.push_back(decode_table_def(scanner.value()));
  return out;
}

TableDef Catalog::create_table(TableDef def) {
  std::string key = table_key(def.schema, def.name);
  if (relation_exists(def.schema, def.name)) {
    throw DbError(sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists");
  }
  if (user_type_exists(def.schema, def.name)) {
    // The table's row type would take the name.
    throw DbError(sqlstate::kDuplicateObject, "type \"" + def.name + "\" already exists")
        .with_hint(
            "A relation has an associated type of the same name, so you must use a name that doesn't conflict with "
            "any existing type.");
  }
  if (def.oid == 0) def.oid = allocate_oid();
  txn_.put(key, encode_table_def(def));
  txn_.put(oid_key(def.oid), qualified_name(def.schema, def.name));
  return def;
}

void Catalog::update_table(const TableDef& old, const TableDef& updated) {
  std::string key = table_key(updated.schema, updated.name);
  if (updated.name != old.name || updated.schema != old.schema) {
    if (relation_exists(updated.schema, updated.name)) {
      throw DbError(sqlstate::kDuplicateTable, "relation \"" + updated.name + "\" already exists");
    }
    txn_.del(table_key(old.schema, old.name));
    txn_.put(oid_key(updated.oid), qualified_name(updated.schema, updated.name));
  }
  txn_.put(key, encode_table_def(updated));
}

storage::Scanner Catalog::scan_rows(const TableDef& table) {
  return txn_.scan(rows_begin(table.oid), rows_end(table.oid));
}

storage::Scanner Catalog::scan_rows(const TableDef& table, std::optional<storage::Scn> as_of) {
  if (!as_of) return scan_rows(table);
  return txn_.scan_as_of(rows_begin(table.oid), rows_end(table.oid), *as_of);
}

void Catalog::delete_range(const std::string& begin, const std::string& end) {
  // Collect first: the scanner must not see the transaction change under it.
  std::vector<std::string> keys;
  storage::Scanner scanner = txn_.scan(begin, end);
  while (scanner.next()) keys.emplace_back(scanner.key());
  for (const std::string& key : keys) txn_.del(key);
}

void Catalog::delete_rows(const TableDef& table) {
  delete_range(rows_begin(table.oid), rows_end(table.oid));
  for (const IndexDef& index : table.indexes) delete_index_entries(index.oid);
}

void Catalog::delete_index_entries(std::uint32_t oid) { delete_range(index_begin(oid), index_end(oid)); }

void Catalog::drop_table(const TableDef& def) {
  delete_rows(def);
  txn_.del(table_key(def.schema, def.name));
  txn_.del(oid_key(def.oid));
}

std::string Catalog::rows_begin(std::uint32_t oid) {
  std::string key{kDataSpace};
  storage::format::put_u32(key, oid);
  return key;
}

std::string Catalog::rows_end(std::uint32_t oid) { return storage::prefix_successor(rows_begin(oid)); }

std::string Catalog::index_begin(std::uint32_t oid) {
  std::string key{kIndexSpace};
  storage::format::put_u32(key, oid);
  return key;
}

std::string Catalog::index_end(std::uint32_t oid) { return storage::prefix_successor(index_begin(oid)); }

}  // namespace heliosdb::engine
