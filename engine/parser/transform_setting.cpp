// SET / RESET (VariableSetStmt) -> ast::SettingStmt. SHOW is one line in
// transform_statement.cpp.
#include "engine/parser/transformer.hpp"

namespace heliosdb::engine::parser {

namespace {

// An item of SET's value list as PostgreSQL's GUC code reads it: the text of
// a constant, whatever its kind.
std::string setting_item(const PgQuery__Node& node) {
  if (node.node_case != PG_QUERY__NODE__NODE_A_CONST) unsupported("this SET value", -1);
  const PgQuery__AConst& c = *node.a_const;
  switch (c.val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      return std::to_string(c.ival->ival);
    case PG_QUERY__A__CONST__VAL_FVAL:
      return c.fval->fval;
    case PG_QUERY__A__CONST__VAL_SVAL:
      return c.sval->sval;
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      return c.boolval->boolval ? "on" : "off";
    default:
      unsupported("this SET value", c.location);
  }
}

}  // namespace

ast::SettingStmt transform_variable_set(const PgQuery__VariableSetStmt& s) {
  ast::SettingStmt out;
  out.name = s.name;
  out.local = s.is_local;
  switch (s.kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE:
      out.kind = ast::SettingStmt::Kind::kSet;
      for (size_t i = 0; i < s.n_args; ++i) out.values.push_back(setting_item(*s.args[i]));
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
      out.kind = ast::SettingStmt::Kind::kSetDefault;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
      out.kind = ast::SettingStmt::Kind::kReset;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
      out.kind = ast::SettingStmt::Kind::kResetAll;
      break;
    default:
      // SET TRANSACTION ..., SET SESSION CHARACTERISTICS ..., SET x FROM CURRENT
      unsupported("SET " + std::string(s.name), -1);
  }
  return out;
}

}  // namespace heliosdb::engine::parser
