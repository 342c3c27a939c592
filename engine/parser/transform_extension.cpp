// CREATE / DROP EXTENSION into ast::ExtensionStmt.
#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

ExtensionStmt transform_create_extension(const PgQuery__CreateExtensionStmt& create) {
  ExtensionStmt out;
  out.kind = ExtensionStmt::Kind::kCreate;
  out.names.emplace_back(create.extname);
  out.if_not_exists = create.if_not_exists;
  for (size_t i = 0; i < create.n_options; ++i) {
    const PgQuery__DefElem& opt = *create.options[i]->def_elem;
    const std::string name = opt.defname;
    auto text = [&] {
      return opt.arg != nullptr && opt.arg->node_case == PG_QUERY__NODE__NODE_STRING
                 ? std::string(opt.arg->string->sval)
                 : std::string();
    };
    if (name == "schema") {
      out.schema = text();
    } else if (name == "new_version") {
      out.version = text();
    } else if (name == "cascade") {
      out.cascade = true;
    } else {
      unsupported("CREATE EXTENSION option " + name, opt.location);
    }
  }
  return out;
}

ExtensionStmt transform_drop_extension(const PgQuery__DropStmt& drop) {
  ExtensionStmt out;
  out.kind = ExtensionStmt::Kind::kDrop;
  out.if_exists = drop.missing_ok;
  out.cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < drop.n_objects; ++i) {
    const PgQuery__Node& name = *drop.objects[i];
    if (name.node_case != PG_QUERY__NODE__NODE_STRING) unsupported("this DROP EXTENSION", -1);
    out.names.emplace_back(name.string->sval);
  }
  return out;
}

}  // namespace heliosdb::engine::parser
