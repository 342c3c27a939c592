// The server side of SCRAM-SHA-256, driven by a small client written here
// from RFC 5802 section 3, checked against the RFC 7677 section 3 example.
#include "server/auth/scram_exchange.hpp"

#include <catch2/catch.hpp>

#include "engine/auth/crypto.hpp"

using heliosdb::server::ScramError;
using heliosdb::server::ScramExchange;
namespace auth = heliosdb::engine::auth;

namespace {

// RFC 7677 section 3: user "user", password "pencil".
constexpr std::string_view kRfcSalt = "W22ZaJ0SNY7soEsUEjb6gQ==";
constexpr std::string_view kRfcClientNonce = "rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view kRfcClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view kRfcServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view kRfcClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view kRfcServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

auth::ScramSecret rfc_secret() { return auth::derive_scram_secret("pencil", *auth::base64_decode(kRfcSalt), 4096); }

std::string xor_bytes(std::string_view a, std::string_view b) {
  std::string out(a.size(), '\0');
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = static_cast<char>(a[i] ^ b[i]);
  return out;
}

// The value of attribute `name` in a server-first-message.
std::string attribute(std::string_view message, char name) {
  std::size_t at = 0;
  while (at < message.size()) {
    const std::size_t end = std::min(message.find(',', at), message.size());
    if (message[at] == name && message[at + 1] == '=') return std::string(message.substr(at + 2, end - at - 2));
    at = end + 1;
  }
  FAIL("no attribute " << name << " in " << message);
  return {};
}

// A SCRAM-SHA-256 client that knows the password, as libpq computes it.
struct TestClient {
  explicit TestClient(std::string password_) : password(std::move(password_)) {}

  std::string password;
  std::string client_nonce = std::string(kRfcClientNonce);
  std::string gs2_header = "n,,";
  std::string user = "user";
  std::string expected_server_final;

  std::string client_first_bare() const { return "n=" + user + ",r=" + client_nonce; }
  std::string client_first() const { return gs2_header + client_first_bare(); }

  // client-final-message for `server_first`, with `extra` (",x=...")
  // extensions before the proof; remembers the server-final it expects.
  std::string client_final(std::string_view server_first, std::string_view extra = "") {
    const std::string nonce = attribute(server_first, 'r');
    const auto salt = auth::base64_decode(attribute(server_first, 's'));
    REQUIRE(salt);
    const int iterations = std::stoi(attribute(server_first, 'i'));
    const std::string without_proof = "c=" + auth::base64_encode(gs2_header) + ",r=" + nonce + std::string(extra);
    const std::string auth_message = client_first_bare() + "," + std::string(server_first) + "," + without_proof;
    const std::string salted = auth::pbkdf2_hmac_sha256(password, *salt, iterations);
    const std::string client_key = auth::hmac_sha256(salted, "Client Key");
    const std::string stored_key = auth::sha256(client_key);
    const std::string proof = xor_bytes(client_key, auth::hmac_sha256(stored_key, auth_message));
    const std::string server_key = auth::hmac_sha256(salted, "Server Key");
    expected_server_final = "v=" + auth::base64_encode(auth::hmac_sha256(server_key, auth_message));
    return without_proof + ",p=" + auth::base64_encode(proof);
  }
};

// A server-first-message after the client-first of `client`.
std::string start(ScramExchange& exchange, const TestClient& client) {
  return exchange.handle_client_first(client.client_first());
}

std::string error_of(ScramExchange& exchange, std::string_view client_first) {
  try {
    exchange.handle_client_first(client_first);
  } catch (const ScramError& e) {
    return e.what() + (e.detail().empty() ? std::string() : ": " + e.detail());
  }
  return "no error";
}

}  // namespace

