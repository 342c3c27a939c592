// Logging: level names and per-subsystem loggers.
#include "server/logging.hpp"

#include <catch2/catch.hpp>

using namespace heliosdb::server;

TEST_CASE("log level names parse as spdlog levels", "[server][logging]") {
  CHECK(parse_log_level("debug") == spdlog::level::debug);
  CHECK(parse_log_level("warn") == spdlog::level::warn);
  CHECK(parse_log_level("warning") == spdlog::level::warn);
  CHECK(parse_log_level("error") == spdlog::level::err);
  CHECK(parse_log_level("off") == spdlog::level::off);
  CHECK_FALSE(parse_log_level("verbose"));
  CHECK_FALSE(parse_log_level(""));
}

TEST_CASE("a subsystem has one logger that follows the global level", "[server][logging]") {
  auto a = logger("storage");
  auto b = logger("storage");
  CHECK(a == b);
  CHECK(logger("server") != a);
  init_logging(spdlog::level::debug);
  CHECK(a->level() == spdlog::level::debug);
  auto later = logger("engine");
  CHECK(later->level() == spdlog::level::debug);
  init_logging(spdlog::level::info);
  CHECK(later->level() == spdlog::level::info);
}
