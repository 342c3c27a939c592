#include "server/config/server_config.hpp"

#include <charconv>
#include <functional>
#include <map>

#include "engine/common/db_error.hpp"
#include "engine/session/settings.hpp"
#include "server/logging.hpp"

namespace heliosdb::server {

namespace {

int to_int(const std::string& value, int min, int max) {
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < min || n > max) {
    throw std::invalid_argument("expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return n;
}

double to_days(const std::string& value) {
  double days = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), days);
  if (ec != std::errc() || end != value.data() + value.size() || days < 0 || days > 36500) {
    throw std::invalid_argument("expected a number of days from 0 (keep all history) to 36500");
  }
  return days;
}

AuthMethod auth_method(const std::string& value) {
  std::optional<AuthMethod> method = parse_auth_method(value);
  if (!method) throw std::invalid_argument("trust, reject, password, md5 or scram-sha-256");
  return *method;
}

using Setter = std::function<void(ServerOptions&, const std::string&)>;

// The server's own parameters, by the names postgresql.conf gives them where
// PostgreSQL has one.
const std::map<std::string, Setter>& server_setters() {
  static const std::map<std::string, Setter> setters = {
      {"data_directory", [](ServerOptions& o, const std::string& v) { o.data_dir = v; }},
      {"encryption_key_file", [](ServerOptions& o, const std::string& v) { o.encryption_key_file = v; }},
      {"listen_addresses",
       [](ServerOptions& o, const std::string& v) {
         if (v.find(',') != std::string::npos) {
           throw std::invalid_argument("one address only (several are not supported yet)");
         }
         o.listen_address = v == "*" ? "0.0.0.0" : v == "localhost" ? "127.0.0.1" : v;
       }},
      {"port",
       [](ServerOptions& o, const std::string& v) { o.port = static_cast<std::uint16_t>(to_int(v, 1, 65535)); }},
      {"unix_socket_directories",
       [](ServerOptions& o, const std::string& v) {
         if (v.find(',') != std::string::npos) {
           throw std::invalid_argument("one directory only (several are not supported yet)");
         }
         o.unix_socket_dir = v;
       }},
      {"max_connections", [](ServerOptions& o, const std::string& v) { o.max_connections = to_int(v, 1, 262143); }},
      {"worker_threads", [](ServerOptions& o, const std::string& v) { o.workers = to_int(v, 0, 1024); }},
      {"shutdown_grace",
       [](ServerOptions& o, const std::string& v) { o.shutdown_grace_seconds = to_int(v, 0, 86400); }},
      {"local_auth_method", [](ServerOptions& o, const std::string& v) { o.local_auth = auth_method(v); }},
      {"host_auth_method", [](ServerOptions& o, const std::string& v) { o.host_auth = auth_method(v); }},
      {"hba_file", [](ServerOptions& o, const std::string& v) { o.hba_file = v; }},
      {"ssl",
       [](ServerOptions& o, const std::string& v) {
         if (v == "on" || v == "true" || v == "1") {
           o.ssl = true;
         } else if (v == "off" || v == "false" || v == "0") {
           o.ssl = false;
         } else {
           throw std::invalid_argument("on or off");
         }
       }},
      {"ssl_cert_file", [](ServerOptions& o, const std::string& v) { o.ssl_cert_file = v; }},
      {"ssl_key_file", [](ServerOptions& o, const std::string& v) { o.ssl_key_file = v; }},
      {"retention_days", [](ServerOptions& o, const std::string& v) { o.retention_days = to_days(v); }},
      {"compact_interval_hours",
       [](ServerOptions& o, const std::string& v) { o.compact_interval_hours = to_int(v, 1, 8760); }},
      {"superuser_password", [](ServerOptions& o, const std::string& v) { o.superuser_password = v; }},
      {"log_level",
       [](ServerOptions& o, const std::string& v) {
         if (!parse_log_level(v)) throw std::invalid_argument("trace, debug, info, warn, error, critical or off");
         o.log_level = v;
       }},
  };
  return setters;
}

}  // namespace

bool needs_restart(const std::string& name) {
  return name != "log_level" && name != "retention_days" && server_setters().contains(name);
}

std::vector<std::pair<std::string, std::string>> server_parameters(const ServerOptions& o) {
  return {{"data_directory", o.data_dir},
          {"encryption_key_file", o.encryption_key_file},
          {"listen_addresses", o.listen_address},
          {"port", std::to_string(o.port)},
          {"unix_socket_directories", o.unix_socket_dir},
          {"max_connections", std::to_string(o.max_connections)},
          {"worker_threads", std::to_string(o.workers)},
          {"shutdown_grace", std::to_string(o.shutdown_grace_seconds)},
          {"local_auth_method", std::string(auth_method_name(o.local_auth))},
          {"host_auth_method", std::string(auth_method_name(o.host_auth))},
          {"hba_file", o.hba_file},
          {"ssl", o.ssl ? "on" : "off"},
          {"ssl_cert_file", o.ssl_cert_file},
          {"ssl_key_file", o.ssl_key_file},
          {"compact_interval_hours", std::to_string(o.compact_interval_hours)}};
}

void apply_config(const std::vector<ConfigEntry>& entries, const std::set<std::string>& overridden,
                  const std::string& path, ServerOptions& options) {
  engine::Settings check;  // session parameters are checked as SET would check them
  // Session parameters given by flag or environment stay; the file's others join them.
  std::vector<std::pair<std::string, std::string>> defaults;
  for (const auto& d : options.session_defaults) {
    if (overridden.contains(d.first)) defaults.push_back(d);
  }
  for (const ConfigEntry& e : entries) {
    const std::string where = " in file \"" + path + "\" line " + std::to_string(e.line);
    if (overridden.contains(e.name)) continue;
    if (auto it = server_setters().find(e.name); it != server_setters().end()) {
      try {
        it->second(options, e.value);
      } catch (const std::invalid_argument& error) {
        throw ConfigError("invalid value for parameter \"" + e.name + "\": \"" + e.value + "\"" + where + " (" +
                          error.what() + ")");
      }
      continue;
    }
    try {
      check.set(e.name, {e.value}, false);
    } catch (const engine::DbError& error) {
      if (error.state() == engine::sqlstate::kUndefinedObject) {
        throw ConfigError("unrecognized configuration parameter \"" + e.name + "\"" + where);
      }
      throw ConfigError(std::string(error.what()) + where);
    }
    std::erase_if(defaults, [&](const auto& d) { return d.first == e.name; });
    defaults.emplace_back(e.name, e.value);
  }
  options.session_defaults = std::move(defaults);
}

}  // namespace heliosdb::server
