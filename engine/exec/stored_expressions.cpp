#include "engine/exec/stored_expressions.hpp"

#include <cctype>

namespace heliosdb::engine {

std::vector<std::string> stored_expressions(ExecContext& ctx, std::uint32_t skip_enum_defaults) {
  std::vector<std::string> out;
  for (ViewDef& v : ctx.catalog.views()) out.push_back(std::move(v.sql));
  for (const TableDef& t : ctx.catalog.tables()) {
    for (const CheckDef& c : t.checks) out.push_back(c.expr);
    for (const PolicyDef& p : t.policies) {
      out.push_back(p.using_expr);
      out.push_back(p.check_expr);
    }
    for (const IndexDef& i : t.indexes) {
      out.insert(out.end(), i.expressions.begin(), i.expressions.end());
      out.push_back(i.predicate);
    }
    for (const ColumnDef& c : t.columns) {
      out.push_back(c.generated);
      if (skip_enum_defaults == 0 || c.type.enum_oid != skip_enum_defaults) out.push_back(c.default_expr);
    }
  }
  for (DomainDef& d : ctx.catalog.domains()) {
    out.push_back(std::move(d.default_expr));
    for (DomainDef::Check& c : d.checks) out.push_back(std::move(c.expr));
  }
  return out;
}

bool names_word(const std::string& text, const std::string& word) {
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
    const bool starts = at == 0 || !ident(lower[at - 1]);
    const bool ends = at + word.size() >= lower.size() || !ident(lower[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace heliosdb::engine
