#include "server/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>
#include <string>

namespace heliosdb::server {

namespace {

std::mutex& logging_mutex() {
  static std::mutex mutex;
  return mutex;
}

// One sink for all subsystems, so lines from different loggers never interleave mid-line.
std::shared_ptr<spdlog::sinks::sink> shared_sink() {
  static auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  return sink;
}

spdlog::level::level_enum& current_level() {
  static spdlog::level::level_enum level = spdlog::level::info;
  return level;
}

}  // namespace

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
  for (auto level : {spdlog::level::trace, spdlog::level::debug, spdlog::level::info, spdlog::level::warn,
                     spdlog::level::err, spdlog::level::critical, spdlog::level::off}) {
    auto sv = spdlog::level::to_string_view(level);
    if (std::string_view(sv.data(), sv.size()) == name) return level;
  }
  // spdlog's own names are "warning" and "error"; PostgreSQL users write "warn" too.
  if (name == "warn") return spdlog::level::warn;
  return std::nullopt;
}

void init_logging(spdlog::level::level_enum level) {
  std::lock_guard lock(logging_mutex());
  current_level() = level;
  spdlog::apply_all([level](const std::shared_ptr<spdlog::logger>& l) { l->set_level(level); });
}

std::shared_ptr<spdlog::logger> logger(std::string_view subsystem) {
  std::lock_guard lock(logging_mutex());
  std::string name(subsystem);
  if (auto existing = spdlog::get(name)) return existing;
  auto created = std::make_shared<spdlog::logger>(name, shared_sink());
  created->set_level(current_level());
  created->set_pattern("%Y-%m-%d %H:%M:%S.%e %z [%n] %^%l%$: %v");
  spdlog::register_logger(created);
  return created;
}

}  // namespace heliosdb::server
