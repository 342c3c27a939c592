// pg_cursors (PostgreSQL 15 docs, System Views): the session's SQL cursors.
#include "engine/exec/pg_catalog_views.hpp"
#include "engine/exec/system_views.hpp"
#include "engine/session/cursors.hpp"

namespace heliosdb::engine {

Relation pg_cursors_relation(const std::string& qualifier, ExecContext& ctx) {
  Relation r = make_relation({{"name", TypeId::kText},
                              {"statement", TypeId::kText},
                              {"is_holdable", TypeId::kBool},
                              {"is_binary", TypeId::kBool},
                              {"is_scrollable", TypeId::kBool},
                              {"creation_time", TypeId::kTimestampTz}},
                             qualifier);
  if (ctx.cursors == nullptr) return r;
  for (const auto& [name, cursor] : ctx.cursors->all()) {
    const CursorOptions& options = cursor.options();
    r.rows.push_back({Value::string(TypeId::kText, name), Value::string(TypeId::kText, cursor.statement()),
                      Value::boolean(options.hold), Value::boolean(options.binary), Value::boolean(options.scroll),
                      Value::integer(TypeId::kTimestampTz, cursor.creation_time())});
  }
  return r;
}

}  // namespace heliosdb::engine
