// COPY's WITH options: PostgreSQL's defaults, checks and messages.
#include <algorithm>
#include <set>

#include "engine/common/db_error.hpp"
#include "engine/exec/copy_client.hpp"

namespace heliosdb::engine {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A bare option (FREEZE, HEADER) means true, as in PostgreSQL's defGetBoolean.
bool boolean_option(const std::string& name, const std::vector<std::string>& values) {
  if (values.empty()) return true;
  const std::string v = lower(values.size() == 1 ? values[0] : std::string());
  if (v == "true" || v == "on" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "off" || v == "0" || v == "no") return false;
  throw DbError(sqlstate::kSyntaxError, name + " requires a Boolean value");
}

std::string string_option(const std::string& name, const std::vector<std::string>& values) {
  if (values.size() != 1) throw DbError(sqlstate::kSyntaxError, name + " requires a parameter");
  return values[0];
}

// FORCE_QUOTE (a, b) or FORCE_QUOTE *: a flag per column of the copy.
std::vector<bool> column_flags(const std::string& name, const std::vector<std::string>& values,
                               const std::vector<std::string>& columns, const std::vector<std::string>& relation,
                               const std::string& relation_name) {
  std::vector<bool> flags(columns.size(), false);
  if (values.size() == 1 && values[0] == "*") {
    flags.assign(columns.size(), true);
    return flags;
  }
  std::string display = name;
  std::transform(display.begin(), display.end(), display.begin(), [](unsigned char c) { return std::toupper(c); });
  for (const std::string& v : values) {
    auto it = std::find(columns.begin(), columns.end(), v);
    if (it == columns.end() && std::find(relation.begin(), relation.end(), v) == relation.end()) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + v + "\"" + (relation_name.empty() ? "" : " of relation \"" + relation_name + "\"") +
                        " does not exist");
    }
    if (it == columns.end()) {
      throw DbError(sqlstate::kInvalidColumnReference, display + " column \"" + v + "\" not referenced by COPY");
    }
    flags[static_cast<std::size_t>(it - columns.begin())] = true;
  }
  return flags;
}

[[noreturn]] void refuse(SqlState state, const std::string& message) { throw DbError(state, message); }

}  // namespace

