// Client authentication, between the startup packet and AuthenticationOk:
// the hba rules pick the method, the role comes from the main branch's
// catalog (PostgreSQL docs, chapter 21 "Client Authentication").
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>

#include "engine/auth/crypto.hpp"
#include "engine/auth/password_verifier.hpp"
#include "engine/types/temporal.hpp"
#include "server/auth/roles.hpp"
#include "server/auth/scram_exchange.hpp"
#include "server/wire/connection.hpp"

namespace heliosdb::server {

namespace {

// A client's address as the messages name it.
std::string host_of(const ClientEndpoint& client) {
  return client.address ? client.address->to_string() : std::string("[local]");
}

// A failed SCRAM step as the FATAL tells it (a ScramError has a DETAIL too).
void describe_failure(const std::exception& e, std::string& message, std::string& detail) {
  message = e.what();
  if (const auto* scram = dynamic_cast<const ScramError*>(&e)) detail = scram->detail();
}

// Why a role that proved who it is may still not log in (NOLOGIN, its
// CONNECTION LIMIT, which binds every role but superusers); "" if it may.
std::string login_refusal(const engine::RoleDef& role, const ServerContext& server, std::string& code) {
  if (!role.login) {
    code = "28000";
    return fmt::format("role \"{}\" is not permitted to log in", role.name);
  }
  if (role.connection_limit >= 0 && !role.superuser) {
    int n = 0;
    for (const engine::BackendActivity& b : server.activity()) n += b.user == role.name ? 1 : 0;
    if (n >= role.connection_limit) {
      code = "53300";
      return fmt::format("too many connections for role \"{}\"", role.name);
    }
  }
  return {};
}

// The server-first-message for a SASLInitialResponse. Throws ScramError
// (or ProtocolViolation for a malformed message).
std::string scram_first(ScramExchange& exchange, const std::string& body) {
  protocol::SaslInitialResponse initial = protocol::decode_sasl_initial_response(body);
  if (initial.mechanism != "SCRAM-SHA-256") {
    throw ScramError("client selected an invalid SASL authentication mechanism");
  }
  if (!initial.data) throw ScramError("malformed SCRAM message");
  return exchange.handle_client_first(*initial.data);
}

// A PasswordMessage's password; nullopt if the message is malformed.
std::optional<std::string> password_of(const std::string& body) {
  try {
    return protocol::decode_password(body);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool expired(const engine::RoleDef& role) {
  return role.valid_until && *role.valid_until < engine::temporal::now_micros();
}

}  // namespace

ClientEndpoint client_endpoint(const ClientSocket& socket) {
  ClientEndpoint out;
  boost::system::error_code ec;
  const auto peer = socket.remote_endpoint(ec);
  if (ec) return out;
  const sockaddr* address = peer.data();
  if (address->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(address);
    out.address = asio::ip::address_v4(ntohl(in->sin_addr.s_addr));
  } else if (address->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
    asio::ip::address_v6::bytes_type bytes;
    std::memcpy(bytes.data(), in6->sin6_addr.s6_addr, bytes.size());
    out.address = asio::ip::address_v6(bytes, in6->sin6_scope_id);
  }
  return out;
}

asio::awaitable<std::optional<std::string>> Connection::read_auth_response() {
  auto message = co_await read_message();
  if (!message) co_return std::nullopt;
  if (message->first != 'p') {
    co_await fatal("08P01", fmt::format("expected password response, got message type {}",
                                        static_cast<int>(static_cast<unsigned char>(message->first))));
    co_return std::nullopt;
  }
  co_return std::move(message->second);
}

asio::awaitable<std::optional<std::string>> Connection::read_password() {
  co_await flush();
  std::optional<std::string> body = co_await read_auth_response();
  if (!body) co_return std::nullopt;
  std::optional<std::string> password = password_of(*body);
  if (!password) co_await fatal("08P01", "invalid password packet size");
  co_return password;
}

asio::awaitable<bool> Connection::scram_step(std::function<void()> step) {
  std::string error;
  std::string detail;
  try {
    step();
  } catch (const std::exception& e) {
    describe_failure(e, error, detail);
  }
  if (error.empty()) co_return true;
  queue_protocol_fatal(error, detail);
  co_await flush();
  co_return false;
}

asio::awaitable<bool> Connection::scram(const std::optional<engine::RoleDef>& role, const std::string& user) {
  std::optional<engine::auth::ScramSecret> secret;
  if (role && role->password) secret = engine::auth::parse_scram_secret(*role->password);
  ScramExchange exchange(secret, user);
  out_.authentication_sasl({"SCRAM-SHA-256"});
  co_await flush();

  std::optional<std::string> body = co_await read_auth_response();
  if (!body) co_return false;
  std::string server_first;
  bool ok = co_await scram_step([&] { server_first = scram_first(exchange, *body); });
  if (!ok) co_return false;
  out_.authentication_sasl_continue(server_first);
  co_await flush();

  body = co_await read_auth_response();
  if (!body) co_return false;
  std::optional<std::string> server_final;
  ok = co_await scram_step([&] { server_final = exchange.handle_client_final(*body); });
  if (!ok) co_return false;
  if (!server_final) co_return false;
  out_.authentication_sasl_final(*server_final);  // goes out with AuthenticationOk
  co_return true;
}

asio::awaitable<bool> Connection::authenticate(const std::string& user, const std::string& database) {
  const std::string host = host_of(client_);
  const std::optional<AuthMethod> method = server_.hba.match(client_, database, user);
  if (!method) {
    co_await fatal("28000", fmt::format("no pg_hba.conf entry for host \"{}\", user \"{}\", database \"{}\", no "
                                        "encryption",
                                        host, user, database));
    co_return false;
  }
  const std::optional<engine::RoleDef> role = find_role(*server_.store, user, target_.branch);
  const bool has_password = role && role->password;
  bool proved = false;
  switch (*method) {
    case AuthMethod::kReject:
      co_await fatal("28000", fmt::format("pg_hba.conf rejects connection for host \"{}\", user \"{}\", database "
                                          "\"{}\", no encryption",
                                          host, user, database));
      co_return false;
    case AuthMethod::kTrust:
      proved = true;
      break;
    case AuthMethod::kPassword: {
      out_.authentication_cleartext_password();
      std::optional<std::string> password = co_await read_password();
      if (!password) co_return false;
      proved = has_password && engine::auth::check_cleartext(*role->password, user, *password);
      break;
    }
    case AuthMethod::kMd5:
      // md5 falls back to SCRAM for a role whose password is a SCRAM secret, as in PostgreSQL.
      if (has_password && engine::auth::parse_scram_secret(*role->password)) {
        proved = co_await scram(role, user);
      } else {
        const std::string salt = engine::auth::random_bytes(4);
        out_.authentication_md5_password(salt);
        std::optional<std::string> response = co_await read_password();
        if (!response) co_return false;
        proved = has_password && engine::auth::check_md5_response(*role->password, salt, *response);
      }
      break;
    case AuthMethod::kScramSha256:
      proved = co_await scram(role, user);
      break;
  }
  if (*method == AuthMethod::kTrust && !role) {
    co_await fatal("28000", fmt::format("role \"{}\" does not exist", user));
    co_return false;
  }
  // An expired password fails like a wrong one; the log says which.
  if (proved && *method != AuthMethod::kTrust && expired(*role)) {
    spdlog::info("connection {}: password of role \"{}\" has expired", pid_, user);
    proved = false;
  }
  if (!proved) {
    co_await fatal("28P01", fmt::format("password authentication failed for user \"{}\"", user));
    co_return false;
  }
  std::string refusal_code;
  const std::string refusal = login_refusal(*role, server_, refusal_code);
  if (!refusal.empty()) {
    co_await fatal(refusal_code.c_str(), refusal);
    co_return false;
  }
  if (!may_connect(*server_.store, *role, target_.branch)) {
    queue_fatal("42501", "permission denied for database \"" + database + "\"",
                "User does not have CONNECT privilege.");
    co_await flush();
    co_return false;
  }
  co_return true;
}

}  // namespace heliosdb::server
