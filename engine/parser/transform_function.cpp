// CREATE FUNCTION, DROP FUNCTION and ALTER FUNCTION ... RENAME TO / OWNER TO /
// SET SCHEMA into ast::FunctionStmt (PostgreSQL 15 docs, CREATE FUNCTION).
#include <cctype>

#include "engine/common/db_error.hpp"
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

using namespace ast;

namespace {

std::string lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

FunctionParameter transform_parameter(const PgQuery__FunctionParameter& p) {
  FunctionParameter out;
  if (p.name != nullptr) out.name = p.name;
  if (p.arg_type == nullptr) unsupported("this function parameter", -1);
  out.type = transform_type_name(*p.arg_type);
  switch (p.mode) {
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT:
      out.mode = FunctionParameter::Mode::kOut;
      break;
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_INOUT:
      out.mode = FunctionParameter::Mode::kInOut;
      break;
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC:
      out.mode = FunctionParameter::Mode::kVariadic;
      break;
    case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE:
      out.mode = FunctionParameter::Mode::kTable;
      break;
    default:
      out.mode = FunctionParameter::Mode::kIn;
      break;
  }
  if (p.defexpr != nullptr) {
    out.default_expr = transform_expr(p.defexpr);
    out.default_text = deparse_expr(*p.defexpr);
  }
  return out;
}

// The statements of BEGIN ATOMIC ... END: the grammar wraps their list in a one-item list.
std::vector<const PgQuery__Node*> atomic_statements(const PgQuery__Node& body) {
  std::vector<const PgQuery__Node*> out;
  if (body.node_case != PG_QUERY__NODE__NODE_LIST) return out;
  for (size_t i = 0; i < body.list->n_items; ++i) {
    const PgQuery__Node* item = body.list->items[i];
    if (item == nullptr) continue;
    if (item->node_case == PG_QUERY__NODE__NODE_LIST) {
      for (size_t j = 0; j < item->list->n_items; ++j) out.push_back(item->list->items[j]);
    } else {
      out.push_back(item);
    }
  }
  return out;
}

void apply_option(const PgQuery__DefElem& option, FunctionStmt& out) {
  const std::string name = option.defname != nullptr ? option.defname : "";
  auto refuse = [&](const std::string& what) {
    if (out.refused.empty()) out.refused = what;
  };
  if (name == "as") {
    if (option.arg == nullptr || option.arg->node_case != PG_QUERY__NODE__NODE_LIST) unsupported("this AS", -1);
    std::vector<std::string> parts = string_list(option.arg->list->items, option.arg->list->n_items);
    if (parts.size() == 1) {
      out.body = parts[0];
    } else {
      out.body = parts.empty() ? "" : parts[0];
      refuse("AS with an object file and a link symbol");
    }
  } else if (name == "language") {
    out.language = lowered(option_value(option.arg));
  } else if (name == "volatility") {
    const std::string v = option_value(option.arg);
    out.volatility = v == "immutable" ? 'i' : v == "stable" ? 's' : 'v';
  } else if (name == "strict") {
    out.strict = option_value(option.arg) == "true";
  } else if (name == "parallel") {
    const std::string v = lowered(option_value(option.arg));
    if (v == "safe") {
      out.parallel = 's';
    } else if (v == "restricted") {
      out.parallel = 'r';
    } else if (v == "unsafe") {
      out.parallel = 'u';
    } else {
      throw DbError(sqlstate::kInvalidParameterValue, "parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE");
    }
  } else if (name == "security") {
    if (option_value(option.arg) == "true") refuse("SECURITY DEFINER");
  } else if (name == "leakproof") {
    if (option_value(option.arg) == "true") refuse("LEAKPROOF");
  } else if (name == "cost" || name == "rows") {
    // Planner estimates: accepted and not kept, as we do not plan by them.
  } else if (name == "set") {
    refuse("SET clauses on functions");
  } else if (name == "window") {
    refuse("WINDOW functions");
  } else if (name == "support") {
    refuse("SUPPORT functions");
  } else if (name == "transform") {
    refuse("TRANSFORM FOR TYPE");
  } else {
    refuse("the function option " + name);
  }
}

}  // namespace

RoutineName transform_routine_name(const PgQuery__ObjectWithArgs& object) {
  RoutineName out;
  out.names = string_list(object.objname, object.n_objname);
  out.args_given = !object.args_unspecified;
  for (size_t i = 0; i < object.n_objargs; ++i) {
    const PgQuery__Node& arg = *object.objargs[i];
    if (arg.node_case != PG_QUERY__NODE__NODE_TYPE_NAME) unsupported("this argument type", -1);
    out.args.push_back(transform_type_name(*arg.type_name));
  }
  return out;
}

