#include "server/auth/scram_exchange.hpp"

#include <fmt/format.h>

#include <cassert>

#include "engine/auth/crypto.hpp"

namespace heliosdb::server {

namespace auth = engine::auth;

namespace {

// PostgreSQL's server nonce is 18 random bytes, sent as base64 (24 printable
// characters, never a comma).
constexpr std::size_t kServerNonceLength = 18;
constexpr std::size_t kMockNonceLength = 32;

[[noreturn]] void malformed(std::string detail) { throw ScramError("malformed SCRAM message", std::move(detail)); }

// A character as PostgreSQL shows it in a SCRAM error detail: itself when
// printable, its code otherwise.
std::string shown(char c) {
  if (c >= 0x21 && c <= 0x7e) return std::string(1, c);
  return fmt::format("0x{:02x}", static_cast<unsigned char>(c));
}

bool is_attribute_name(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// RFC 5802's "printable": %x21-2B / %x2D-7E, i.e. visible ASCII but ','.
bool is_printable(std::string_view text) {
  for (const char c : text) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

// Takes "<value>" and the ',' after it (if any) off the front of `input`,
// which starts just after "<attribute>=".
std::string_view take_value(std::string_view& input) {
  const std::size_t end = input.find(',');
  const std::string_view value = input.substr(0, end);
  input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
  return value;
}

// Reads "<attribute>=<value>[,]" for the one attribute the grammar wants here.
std::string_view read_attribute(std::string_view& input, char attribute) {
  if (input.empty()) malformed(fmt::format("Expected attribute \"{}\" but found end of input.", attribute));
  if (input[0] != attribute) {
    malformed(fmt::format("Expected attribute \"{}\" but found \"{}\".", attribute, shown(input[0])));
  }
  if (input.size() < 2 || input[1] != '=') {
    malformed(fmt::format("Expected character \"=\" for attribute \"{}\".", attribute));
  }
  input.remove_prefix(2);
  return take_value(input);
}

// Reads "<letter>=<value>[,]" for whatever attribute comes next (extensions).
char read_any_attribute(std::string_view& input, std::string_view& value) {
  if (input.empty()) malformed("Attribute expected, but found end of string.");
  const char attribute = input[0];
  if (!is_attribute_name(attribute)) {
    malformed(fmt::format("Attribute expected, but found invalid character \"{}\".", shown(attribute)));
  }
  if (input.size() < 2 || input[1] != '=') {
    malformed(fmt::format("Expected character \"=\" for attribute \"{}\".", attribute));
  }
  input.remove_prefix(2);
  value = take_value(input);
  return attribute;
}

// The SASL data arrives with an explicit length; a NUL inside it would make
// it a different string to a C client library, so PostgreSQL refuses it.
void check_message(std::string_view message) {
  if (message.empty()) malformed("The message is empty.");
  if (message.find('\0') != std::string_view::npos) malformed("Message length does not match input length.");
}

// Fixed for the life of the process so that a mock exchange for one role
// offers the same salt every time, as a real role's would (PostgreSQL uses
// the cluster's mock_auth_nonce the same way).
const std::string& process_mock_nonce() {
  static const std::string nonce = auth::random_bytes(kMockNonceLength);
  return nonce;
}

std::string xor_bytes(std::string_view a, std::string_view b) {
  assert(a.size() == b.size());
  std::string out(a.size(), '\0');
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = static_cast<char>(a[i] ^ b[i]);
  return out;
}

}  // namespace

ScramExchange::ScramExchange(std::optional<engine::auth::ScramSecret> secret, std::string_view mock_seed) {
  if (secret) {
    assert(secret->iterations >= 1 && !secret->salt.empty());
    assert(secret->stored_key.size() == auth::kSha256Length && secret->server_key.size() == auth::kSha256Length);
    secret_ = std::move(*secret);
    return;
  }
  mock_ = true;
  std::string seed(mock_seed);
  seed += process_mock_nonce();
  secret_.iterations = engine::auth::kScramIterations;
  secret_.salt = auth::sha256(seed).substr(0, engine::auth::kScramSaltLength);
  // Never consulted for the outcome (a mock always fails), but present so a
  // mock exchange does the same work as a real one.
  secret_.stored_key.assign(auth::kSha256Length, '\0');
  secret_.server_key.assign(auth::kSha256Length, '\0');
}

std::string ScramExchange::handle_client_first(std::string_view client_first) {
  if (stage_ != Stage::kExpectClientFirst) throw ScramError("invalid SCRAM exchange state");
  stage_ = Stage::kDone;  // until this message has been accepted
  check_message(client_first);

  // gs2-header: a channel-binding flag, then an optional authzid.
  std::string_view input = client_first;
  switch (input[0]) {
    case 'n':  // the client does not support channel binding
    case 'y':  // the client does, but thinks the server does not (true: we never offer -PLUS)
      if (input.size() < 2 || input[1] != ',') {
        malformed(input.size() < 2 ? "Comma expected, but found end of input."
                                   : fmt::format("Comma expected, but found character \"{}\".", shown(input[1])));
      }
      break;
    case 'p':
      malformed(
          "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding "
          "data.");
    default:
      malformed(fmt::format("Unexpected channel-binding flag \"{}\".", shown(input[0])));
  }
  if (input.size() < 3) malformed("Attribute expected, but found end of string.");
  if (input[2] == 'a') throw ScramError("client uses authorization identity, but it is not supported");
  if (input[2] != ',') malformed(fmt::format("Unexpected attribute \"{}\" in client-first-message.", shown(input[2])));
  const std::string_view gs2_header = input.substr(0, 3);
  input.remove_prefix(3);
  const std::string_view client_first_bare = input;

  // client-first-bare: [reserved-mext ","] username "," nonce ["," extensions]
  if (!input.empty() && input[0] == 'm') throw ScramError("client requires an unsupported SCRAM extension");
  read_attribute(input, 'n');  // ignored: the role is the startup packet's "user"
  const std::string_view client_nonce = read_attribute(input, 'r');
  if (client_nonce.empty() || !is_printable(client_nonce)) throw ScramError("non-printable characters in SCRAM nonce");
  std::string_view ignored;
  while (!input.empty()) read_any_attribute(input, ignored);  // optional extensions carry nothing we use

  gs2_header_ = std::string(gs2_header);
  client_first_bare_ = std::string(client_first_bare);
  nonce_ = std::string(client_nonce) + auth::base64_encode(auth::random_bytes(kServerNonceLength));
  server_first_ = fmt::format("r={},s={},i={}", nonce_, auth::base64_encode(secret_.salt), secret_.iterations);
  stage_ = Stage::kExpectClientFinal;
  return server_first_;
}

std::optional<std::string> ScramExchange::handle_client_final(std::string_view client_final) {
  if (stage_ != Stage::kExpectClientFinal) throw ScramError("invalid SCRAM exchange state");
  stage_ = Stage::kDone;
  check_message(client_final);

  // client-final-message: channel-binding "," nonce ["," extensions] "," proof
  std::string_view input = client_final;
  const auto channel_binding = auth::base64_decode(read_attribute(input, 'c'));
  // Without channel binding, c= must repeat the gs2 header: "biws" for "n,,",
  // "eSws" for "y,,". A different flag means the header was tampered with.
  if (!channel_binding || *channel_binding != gs2_header_) {
    throw ScramError("unexpected SCRAM channel-binding attribute in client-final-message");
  }
  const std::string_view nonce = read_attribute(input, 'r');
  std::size_t proof_start = 0;
  std::string_view proof_text;
  for (;;) {
    proof_start = client_final.size() - input.size();
    std::string_view value;
    if (read_any_attribute(input, value) == 'p') {
      proof_text = value;
      break;
    }
  }
  const auto proof = auth::base64_decode(proof_text);
  if (!proof || proof->size() != auth::kSha256Length) malformed("Malformed proof in client-final-message.");
  if (!input.empty()) malformed("Garbage found at the end of client-final-message.");
  if (!auth::constant_time_equal(nonce, nonce_)) throw ScramError("invalid SCRAM response", "Nonce does not match.");

  // AuthMessage = client-first-bare "," server-first "," client-final-without-proof
  // (RFC 5802 section 3); proof_start - 1 drops the ',' before "p=".
  const std::string auth_message =
      client_first_bare_ + "," + server_first_ + "," + std::string(client_final.substr(0, proof_start - 1));
  const std::string client_signature = auth::hmac_sha256(secret_.stored_key, auth_message);
  const std::string client_key = xor_bytes(*proof, client_signature);
  const bool proof_ok = auth::constant_time_equal(auth::sha256(client_key), secret_.stored_key);
  if (mock_ || !proof_ok) return std::nullopt;
  return "v=" + auth::base64_encode(auth::hmac_sha256(secret_.server_key, auth_message));
}

}  // namespace heliosdb::server
