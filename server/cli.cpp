#include "server/cli.hpp"

#include <array>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

#include "heliosdb/version.hpp"
#include "server/config/server_config.hpp"
#include "server/logging.hpp"
#include "server/repl/repl.hpp"
#include "server/wire/wire_server.hpp"
#include "storage/encryption_key.hpp"

namespace heliosdb::server {

namespace {

Subcommand repl_command() {
  return {"repl", "Interactive SQL shell on a database in memory or in a directory",
          [](CLI::App& app) -> std::function<int()> {
            auto options = std::make_shared<ReplOptions>();
            auto* memory = app.add_flag("--memory", options->memory, "Use an in-memory database (lost on exit)");
            auto* data = app.add_option("--data", options->data_dir, "Database directory (created if missing)");
            memory->excludes(data);
            app.add_option("--encryption-key-file", options->encryption_key_file,
                           "Encrypt the database at rest with the key in this file (64 hex digits; see keygen)")
                ->envname("HELIOSDB_ENCRYPTION_KEY_FILE");
            app.add_flag("--on-error-stop", options->on_error_stop,
                         "Stop at the first error and exit with status 3 (like psql's ON_ERROR_STOP)");
            app.add_flag("!--no-timing", options->timing, "Do not print how long each statement took");
            return [options, &app]() -> int {
              if (!options->memory && options->data_dir.empty()) {
                std::cerr << "heliosdb-lite repl: give --memory or --data DIR\n" << app.help();
                return 2;
              }
              return run_repl(*options);
            };
          }};
}

Subcommand server_command() {
  return {
      "server", "PostgreSQL wire-protocol server (psql and any Postgres driver connect to it)",
      [](CLI::App& app) -> std::function<int()> {
        auto options = std::make_shared<ServerOptions>();
        auto* memory = app.add_flag("--memory", options->memory, "Serve an in-memory database (lost on exit)");
        auto* data = app.add_option("--data", options->data_dir, "Database directory (created if missing)")
                         ->envname("HELIOSDB_DATA");
        memory->excludes(data);
        app.add_option("--encryption-key-file", options->encryption_key_file,
                       "Encrypt the database at rest with the key in this file (64 hex digits; see keygen)")
            ->envname("HELIOSDB_ENCRYPTION_KEY_FILE");
        app.add_option("--port,-p", options->port, "TCP port to listen on")
            ->envname("HELIOSDB_PORT")
            ->capture_default_str();
        app.add_option("--listen", options->listen_address, "Address to listen on")
            ->envname("HELIOSDB_LISTEN_ADDRESS")
            ->capture_default_str();
        app.add_option("--unix-socket-dir", options->unix_socket_dir,
                       "Directory for the Unix-domain socket .s.PGSQL.PORT (empty: none)")
            ->envname("HELIOSDB_UNIX_SOCKET_DIR")
            ->capture_default_str();
        app.add_option("--shutdown-grace", options->shutdown_grace_seconds,
                       "Seconds running statements may go on after SIGTERM/SIGINT before they are cancelled")
            ->envname("HELIOSDB_SHUTDOWN_GRACE")
            ->check(CLI::NonNegativeNumber)
            ->capture_default_str();
        app.add_option("--max-connections", options->max_connections, "Most clients connected at once")
            ->envname("HELIOSDB_MAX_CONNECTIONS")
            ->check(CLI::PositiveNumber)
            ->capture_default_str();
        app.add_option("--worker-threads", options->workers,
                       "Threads that serve the connections and run their statements (0: one per core); a "
                       "thread waiting for a row lock or running one statement past 4 ms gets a spare beside it")
            ->envname("HELIOSDB_WORKER_THREADS")
            ->check(CLI::Range(0, 1024))
            ->capture_default_str();
        app.add_option("--retention-days", options->retention_days,
                       "Days of history kept for time travel (0: all); older history is compacted away")
            ->envname("HELIOSDB_RETENTION_DAYS")
            ->check(CLI::Range(0.0, 36500.0))
            ->capture_default_str();
        app.add_option("--compact-interval-hours", options->compact_interval_hours,
                       "Hours between compactions of history older than --retention-days")
            ->envname("HELIOSDB_COMPACT_INTERVAL_HOURS")
            ->check(CLI::Range(1, 8760))
            ->capture_default_str();
        auto auth_names = std::make_shared<std::array<std::string, 3>>();
        const auto methods = CLI::IsMember({"trust", "reject", "password", "md5", "scram-sha-256"});
        app.add_option("--local-auth", (*auth_names)[0],
                       "How clients on the Unix socket and loopback authenticate (default trust)")
            ->envname("HELIOSDB_LOCAL_AUTH")
            ->check(methods);
        app.add_option("--host-auth", (*auth_names)[1],
                       "How clients from other addresses authenticate (default scram-sha-256)")
            ->envname("HELIOSDB_HOST_AUTH")
            ->check(methods);
        app.add_option("--hba-file", options->hba_file,
                       "Client authentication rules in pg_hba.conf's format, instead of --local-auth/--host-auth")
            ->envname("HELIOSDB_HBA_FILE");
        app.add_option("--password-encryption", (*auth_names)[2],
                       "How CREATE/ALTER ROLE ... PASSWORD stores passwords (default scram-sha-256)")
            ->envname("HELIOSDB_PASSWORD_ENCRYPTION")
            ->check(CLI::IsMember({"md5", "scram-sha-256"}));
        app.add_option("--ssl-cert", options->ssl_cert_file,
                       "TLS certificate (PEM); with --ssl-key, clients that ask for TLS get it")
            ->envname("HELIOSDB_SSL_CERT_FILE");
        app.add_option("--ssl-key", options->ssl_key_file, "TLS private key (PEM)")->envname("HELIOSDB_SSL_KEY_FILE");
        app.add_option("--config", options->config_file,
                       "Configuration file (postgresql.conf syntax; see conf/heliosdb.conf); flags and "
                       "HELIOSDB_* variables override it; SIGHUP reloads it")
            ->envname("HELIOSDB_CONFIG");
        return [options, auth_names, &app]() -> int {
          // What flags and the environment set, the file does not change.
          const std::pair<const char*, const char*> given[] = {{"--data", "data_directory"},
                                                               {"--encryption-key-file", "encryption_key_file"},
                                                               {"--port", "port"},
                                                               {"--listen", "listen_addresses"},
                                                               {"--unix-socket-dir", "unix_socket_directories"},
                                                               {"--shutdown-grace", "shutdown_grace"},
                                                               {"--max-connections", "max_connections"},
                                                               {"--worker-threads", "worker_threads"},
                                                               {"--retention-days", "retention_days"},
                                                               {"--compact-interval-hours", "compact_interval_hours"}};
          for (const auto& [flag, name] : given) {
            if (app.get_option(flag)->count() > 0) options->overridden.insert(name);
          }
          if (!(*auth_names)[0].empty()) {
            options->local_auth = *parse_auth_method((*auth_names)[0]);
            options->overridden.insert("local_auth_method");
          }
          if (!(*auth_names)[1].empty()) {
            options->host_auth = *parse_auth_method((*auth_names)[1]);
            options->overridden.insert("host_auth_method");
          }
          if (app.get_option("--hba-file")->count() > 0) options->overridden.insert("hba_file");
          // A certificate given by flag or environment turns TLS on.
          if (app.get_option("--ssl-cert")->count() > 0 || app.get_option("--ssl-key")->count() > 0) {
            options->ssl = true;
            options->overridden.insert({"ssl", "ssl_cert_file", "ssl_key_file"});
          }
          if (!(*auth_names)[2].empty()) {
            options->session_defaults.emplace_back("password_encryption", (*auth_names)[2]);
            options->overridden.insert("password_encryption");
          }
          // Not a flag: a password on the command line is visible to every local user.
          if (const char* password = std::getenv("HELIOSDB_SUPERUSER_PASSWORD"); password != nullptr) {
            options->superuser_password = password;
            options->overridden.insert("superuser_password");
          }
          const CLI::App* root = app.get_parent();
          options->log_level = root->get_option("--log-level")->as<std::string>();
          if (root->get_option("--log-level")->count() > 0) options->overridden.insert("log_level");
          if (!options->config_file.empty()) {
            try {
              apply_config(read_config_file(options->config_file), options->overridden, options->config_file, *options);
            } catch (const ConfigError& e) {
              std::cerr << "heliosdb-lite server: " << e.what() << "\n";
              return 2;
            }
            init_logging(*parse_log_level(options->log_level));
          }
          if (!options->memory && options->data_dir.empty()) {
            std::cerr << "heliosdb-lite server: give --memory or --data DIR\n" << app.help();
            return 2;
          }
          return run_wire_server(*options);
        };
      }};
}

Subcommand keygen_command() {
  return {"keygen", "Print a new random key for --encryption-key-file (keep it apart from the database)",
          [](CLI::App&) -> std::function<int()> {
            return []() -> int {
              std::cout << storage::key_hex(storage::generate_key()) << "\n";
              return 0;
            };
          }};
}

}  // namespace

std::vector<Subcommand> subcommands() { return {repl_command(), server_command(), keygen_command()}; }

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app("HeliosDB-Lite: a PostgreSQL-compatible database, embedded or as a server", "heliosdb-lite");
  app.set_version_flag("--version", std::string("heliosdb-lite ") + kVersion);

  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, critical or off")
      ->envname("HELIOSDB_LOG_LEVEL")
      ->check([](const std::string& value) {
        return parse_log_level(value) ? std::string() : "unknown log level \"" + value + "\"";
      });

  std::vector<std::pair<CLI::App*, std::function<int()>>> commands;
  for (Subcommand& command : subcommands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.description);
    commands.emplace_back(sub, command.setup(*sub));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion& version) {
    out << version.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "heliosdb-lite: " << e.what() << "\n";
    return e.get_exit_code() == 0 ? 2 : e.get_exit_code();
  }

  init_logging(*parse_log_level(log_level));
  for (auto& [sub, run] : commands) {
    if (sub->parsed()) return run();
  }
  // No command: say what there is to run.
  out << app.help();
  return 0;
}

}  // namespace heliosdb::server
