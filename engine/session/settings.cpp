#include "engine/session/settings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <unordered_map>

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

[[noreturn]] void not_honoured(std::string_view name, const std::string& value) {
  throw DbError(sqlstate::kFeatureNotSupported, "not supported yet: " + std::string(name) + " = '" + value + "'");
}

[[noreturn]] void invalid(std::string_view name, const std::string& value) {
  throw DbError(sqlstate::kInvalidParameterValue,
                "invalid value for parameter \"" + std::string(name) + "\": \"" + value + "\"");
}

// Turns SET's items into the stored value, or throws.
using Normalize = std::function<std::string(std::string_view name, const std::vector<std::string>& values)>;

std::string any_text(std::string_view, const std::vector<std::string>& values) { return joined(values); }

Normalize one_of(std::vector<std::string> accepted, std::string canonical = {}) {
  return [accepted = std::move(accepted), canonical](std::string_view name, const std::vector<std::string>& values) {
    std::string v = joined(values);
    for (const std::string& a : accepted) {
      if (lower(v) == a) return canonical.empty() ? a : canonical;
    }
    not_honoured(name, v);
  };
}

Normalize enumerated(std::vector<std::string> allowed) {
  return [allowed = std::move(allowed)](std::string_view name, const std::vector<std::string>& values) {
    std::string v = lower(joined(values));
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) invalid(name, joined(values));
    return v;
  };
}

// A boolean as PostgreSQL's parse_bool reads it (on, off, true, false, yes,
// no, 1, 0 and unique prefixes), shown as on or off.
std::string boolean(std::string_view name, const std::vector<std::string>& values) {
  const std::string v = lower(joined(values));
  auto prefix_of = [&](std::string_view word, std::size_t shortest) {
    return v.size() >= shortest && v.size() <= word.size() && word.substr(0, v.size()) == v;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || v == "1") return "on";
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || v == "0") return "off";
  throw DbError(sqlstate::kInvalidParameterValue, "parameter \"" + std::string(name) + "\" requires a Boolean value");
}

// A duration in milliseconds as PostgreSQL's time settings take it: a bare
// number of ms, or a number with us, ms, s, min, h or d. Shown in the
// largest unit that divides it, as SHOW does ("5s", "1500ms").
std::string milliseconds(std::string_view name, const std::vector<std::string>& values) {
  const std::string v = joined(values);
  std::size_t digits = 0;
  while (digits < v.size() && (std::isdigit(static_cast<unsigned char>(v[digits])) || (digits == 0 && v[0] == '-'))) {
    ++digits;
  }
  std::string unit = v.substr(digits);
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  static const std::pair<const char*, double> kUnits[] = {{"", 1},        {"us", 0.001},  {"ms", 1},      {"s", 1000},
                                                          {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
  const double* factor = nullptr;
  for (const auto& [u, f] : kUnits) {
    if (unit == u) factor = &f;
  }
  if (digits == 0 || (digits == 1 && v[0] == '-') || factor == nullptr || digits > 12) {
    throw DbError(sqlstate::kInvalidParameterValue,
                  "invalid value for parameter \"" + std::string(name) + "\": \"" + v + "\"")
        .with_hint("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
  }
  const auto ms = static_cast<long long>(std::stoll(v.substr(0, digits)) * *factor + (*factor < 1 ? 0.5 : 0));
  if (ms < 0 || ms > 2147483647) {
    throw DbError(sqlstate::kInvalidParameterValue, std::to_string(ms) +
                                                        " ms is outside the valid range for parameter \"" +
                                                        std::string(name) + "\" (0 .. 2147483647)");
  }
  if (ms == 0) return "0";
  static const std::pair<const char*, long long> kShown[] = {
      {"d", 86400000}, {"h", 3600000}, {"min", 60000}, {"s", 1000}};
  for (const auto& [u, f] : kShown) {
    if (ms % f == 0) return std::to_string(ms / f) + u;
  }
  return std::to_string(ms) + "ms";
}

// An integer within [low, high], as PostgreSQL's integer parameters check it.
Normalize integer_between(long long low, long long high) {
  return [low, high](std::string_view name, const std::vector<std::string>& values) {
    const std::string v = joined(values);
    long long n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size()) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "invalid value for parameter \"" + std::string(name) + "\": \"" + v + "\"");
    }
    if (n < low || n > high) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    std::to_string(n) + " is outside the valid range for parameter \"" + std::string(name) + "\" (" +
                        std::to_string(low) + " .. " + std::to_string(high) + ")");
    }
    return std::to_string(n);
  };
}

struct Parameter {
  std::string_view name;  ///< as SHOW heads its column
  std::string_view default_value;
  std::string_view description;
  Normalize normalize;  ///< null: read-only
};

