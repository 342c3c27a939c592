#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "server/wire/asio.hpp"

namespace heliosdb::server {

/// How a client proves who it is (pg_hba.conf's METHOD column).
enum class AuthMethod : std::uint8_t { kTrust, kReject, kPassword, kMd5, kScramSha256 };

/// "trust", "md5", ... as pg_hba.conf and our config spell them; nullopt if unknown.
std::optional<AuthMethod> parse_auth_method(std::string_view name);
std::string_view auth_method_name(AuthMethod method);

/// A line of an hba file that cannot be used; what() names the line.
class HbaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Who connects: over the Unix-domain socket (no address) or TCP.
struct ClientEndpoint {
  std::optional<asio::ip::address> address;  ///< none: Unix-domain socket
  bool ssl = false;
};

/// The client authentication rules, in pg_hba.conf's format and with its
/// first-match semantics (PostgreSQL docs, 21.1 "The pg_hba.conf File"):
/// `local|host|hostssl|hostnossl DATABASE USER [ADDRESS] METHOD`, with
/// DATABASE `all`, `sameuser` or names, USER `all` or names (comma lists,
/// double quotes), ADDRESS `all`, an address/prefix or an address and mask.
/// Group (+role), @file, samehost/samenet, host names and the methods we do
/// not implement are refused when the file is read, never ignored.
class HbaRules {
 public:
  /// Throws HbaError for a line it cannot use; `origin` names the file in messages.
  static HbaRules parse(std::string_view text, const std::string& origin);
  /// The rules without a file: `local_method` for the Unix socket and the
  /// loopback addresses, `host_method` for every other address.
  static HbaRules defaults(AuthMethod local_method, AuthMethod host_method);

  /// The method of the first rule that matches; nullopt if none does.
  std::optional<AuthMethod> match(const ClientEndpoint& client, std::string_view database,
                                  std::string_view user) const;

 private:
  struct Rule {
    enum class Kind : std::uint8_t { kLocal, kHost, kHostSsl, kHostNoSsl };
    Kind kind = Kind::kHost;
    std::vector<std::string> databases;  ///< "all", "sameuser" or names
    std::vector<std::string> users;      ///< "all" or names
    bool any_address = true;
    asio::ip::address network;
    unsigned prefix = 0;
    AuthMethod method = AuthMethod::kTrust;
  };
  static bool address_matches(const Rule& rule, const asio::ip::address& address);

  std::vector<Rule> rules_;
};

}  // namespace heliosdb::server
