#pragma once

#include <set>
#include <string>
#include <vector>

#include "server/config/config_file.hpp"
#include "server/wire/server_context.hpp"

namespace heliosdb::server {

/// Applies a config file's entries to `options`, except the parameters in
/// `overridden` (given by flag or environment, which win). Server
/// parameters (port, listen_addresses, ...) set the options; every other
/// name must be a session parameter (statement_timeout, DateStyle, ...),
/// which becomes the default of each new session. Throws ConfigError,
/// naming the file and line, for an unknown parameter or a bad value.
void apply_config(const std::vector<ConfigEntry>& entries, const std::set<std::string>& overridden,
                  const std::string& path, ServerOptions& options);

/// Whether a parameter takes effect only at server start (PostgreSQL's
/// "postmaster" context): a SIGHUP reload leaves it as it was.
bool needs_restart(const std::string& name);

/// The server parameters as the config file names them, for the reload's
/// comparison: name and value in `options`.
std::vector<std::pair<std::string, std::string>> server_parameters(const ServerOptions& options);

}  // namespace heliosdb::server
