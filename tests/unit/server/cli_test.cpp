// The command line: version, help, and rejected flags.
#include "server/cli.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <vector>

using heliosdb::server::run_cli;

namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result run(std::vector<const char*> args) {
  args.insert(args.begin(), "heliosdb-lite");
  std::ostringstream out, err;
  int code = run_cli(static_cast<int>(args.size()), args.data(), out, err);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("the version flag prints the release", "[server][cli]") {
  Result r = run({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out == "heliosdb-lite 2.0.0\n");
}

TEST_CASE("the help flag describes the program and its options", "[server][cli]") {
  Result r = run({"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("heliosdb-lite") != std::string::npos);
  CHECK(r.out.find("--log-level") != std::string::npos);
  CHECK(r.out.find("--version") != std::string::npos);
}

TEST_CASE("no arguments prints help", "[server][cli]") {
  Result r = run({});
  CHECK(r.code == 0);
  CHECK(r.out.find("Usage") != std::string::npos);
}

TEST_CASE("an unknown log level is rejected with exit code 2 or more", "[server][cli]") {
  Result r = run({"--log-level", "loud"});
  CHECK(r.code >= 2);
  CHECK(r.err.find("loud") != std::string::npos);
}

TEST_CASE("an unknown option is rejected", "[server][cli]") {
  Result r = run({"--no-such-flag"});
  CHECK(r.code != 0);
  CHECK(r.err.find("no-such-flag") != std::string::npos);
}