TEST_CASE("the RFC 7677 example's keys, proof and server signature come out of the derivation", "[server][scram]") {
  const auth::ScramSecret secret = rfc_secret();
  // StoredKey and ServerKey for "pencil" (the RFC does not print them): computed
  // independently with Python's hashlib.pbkdf2_hmac and hmac.
  CHECK(auth::base64_encode(secret.stored_key) == "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=");
  CHECK(auth::base64_encode(secret.server_key) == "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
  // With the RFC's server nonce the test client reproduces the RFC's messages.
  TestClient client{"pencil"};
  CHECK(client.client_first() == kRfcClientFirst);
  CHECK(client.client_final(kRfcServerFirst) == kRfcClientFinal);
  CHECK(client.expected_server_final == kRfcServerFinal);
}

TEST_CASE("a client with the right password gets a server signature it can verify", "[server][scram]") {
  ScramExchange exchange(rfc_secret(), "user");
  TestClient client{"pencil"};
  const std::string server_first = start(exchange, client);
  // Our nonce: the client's, then 18 random bytes in base64; then the secret's salt and count.
  CHECK(server_first.substr(0, 2 + kRfcClientNonce.size()) == "r=" + std::string(kRfcClientNonce));
  CHECK(server_first.substr(2 + kRfcClientNonce.size() + 24) == ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
  CHECK(auth::base64_decode(attribute(server_first, 'r').substr(kRfcClientNonce.size()))->size() == 18);
  const auto server_final = exchange.handle_client_final(client.client_final(server_first));
  REQUIRE(server_final);
  CHECK(*server_final == client.expected_server_final);
}

TEST_CASE("each exchange picks a new server nonce", "[server][scram]") {
  TestClient client{"pencil"};
  ScramExchange a(rfc_secret(), "user");
  ScramExchange b(rfc_secret(), "user");
  CHECK(start(a, client) != start(b, client));
}

TEST_CASE("the user name in the SCRAM message is ignored and may be empty, as libpq sends it", "[server][scram]") {
  ScramExchange exchange(rfc_secret(), "user");
  TestClient client{"pencil"};
  client.user = "";
  const std::string server_first = start(exchange, client);
  CHECK(exchange.handle_client_final(client.client_final(server_first)) == client.expected_server_final);
}

TEST_CASE("a client that supports channel binding but was not offered it signs in with y,,", "[server][scram]") {
  ScramExchange exchange(rfc_secret(), "user");
  TestClient client{"pencil"};
  client.gs2_header = "y,,";
  const std::string server_first = start(exchange, client);
  const std::string final_message = client.client_final(server_first);
  CHECK(final_message.rfind("c=eSws,", 0) == 0);
  CHECK(exchange.handle_client_final(final_message) == client.expected_server_final);
}

TEST_CASE("extensions are part of the signed AuthMessage", "[server][scram]") {
  ScramExchange exchange(rfc_secret(), "user");
  TestClient client{"pencil"};
  const std::string server_first = exchange.handle_client_first(client.client_first() + ",x=first-extension");
  // The client signs the client-first-bare it sent, extension included.
  client.client_nonce += ",x=first-extension";  // so client_first_bare() repeats it
  const std::string final_message = client.client_final(server_first, ",y=final-extension");
  CHECK(exchange.handle_client_final(final_message) == client.expected_server_final);
}

TEST_CASE("a wrong password fails without an error", "[server][scram]") {
  ScramExchange exchange(rfc_secret(), "user");
  TestClient client{"pencil!"};
  const std::string server_first = start(exchange, client);
  CHECK_FALSE(exchange.handle_client_final(client.client_final(server_first)));
}

TEST_CASE("a proof signed over a different AuthMessage fails", "[server][scram]") {
  ScramExchange exchange(rfc_secret(), "user");
  TestClient client{"pencil"};
  const std::string server_first = start(exchange, client);
  client.user = "someone-else";  // the client signs a client-first-bare the server never saw
  CHECK_FALSE(exchange.handle_client_final(client.client_final(server_first)));
}

TEST_CASE("client-final-messages that do not match the exchange are errors", "[server][scram]") {
  TestClient client{"pencil"};
  auto final_error = [&](auto tamper) -> std::string {
    ScramExchange exchange(rfc_secret(), "user");
    std::string message = client.client_final(start(exchange, client));
    tamper(message);
    try {
      exchange.handle_client_final(message);
    } catch (const ScramError& e) {
      return e.what() + (e.detail().empty() ? std::string() : ": " + e.detail());
    }
    return "no error";
  };
  const std::string nonce_prefix = "c=biws,r=" + std::string(kRfcClientNonce);
  auto at_nonce_end = [&](std::string& m) { return m.find(",p="); };

  // The server's half of the nonce changed.
  CHECK(final_error([&](std::string& m) { m[at_nonce_end(m) - 1] ^= 1; }) ==
        "invalid SCRAM response: Nonce does not match.");
  CHECK(final_error([&](std::string& m) { m.erase(nonce_prefix.size(), 24); }) ==
        "invalid SCRAM response: Nonce does not match.");
  // Channel binding data: another flag, real binding data, not base64.
  const std::string cbind_error = "unexpected SCRAM channel-binding attribute in client-final-message";
  CHECK(final_error([](std::string& m) { m.replace(0, 6, "c=eSws"); }) == cbind_error);
  CHECK(final_error([&](std::string& m) {
          m.replace(0, 6, "c=" + auth::base64_encode("p=tls-server-end-point,,") + auth::base64_encode("cert-hash"));
        }) == cbind_error);
  CHECK(final_error([](std::string& m) { m.replace(0, 6, "c=biws!"); }) == cbind_error);
  CHECK(final_error([](std::string& m) { m.replace(0, 6, "c="); }) == cbind_error);
  // Proof missing, short, not base64, followed by more.
  CHECK(final_error([&](std::string& m) { m.erase(at_nonce_end(m)); }) ==
        "malformed SCRAM message: Attribute expected, but found end of string.");
  CHECK(final_error([&](std::string& m) { m.erase(at_nonce_end(m) + 3); }) ==
        "malformed SCRAM message: Malformed proof in client-final-message.");
  CHECK(final_error([&](std::string& m) { m.resize(m.size() - 8); }) ==
        "malformed SCRAM message: Malformed proof in client-final-message.");
  CHECK(final_error([&](std::string& m) { m.back() = '!'; }) ==
        "malformed SCRAM message: Malformed proof in client-final-message.");
  CHECK(final_error([&](std::string& m) { m += ",x=after"; }) ==
        "malformed SCRAM message: Garbage found at the end of client-final-message.");
  // Attributes out of order or missing.
  CHECK(final_error([&](std::string& m) { m.erase(0, 7); }) ==
        "malformed SCRAM message: Expected attribute \"c\" but found \"r\".");
  CHECK(final_error([&](std::string& m) { m.erase(7, at_nonce_end(m) - 6); }) ==
        "malformed SCRAM message: Expected attribute \"r\" but found \"p\".");
  CHECK(final_error([](std::string& m) { m = ""; }) == "malformed SCRAM message: The message is empty.");
  CHECK(final_error([](std::string& m) { m.insert(3, 1, '\0'); }) ==
        "malformed SCRAM message: Message length does not match input length.");
}

TEST_CASE("client-first-messages asking for what we do not support are errors", "[server][scram]") {
  auto first_error = [](std::string_view message) {
    ScramExchange exchange(rfc_secret(), "user");
    return error_of(exchange, message);
  };
  CHECK(first_error("p=tls-server-end-point,,n=,r=abc") ==
        "malformed SCRAM message: The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message "
        "includes channel binding data.");
  CHECK(first_error("n,a=user,n=,r=abc") == "client uses authorization identity, but it is not supported");
  CHECK(first_error("n,,m=ext,n=,r=abc") == "client requires an unsupported SCRAM extension");
  CHECK(first_error("x,,n=,r=abc") == "malformed SCRAM message: Unexpected channel-binding flag \"x\".");
  CHECK(first_error("n;,n=,r=abc") == "malformed SCRAM message: Comma expected, but found character \";\".");
  CHECK(first_error("n,x,n=,r=abc") == "malformed SCRAM message: Unexpected attribute \"x\" in client-first-message.");
  CHECK(first_error("n,,r=abc") == "malformed SCRAM message: Expected attribute \"n\" but found \"r\".");
  CHECK(first_error("n,,n=") == "malformed SCRAM message: Expected attribute \"r\" but found end of input.");
  CHECK(first_error("n,,n=,r") == "malformed SCRAM message: Expected character \"=\" for attribute \"r\".");
  CHECK(first_error("n,,n=,r=") == "non-printable characters in SCRAM nonce");
  CHECK(first_error("n,,n=,r=ab\x7f") == "non-printable characters in SCRAM nonce");
  CHECK(first_error("n,,n=,r=abc,1=x") ==
        "malformed SCRAM message: Attribute expected, but found invalid character \"1\".");
  CHECK(first_error("") == "malformed SCRAM message: The message is empty.");
  CHECK(first_error(std::string("n,,n=\0,r=abc", 12)) ==
        "malformed SCRAM message: Message length does not match input length.");
  CHECK(first_error("n") == "malformed SCRAM message: Comma expected, but found end of input.");
}

TEST_CASE("messages out of order are errors", "[server][scram]") {
  TestClient client{"pencil"};
  ScramExchange early(rfc_secret(), "user");
  CHECK_THROWS_AS(early.handle_client_final("c=biws,r=x,p=AAAA"), ScramError);

  ScramExchange twice(rfc_secret(), "user");
  start(twice, client);
  CHECK_THROWS_AS(start(twice, client), ScramError);

  ScramExchange done(rfc_secret(), "user");
  const std::string final_message = client.client_final(start(done, client));
  REQUIRE(done.handle_client_final(final_message));
  CHECK_THROWS_AS(done.handle_client_final(final_message), ScramError);

  ScramExchange failed(rfc_secret(), "user");
  CHECK_THROWS_AS(failed.handle_client_first("n,,r=abc"), ScramError);
  CHECK_THROWS_AS(failed.handle_client_first(client.client_first()), ScramError);
}

TEST_CASE("a mock exchange looks like a real one but always fails", "[server][scram]") {
  TestClient client{"pencil"};
  ScramExchange mock(std::nullopt, "nobody");
  const std::string server_first = start(mock, client);
  // Same shape as for a real role: nonce, a 16-byte salt, PostgreSQL's iteration count.
  CHECK(attribute(server_first, 'r').rfind(std::string(kRfcClientNonce), 0) == 0);
  CHECK(attribute(server_first, 'r').size() == kRfcClientNonce.size() + 24);
  const auto salt = auth::base64_decode(attribute(server_first, 's'));
  REQUIRE(salt);
  CHECK(salt->size() == 16);
  CHECK(attribute(server_first, 'i') == "4096");
  CHECK(server_first == "r=" + attribute(server_first, 'r') + ",s=" + attribute(server_first, 's') + ",i=4096");
  CHECK_FALSE(mock.handle_client_final(client.client_final(server_first)));

  // The salt is stable per role name, so probing twice reveals nothing, and differs between names.
  ScramExchange again(std::nullopt, "nobody");
  CHECK(attribute(start(again, client), 's') == attribute(server_first, 's'));
  ScramExchange other(std::nullopt, "somebody");
  CHECK(attribute(start(other, client), 's') != attribute(server_first, 's'));

  // Malformed messages are still errors, as for a real role.
  ScramExchange malformed(std::nullopt, "nobody");
  const std::string mock_first = start(malformed, client);
  CHECK_THROWS_AS(malformed.handle_client_final("c=biws,r=" + attribute(mock_first, 'r')), ScramError);
}
