#include "engine/exec/catalog_object_names.hpp"

#include <algorithm>
#include <cctype>

#include "engine/common/db_error.hpp"
#include "engine/common/identifier.hpp"
#include "engine/exec/catalog_row_oids.hpp"
#include "engine/exec/search_path.hpp"
#include "engine/parser/parser.hpp"
#include "heliosdb/pg_relation_oids.hpp"

namespace heliosdb::engine {

std::string written_name(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ".") + n;
  return out;
}

void throw_no_such_type(const std::vector<std::string>& names) {
  throw DbError(sqlstate::kUndefinedObject, "type \"" + written_name(names) + "\" does not exist");
}

namespace {

// "Schema"."Name", schema.name or name: the parts as the catalog spells
// them (unquoted ones folded to lower case), as PostgreSQL's
// stringToQualifiedNameList reads them.
std::vector<std::string> qualified_name(std::string_view text) {
  std::vector<std::string> parts;
  std::string part;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        part += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        part += c;
      }
    } else if (c == '"') {
      quoted = was_quoted = true;
    } else if (c == '.') {
      parts.push_back(std::move(part));
      part.clear();
      was_quoted = false;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      // Blanks may stand around a name, not inside one.
      const std::size_t next = text.find_first_not_of(" \t\n\r\f\v", i);
      if (!part.empty() && next != std::string_view::npos && text[next] != '.') {
        throw DbError(sqlstate::kInvalidName, "invalid name syntax");
      }
    } else {
      part += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (quoted || (part.empty() && !was_quoted)) {
    throw DbError(sqlstate::kInvalidName, "invalid name syntax");
  }
  parts.push_back(std::move(part));
  if (parts.size() > 3) {
    throw DbError(sqlstate::kSyntaxError, "improper relation name (too many dotted names): " + std::string(text));
  }
  return parts;
}

}  // namespace

std::optional<std::uint32_t> CatalogObjectNames::relation_oid(std::string_view text) {
  const std::vector<std::string> parts = qualified_name(text);
  const std::string& name = parts.back();
  const std::string schema = relation_schema(ctx_, parts.size() > 1 ? parts[parts.size() - 2] : "", name, true);
  if (parts.size() > 1 && !namespace_oid(catalog_, schema)) {
    throw DbError(sqlstate::kUndefinedSchema, "schema \"" + schema + "\" does not exist");
  }
  if (auto t = catalog_.find_table(schema, name)) return t->oid;
  if (auto v = catalog_.find_view(schema, name)) return v->oid;
  if (auto s = catalog_.find_sequence(schema, name)) return s->oid;
  if (auto i = catalog_.find_index(schema, name)) return i->first.indexes[i->second].oid;
  if (auto i = catalog_.find_vector_index(schema, name)) return i->first.vector_indexes[i->second].oid;
  for (const TableDef& t : catalog_.tables()) {
    if (t.schema == schema && !t.primary_key.empty() && t.primary_key_name == name) return primary_key_index_oid(t);
  }
  // pg_catalog's tables ('pg_class'::regclass), which pg_dump compares classid columns with.
  if (parts.size() == 1 || schema == "pg_catalog") {
    for (const catalog_relation::CatalogRelation& c : catalog_relation::kCatalogRelations) {
      if (c.name == name) return c.oid;
    }
  }
  return std::nullopt;
}

std::optional<std::string> CatalogObjectNames::relation_name(std::uint32_t oid) {
  if (auto t = catalog_.find_table(oid)) return visible_relation_name(ctx_, t->schema, t->name);
  if (auto v = catalog_.find_view(oid)) return visible_relation_name(ctx_, v->schema, v->name);
  if (auto s = catalog_.find_sequence(oid)) return visible_relation_name(ctx_, s->schema, s->name);
  for (const TableDef& t : catalog_.tables()) {
    for (const IndexDef& i : t.indexes) {
      if (i.oid == oid) return visible_relation_name(ctx_, t.schema, i.name);
    }
    for (const VectorIndexDef& i : t.vector_indexes) {
      if (i.oid == oid) return visible_relation_name(ctx_, t.schema, i.name);
    }
    if (!t.primary_key.empty() && primary_key_index_oid(t) == oid) {
      return visible_relation_name(ctx_, t.schema, t.primary_key_name);
    }
  }
  for (const catalog_relation::CatalogRelation& c : catalog_relation::kCatalogRelations) {
    if (c.oid == oid) return std::string(c.name);
  }
  return std::nullopt;
}

const CatalogObjectNames::Enums& CatalogObjectNames::enums() {
  if (enums_) return *enums_;
  enums_ = std::make_unique<Enums>();
  for (EnumDef& def : catalog_.enums()) {
    // Labels ALTER TYPE added in this transaction are not yet in what was committed before it.
    std::optional<EnumDef> committed;
    const bool any_added = std::any_of(def.labels.begin(), def.labels.end(), [](const auto& l) { return l.added; });
    if (any_added) committed = catalog_.committed_enum(def.schema, def.name);
    for (EnumDef::Label& l : def.labels) {
      const bool uncommitted =
          l.added && (!committed || std::none_of(committed->labels.begin(), committed->labels.end(),
                                                 [&](const EnumDef::Label& c) { return c.oid == l.oid; }));
      l.added = uncommitted;  // from here on: whether it may not be used yet
      enums_->labels[l.oid] = EnumLabel{def.oid, l.oid, l.sort_order, l.label, uncommitted};
    }
    const std::uint32_t oid = def.oid;
    enums_->by_oid.emplace(oid, std::move(def));
  }
  return *enums_;
}

