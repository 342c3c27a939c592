#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heliosdb::protocol {

/// A startup packet's `options` parameter (libpq's PGOPTIONS) that is not a
/// list of settings; what() is the argument at fault.
class BadStartupOption : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The settings in a startup packet's `options`, in order, as PostgreSQL
/// reads them: arguments split at unescaped whitespace (a backslash takes
/// the next character literally), each `-c name=value`, `-cname=value` or
/// `--name=value`, with dashes in the name read as underscores. Throws
/// BadStartupOption for anything else.
std::vector<std::pair<std::string, std::string>> parse_startup_options(std::string_view options);

}  // namespace heliosdb::protocol