const std::vector<Parameter>& parameters() {
  static const std::vector<Parameter> kParameters = {
      {"application_name", "", "Sets the application name to be reported in statistics and logs.", any_text},
      {"client_encoding", "UTF8", "Sets the client's character set encoding.",
       one_of({"utf8", "utf-8", "unicode"}, "UTF8")},
      // Settings a dump sets that change nothing here: there are no function
      // bodies to check, row-level security policies, concurrent scans to
      // synchronize or xml values.
      {"check_function_bodies", "on", "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.", boolean},
      {"client_min_messages", "notice", "Sets the message levels that are sent to the client.",
       enumerated({"debug5", "debug4", "debug3", "debug2", "debug1", "debug", "log", "notice", "warning", "error"})},
      {"deadlock_timeout", "1s", "Sets the time to wait on a lock before checking for deadlock.", milliseconds},
      {"DateStyle", "ISO, MDY", "Sets the display format for date and time values.",
       one_of({"iso", "iso, mdy", "mdy, iso"}, "ISO, MDY")},
      {"default_table_access_method", "heap", "Sets the default table access method for new tables.", one_of({"heap"})},
      {"default_tablespace", "", "Sets the default tablespace to create tables and indexes in.",
       one_of({"", "pg_default"})},
      {"default_transaction_isolation", "repeatable read",
       "Sets the transaction isolation level of each new transaction.",
       enumerated({"read uncommitted", "read committed", "repeatable read", "serializable"})},
      {"extra_float_digits", "1", "Sets the number of digits displayed for floating-point values.",
       // 1 and above print the shortest exact form, which is all we print.
       one_of({"1", "2", "3"})},
      // What current_tenant_id() returns to row-level security policies; empty: no tenant (NULL).
      {"heliosdb.tenant_id", "", "Sets the tenant of the session, which current_tenant_id() returns.", any_text},
      {"hnsw.ef_search", "40", "Sets the size of the dynamic candidate list for HNSW index searches.",
       integer_between(1, 1000)},
      {"idle_in_transaction_session_timeout", "0",
       "Sets the maximum allowed idle time between queries, when in a transaction.", milliseconds},
      {"IntervalStyle", "postgres", "Sets the display format for interval values.", one_of({"postgres"})},
      {"ivf.probes", "1", "Sets the number of lists an IVF-PQ index search visits.", integer_between(1, 32768)},
      {"ivfflat.probes", "1", "Sets the number of lists an IVFFlat index search visits.", integer_between(1, 32768)},
      {"lock_timeout", "0", "Sets the maximum allowed duration of any wait for a lock.", milliseconds},
      {"password_encryption", "scram-sha-256", "Chooses the algorithm for encrypting passwords.",
       enumerated({"md5", "scram-sha-256"})},
      // SET ROLE and SET SESSION AUTHORIZATION, checked against the catalog
      // first (session_roles.hpp); "" stands for the authenticated user.
      {"role", "none", "Sets the current role.", any_text},
      {"row_security", "on", "Enable row security.", boolean},
      {"search_path", "\"$user\", public", "Sets the schema search order for names that are not schema-qualified.",
       any_text},
      {"session_authorization", "", "Sets the session user name.", any_text},
      {"standard_conforming_strings", "on", "Causes '...' strings to treat backslashes literally.",
       one_of({"on", "true"}, "on")},
      {"statement_timeout", "0", "Sets the maximum allowed duration of any statement.", milliseconds},
      {"synchronize_seqscans", "on", "Enable synchronized sequential scans.", boolean},
      {"TimeZone", "UTC", "Sets the time zone for displaying and interpreting time stamps.",
       one_of({"utc", "etc/utc", "gmt", "etc/gmt", "z", "zulu", "uct"}, "UTC")},
      {"xmloption", "content",
       "Sets whether XML data in implicit parsing and serialization operations is to be "
       "considered as documents or content fragments.",
       enumerated({"content", "document"})},
      // Read-only: what the server is.
      {"block_size", "8192", "Shows the size of a disk block.", nullptr},
      {"integer_datetimes", "on", "Shows whether datetimes are integer based.", nullptr},
      {"is_superuser", "on", "Shows whether the current user is a superuser.", nullptr},
      {"lc_collate", "C", "Shows the collation order locale.", nullptr},
      {"lc_ctype", "C", "Shows the character classification and case conversion locale.", nullptr},
      {"max_identifier_length", "63", "Shows the maximum identifier length.", nullptr},
      {"max_index_keys", "32", "Shows the maximum number of index keys.", nullptr},
      {"server_encoding", "UTF8", "Shows the server (database) character set encoding.", nullptr},
      {"server_version", "15.0", "Shows the server version.", nullptr},
      {"server_version_num", "150000", "Shows the server version as an integer.", nullptr},
  };
  return kParameters;
}

