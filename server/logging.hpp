#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <string_view>

namespace heliosdb::server {

/// The level named `name` (trace, debug, info, warn, error, critical, off),
/// or nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name);

/// Sets the level of every subsystem logger, present and future. All loggers
/// write to one stderr sink. Thread-safe.
void init_logging(spdlog::level::level_enum level);

/// The logger of one subsystem ("server", "storage", ...), created on first
/// use and shared afterwards. Thread-safe; the logger lives until exit.
std::shared_ptr<spdlog::logger> logger(std::string_view subsystem);

}  // namespace heliosdb::server
