#pragma once

#include "server/wire/server_context.hpp"

namespace heliosdb::server {

/// Runs the PostgreSQL wire server until SIGINT or SIGTERM: opens the
/// database, listens, serves every connection, then closes the database
/// cleanly. Returns the process exit code.
int run_wire_server(const ServerOptions& options);

}  // namespace heliosdb::server