// Parameters are keyed by their lower-case names (SET DateStyle and SET
// datestyle are one), which live as long as the program.
const std::vector<std::string>& lower_names() {
  static const std::vector<std::string> kLowerNames = [] {
    std::vector<std::string> names;
    for (const Parameter& p : parameters()) names.push_back(lower(p.name));
    return names;
  }();
  return kLowerNames;
}

std::string_view key_of(const Parameter& p) { return lower_names()[&p - parameters().data()]; }

// Runs for every SHOW and for what each transaction reads: a hash lookup
// on the name folded to lower case, no allocation.
const Parameter& find(std::string_view name) {
  static const std::unordered_map<std::string_view, const Parameter*> kByName = [] {
    std::unordered_map<std::string_view, const Parameter*> by_name;
    for (const Parameter& p : parameters()) by_name.emplace(key_of(p), &p);
    return by_name;
  }();
  char folded[64];
  if (name.size() <= sizeof folded) {
    for (std::size_t i = 0; i < name.size(); ++i) {
      folded[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
    }
    if (auto it = kByName.find(std::string_view(folded, name.size())); it != kByName.end()) return *it->second;
  }
  throw DbError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + std::string(name) + "\"");
}

// The parameter `name` if SET and RESET may change it (else 42704, 55P02).
const Parameter& changeable(std::string_view name) {
  const Parameter& p = find(name);
  if (!p.normalize) {
    throw DbError(sqlstate::kCantChangeRuntimeParam, "parameter \"" + std::string(p.name) + "\" cannot be changed");
  }
  return p;
}

}  // namespace

Settings::Settings() = default;

std::string Settings::show(std::string_view name) const { return std::string(current(key_of(find(name)))); }

std::string_view Settings::current(std::string_view key) const {
  if (auto it = local_.find(key); it != local_.end()) return it->second;
  if (auto it = values_.find(key); it != values_.end()) return it->second;
  return find(key).default_value;
}

std::string Settings::display_name(std::string_view name) const { return std::string(find(name).name); }

void Settings::will_change() {
  if (in_transaction_ && !saved_) saved_ = values_;
  ++generation_;
}

void Settings::set(std::string_view name, const std::vector<std::string>& values, bool local) {
  const Parameter& p = changeable(name);
  if (values.size() > 1 && p.name != "search_path" && p.name != "DateStyle") {
    throw DbError(sqlstate::kInvalidParameterValue, "SET " + std::string(p.name) + " takes only one argument");
  }
  std::string value = p.normalize(p.name, values);
  const std::string key(key_of(p));
  will_change();
  if (local) {
    local_[key] = std::move(value);
  } else {
    values_[key] = std::move(value);
    local_.erase(key);
  }
}

void Settings::reset(std::string_view name) {
  const std::string_view key = key_of(changeable(name));
  will_change();
  if (auto it = values_.find(key); it != values_.end()) values_.erase(it);
  if (auto it = local_.find(key); it != local_.end()) local_.erase(it);
}

void Settings::reset_all() {
  will_change();
  values_.clear();
  local_.clear();
}

std::vector<std::array<std::string, 3>> Settings::all() const {
  std::vector<std::array<std::string, 3>> out;
  for (const Parameter& p : parameters()) out.push_back({lower(p.name), show(p.name), std::string(p.description)});
  std::sort(out.begin(), out.end());
  return out;
}

const Settings::Hot& Settings::hot() const {
  if (hot_generation_ != generation_) {
    hot_.default_transaction_isolation = show("default_transaction_isolation");
    hot_.client_min_messages = show("client_min_messages");
    hot_.application_name = show("application_name");
    hot_.role = show("role");
    hot_.session_authorization = show("session_authorization");
    hot_.statement_timeout = duration("statement_timeout");
    hot_.lock_timeout = duration("lock_timeout");
    hot_.idle_in_transaction_timeout = duration("idle_in_transaction_session_timeout");
    hot_generation_ = generation_;
  }
  return hot_;
}

std::chrono::milliseconds Settings::duration(std::string_view name) const {
  // Stored as SHOW prints it; read back through the same units.
  const std::string shown = show(name);
  std::size_t digits = 0;
  while (digits < shown.size() && std::isdigit(static_cast<unsigned char>(shown[digits]))) ++digits;
  const long long n = std::stoll(shown.substr(0, digits));
  const std::string unit = shown.substr(digits);
  const long long factor = unit == "d"     ? 86400000
                           : unit == "h"   ? 3600000
                           : unit == "min" ? 60000
                           : unit == "s"   ? 1000
                                           : 1;
  return std::chrono::milliseconds(n * factor);
}

void Settings::begin_transaction() {
  in_transaction_ = true;
  saved_.reset();
}

void Settings::end_transaction(bool committed) {
  if (saved_ && !committed) {
    values_ = std::move(*saved_);
    ++generation_;
  }
  saved_.reset();
  if (!local_.empty()) {
    local_.clear();
    ++generation_;
  }
  in_transaction_ = false;
}

}  // namespace heliosdb::engine