FunctionStmt transform_create_function(const PgQuery__CreateFunctionStmt& create) {
  if (create.is_procedure) unsupported("CREATE PROCEDURE", -1);
  FunctionStmt out;
  out.kind = FunctionStmt::Kind::kCreate;
  out.or_replace = create.replace;
  RoutineName name;
  name.names = string_list(create.funcname, create.n_funcname);
  name.args_given = true;
  for (size_t i = 0; i < create.n_parameters; ++i) {
    const PgQuery__Node& node = *create.parameters[i];
    if (node.node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER) unsupported_node(node);
    FunctionParameter p = transform_parameter(*node.function_parameter);
    if (p.mode == FunctionParameter::Mode::kTable) out.returns_table = true;
    if (p.mode != FunctionParameter::Mode::kOut && p.mode != FunctionParameter::Mode::kTable) {
      name.args.push_back(p.type);
    }
    out.parameters.push_back(std::move(p));
  }
  out.functions.push_back(std::move(name));
  if (create.return_type != nullptr) {
    out.returns_set = create.return_type->setof;
    if (!out.returns_table) out.returns = transform_type_name(*create.return_type);
  }
  if (out.returns_table) out.returns_set = true;
  for (size_t i = 0; i < create.n_options; ++i) {
    const PgQuery__Node& node = *create.options[i];
    if (node.node_case != PG_QUERY__NODE__NODE_DEF_ELEM) unsupported_node(node);
    apply_option(*node.def_elem, out);
  }
  if (create.sql_body != nullptr) {
    if (out.body) {
      throw DbError(sqlstate::kInvalidFunctionDefinition, "duplicate function body specified");
    }
    if (create.sql_body->node_case == PG_QUERY__NODE__NODE_RETURN_STMT) {
      out.body_form = FunctionStmt::BodyForm::kReturn;
      const PgQuery__Node* value = create.sql_body->return_stmt->returnval;
      if (value == nullptr) unsupported("this RETURN", -1);
      const std::string expr = deparse_expr(*value);
      out.body = "SELECT " + expr;
      out.sql_body = "RETURN " + expr;
    } else {
      out.body_form = FunctionStmt::BodyForm::kAtomic;
      std::string body;
      std::string shown = "BEGIN ATOMIC\n";
      for (const PgQuery__Node* statement : atomic_statements(*create.sql_body)) {
        const std::string text = deparse_statement(*statement);
        body += text + ";\n";
        shown += " " + text + ";\n";
      }
      out.body = body;
      out.sql_body = shown + "END";
    }
  }
  return out;
}

FunctionStmt transform_drop_function(const PgQuery__DropStmt& drop) {
  FunctionStmt out;
  out.kind = FunctionStmt::Kind::kDrop;
  out.if_exists = drop.missing_ok;
  out.cascade = drop.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < drop.n_objects; ++i) {
    const PgQuery__Node& node = *drop.objects[i];
    if (node.node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) unsupported("this DROP FUNCTION", -1);
    out.functions.push_back(transform_routine_name(*node.object_with_args));
  }
  return out;
}

FunctionStmt transform_rename_function(const PgQuery__RenameStmt& rename) {
  FunctionStmt out;
  out.kind = FunctionStmt::Kind::kRename;
  if (rename.object == nullptr || rename.object->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
    unsupported("this ALTER FUNCTION", -1);
  }
  out.functions.push_back(transform_routine_name(*rename.object->object_with_args));
  out.new_name = rename.newname;
  return out;
}

FunctionStmt transform_function_owner(const PgQuery__AlterOwnerStmt& alter) {
  FunctionStmt out;
  out.kind = FunctionStmt::Kind::kOwner;
  if (alter.object == nullptr || alter.object->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
    unsupported("this ALTER FUNCTION", -1);
  }
  out.functions.push_back(transform_routine_name(*alter.object->object_with_args));
  out.role = transform_role_spec(*alter.newowner);
  return out;
}

FunctionStmt transform_function_schema(const PgQuery__AlterObjectSchemaStmt& alter) {
  FunctionStmt out;
  out.kind = FunctionStmt::Kind::kSetSchema;
  if (alter.object == nullptr || alter.object->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
    unsupported("this ALTER FUNCTION", -1);
  }
  out.functions.push_back(transform_routine_name(*alter.object->object_with_args));
  out.new_schema = alter.newschema;
  out.if_exists = alter.missing_ok;
  return out;
}

}  // namespace heliosdb::engine::parser