template <class Def>
std::optional<Def> CatalogObjectNames::find_user_type(const std::vector<std::string>& names, FindInSchema<Def> find) {
  if (names.empty() || names.size() > 3) return std::nullopt;
  const std::string& name = names.back();
  if (names.size() > 1) {
    const std::string& schema = names[names.size() - 2];
    if (!namespace_oid(catalog_, schema)) {
      throw DbError(sqlstate::kUndefinedSchema, "schema \"" + schema + "\" does not exist");
    }
    return (catalog_.*find)(schema, name);
  }
  for (const std::string& schema : search_path_schemas(ctx_)) {
    if (auto def = (catalog_.*find)(schema, name)) return def;
    // A type of the other kind so called earlier on the path hides this one further on.
    if (catalog_.user_type_exists(schema, name)) return std::nullopt;
  }
  return std::nullopt;
}

std::optional<EnumDef> CatalogObjectNames::find_enum(const std::vector<std::string>& names) {
  return find_user_type<EnumDef>(names, &Catalog::find_enum);
}

std::optional<DomainDef> CatalogObjectNames::find_domain(const std::vector<std::string>& names) {
  return find_user_type<DomainDef>(names, &Catalog::find_domain);
}

const DomainDef* CatalogObjectNames::domain(std::uint32_t oid) {
  if (!domains_) {
    domains_ = std::make_unique<std::map<std::uint32_t, DomainDef>>();
    for (DomainDef& def : catalog_.domains()) {
      const std::uint32_t key = def.oid;
      domains_->emplace(key, std::move(def));
    }
  }
  auto it = domains_->find(oid);
  return it == domains_->end() ? nullptr : &it->second;
}

std::optional<SqlType> CatalogObjectNames::user_type(const std::vector<std::string>& names) {
  if (auto def = find_domain(names)) {
    SqlType type = def->base;
    type.domain_oid = def->oid;
    return type;
  }
  if (auto def = find_enum(names)) return SqlType{TypeId::kEnum, -1, def->oid};
  // PostgreSQL's internal name of an array type: _mood is mood[].
  if (!names.empty() && names.back().size() > 1 && names.back()[0] == '_') {
    std::vector<std::string> element = names;
    element.back().erase(0, 1);
    if (auto def = find_enum(element)) return SqlType{array_of(TypeId::kEnum), -1, def->oid};
  }
  return std::nullopt;
}

std::optional<std::string> CatalogObjectNames::user_type_name(std::uint32_t oid) {
  if (const DomainDef* def = domain(oid)) {
    for (const std::string& schema : search_path_schemas(ctx_)) {
      if (schema == def->schema) return quote_identifier(def->name);
      if (catalog_.user_type_exists(schema, def->name)) break;
    }
    return quote_identifier(def->schema) + "." + quote_identifier(def->name);
  }
  const Enums& all = enums();
  auto it = all.by_oid.find(oid);
  if (it == all.by_oid.end() && oid > 0) {
    // An array type: the oid after its element's.
    if (auto element = all.by_oid.find(oid - 1); element != all.by_oid.end()) {
      if (auto name = user_type_name(oid - 1)) return *name + "[]";
    }
    return std::nullopt;
  }
  if (it == all.by_oid.end()) return std::nullopt;
  const EnumDef& def = it->second;
  // Visible when the search path finds this type by its name alone (TypeIsVisible).
  for (const std::string& schema : search_path_schemas(ctx_)) {
    if (schema == def.schema) return quote_identifier(def.name);
    if (catalog_.user_type_exists(schema, def.name)) break;
  }
  return quote_identifier(def.schema) + "." + quote_identifier(def.name);
}

std::vector<EnumLabel> CatalogObjectNames::enum_labels(std::uint32_t type_oid) {
  std::vector<EnumLabel> out;
  const Enums& all = enums();
  auto it = all.by_oid.find(type_oid);
  if (it == all.by_oid.end()) return out;
  for (const EnumDef::Label& l : it->second.labels) out.push_back({type_oid, l.oid, l.sort_order, l.label, l.added});
  return out;
}

std::optional<EnumLabel> CatalogObjectNames::enum_label(std::uint32_t label_oid) {
  const Enums& all = enums();
  auto it = all.labels.find(label_oid);
  if (it == all.labels.end()) return std::nullopt;
  return it->second;
}

SqlType CatalogObjectNames::type_named(std::string_view text) {
  // As PostgreSQL's parseTypeString: the text must be a type name and nothing more.
  ast::ExprPtr parsed;
  try {
    parsed = parser::parse_expression("NULL::" + std::string(text));
  } catch (const DbError&) {
    throw DbError(sqlstate::kSyntaxError, "invalid type name \"" + std::string(text) + "\"");
  }
  const auto* cast = parsed ? std::get_if<ast::Cast>(&parsed->node) : nullptr;
  if (cast == nullptr) throw DbError(sqlstate::kSyntaxError, "invalid type name \"" + std::string(text) + "\"");
  return resolve_type_name(cast->type);
}

}  // namespace heliosdb::engine