CopyOptions copy_options(const ast::CopyStmt& copy, const std::vector<std::string>& columns,
                         const std::vector<std::string>& relation, const std::string& relation_name) {
  CopyOptions o;
  std::set<std::string> seen;
  std::optional<std::string> delimiter, null_string, quote, escape;
  bool force_quote = false, force_not_null = false, force_null = false;
  for (const ast::CopyStmt::Option& option : copy.options) {
    const std::string& name = option.name;
    const std::vector<std::string>& values = option.values;
    if (!seen.insert(name).second) {
      throw at(DbError(sqlstate::kSyntaxError, "conflicting or redundant options"), option.location);
    }
    if (name == "format") {
      const std::string f = lower(string_option(name, values));
      if (f == "text") {
        o.format = CopyFormat::kText;
      } else if (f == "csv") {
        o.format = CopyFormat::kCsv;
      } else if (f == "binary") {
        o.format = CopyFormat::kBinary;
      } else {
        throw at(DbError(sqlstate::kInvalidParameterValue, "COPY format \"" + values[0] + "\" not recognized"),
                 option.location);
      }
    } else if (name == "freeze") {
      o.freeze = boolean_option(name, values);
    } else if (name == "delimiter") {
      delimiter = string_option(name, values);
    } else if (name == "null") {
      null_string = string_option(name, values);
    } else if (name == "header") {
      if (values.size() == 1 && lower(values[0]) == "match") {
        if (!copy.from) refuse(sqlstate::kFeatureNotSupported, "cannot use \"match\" with HEADER in COPY TO");
        o.header = o.header_match = true;
      } else {
        o.header = boolean_option(name, values);
      }
    } else if (name == "quote") {
      quote = string_option(name, values);
    } else if (name == "escape") {
      escape = string_option(name, values);
    } else if (name == "force_quote") {
      force_quote = true;
      o.force_quote = column_flags(name, values, columns, relation, relation_name);
    } else if (name == "force_not_null") {
      force_not_null = true;
      o.force_not_null = column_flags(name, values, columns, relation, relation_name);
    } else if (name == "force_null") {
      force_null = true;
      o.force_null = column_flags(name, values, columns, relation, relation_name);
    } else if (name == "encoding") {
      const std::string e = lower(string_option(name, values));
      if (e != "utf8" && e != "utf-8" && e != "unicode" && e != "sql_ascii") {
        refuse(sqlstate::kFeatureNotSupported, "not supported yet: COPY with ENCODING '" + values[0] + "'");
      }
    } else {
      throw at(DbError(sqlstate::kSyntaxError, "option \"" + name + "\" not recognized"), option.location);
    }
  }

  const bool csv = o.format == CopyFormat::kCsv;
  if (o.format == CopyFormat::kBinary) {
    if (delimiter) refuse(sqlstate::kSyntaxError, "cannot specify DELIMITER in BINARY mode");
    if (null_string) refuse(sqlstate::kSyntaxError, "cannot specify NULL in BINARY mode");
    if (o.header) refuse(sqlstate::kFeatureNotSupported, "cannot specify HEADER in BINARY mode");
  }
  if (delimiter && delimiter->size() != 1) {
    refuse(sqlstate::kFeatureNotSupported, "COPY delimiter must be a single one-byte character");
  }
  o.delimiter = delimiter ? (*delimiter)[0] : (csv ? ',' : '\t');
  o.null_string = null_string ? *null_string : (csv ? "" : "\\N");
  if (o.delimiter == '\n' || o.delimiter == '\r') {
    refuse(sqlstate::kInvalidParameterValue, "COPY delimiter cannot be newline or carriage return");
  }
  if (o.null_string.find_first_of("\r\n") != std::string::npos) {
    refuse(sqlstate::kInvalidParameterValue, "COPY null representation cannot use newline or carriage return");
  }
  // In text format a backslash, a dot or a letter or digit as delimiter
  // would be read as part of an escape sequence.
  if (!csv && std::string_view("\\.abcdefghijklmnopqrstuvwxyz0123456789").find(o.delimiter) != std::string::npos) {
    refuse(sqlstate::kInvalidParameterValue, std::string("COPY delimiter cannot be \"") + o.delimiter + "\"");
  }
  if (!csv && quote) refuse(sqlstate::kFeatureNotSupported, "COPY quote available only in CSV mode");
  if (quote && quote->size() != 1) {
    refuse(sqlstate::kFeatureNotSupported, "COPY quote must be a single one-byte character");
  }
  if (quote) o.quote = (*quote)[0];
  if (csv && o.delimiter == o.quote) {
    refuse(sqlstate::kInvalidParameterValue, "COPY delimiter and quote must be different");
  }
  if (!csv && escape) refuse(sqlstate::kFeatureNotSupported, "COPY escape available only in CSV mode");
  if (escape && escape->size() != 1) {
    refuse(sqlstate::kFeatureNotSupported, "COPY escape must be a single one-byte character");
  }
  o.escape = escape ? (*escape)[0] : o.quote;
  if (!csv && force_quote) refuse(sqlstate::kFeatureNotSupported, "COPY force quote available only in CSV mode");
  if (force_quote && copy.from) refuse(sqlstate::kFeatureNotSupported, "COPY force quote only available using COPY TO");
  if (!csv && force_not_null) {
    refuse(sqlstate::kFeatureNotSupported, "COPY force not null available only in CSV mode");
  }
  if (force_not_null && !copy.from) {
    refuse(sqlstate::kFeatureNotSupported, "COPY force not null only available using COPY FROM");
  }
  if (!csv && force_null) refuse(sqlstate::kFeatureNotSupported, "COPY force null available only in CSV mode");
  if (force_null && !copy.from)
    refuse(sqlstate::kFeatureNotSupported, "COPY force null only available using COPY FROM");
  if (o.format != CopyFormat::kBinary && o.null_string.find(o.delimiter) != std::string::npos) {
    refuse(sqlstate::kFeatureNotSupported, "COPY delimiter must not appear in the NULL specification");
  }
  if (csv && o.null_string.find(o.quote) != std::string::npos) {
    refuse(sqlstate::kFeatureNotSupported, "CSV quote character must not appear in the NULL specification");
  }
  for (auto* flags : {&o.force_quote, &o.force_not_null, &o.force_null}) flags->resize(columns.size(), false);
  return o;
}

}  // namespace heliosdb::engine
