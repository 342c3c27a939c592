#include "server/auth/hba.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace heliosdb::server {

namespace {

// A line split into fields; a field is a comma list of tokens, a token
// double-quoted or not. Quoted tokens keep their case and are never keywords.
struct Token {
  std::string text;
  bool quoted = false;
};
using Field = std::vector<Token>;

std::vector<Field> split_line(std::string_view line) {
  std::vector<Field> fields;
  std::size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (i < line.size()) {
    while (i < line.size() && space(line[i])) ++i;
    if (i == line.size() || line[i] == '#') break;
    Field field;
    for (;;) {
      Token token;
      while (i < line.size() && !space(line[i]) && line[i] != ',' && line[i] != '#') {
        if (line[i] == '"') {
          token.quoted = true;
          ++i;
          while (i < line.size() && line[i] != '"') token.text += line[i++];
          if (i < line.size()) ++i;
        } else {
          token.text += line[i++];
        }
      }
      field.push_back(std::move(token));
      if (i < line.size() && line[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    fields.push_back(std::move(field));
  }
  return fields;
}

// Prefix length of a netmask such as 255.255.255.0; nullopt if not contiguous.
std::optional<unsigned> mask_prefix(const asio::ip::address& mask) {
  std::vector<unsigned char> bytes;
  if (mask.is_v4()) {
    auto b = mask.to_v4().to_bytes();
    bytes.assign(b.begin(), b.end());
  } else {
    auto b = mask.to_v6().to_bytes();
    bytes.assign(b.begin(), b.end());
  }
  unsigned prefix = 0;
  bool ended = false;
  for (unsigned char byte : bytes) {
    for (int bit = 7; bit >= 0; --bit) {
      const bool set = ((byte >> bit) & 1) != 0;
      if (set && ended) return std::nullopt;
      if (set) ++prefix;
      ended = ended || !set;
    }
  }
  return prefix;
}

}  // namespace

std::optional<AuthMethod> parse_auth_method(std::string_view name) {
  if (name == "trust") return AuthMethod::kTrust;
  if (name == "reject") return AuthMethod::kReject;
  if (name == "password") return AuthMethod::kPassword;
  if (name == "md5") return AuthMethod::kMd5;
  if (name == "scram-sha-256") return AuthMethod::kScramSha256;
  return std::nullopt;
}

std::string_view auth_method_name(AuthMethod method) {
  switch (method) {
    case AuthMethod::kTrust:
      return "trust";
    case AuthMethod::kReject:
      return "reject";
    case AuthMethod::kPassword:
      return "password";
    case AuthMethod::kMd5:
      return "md5";
    case AuthMethod::kScramSha256:
      return "scram-sha-256";
  }
  return "trust";
}

HbaRules HbaRules::parse(std::string_view text, const std::string& origin) {
  HbaRules out;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    std::vector<Field> fields = split_line(line);
    if (fields.empty()) continue;
    auto fail = [&](const std::string& why) {
      throw HbaError(fmt::format("{} line {}: {}: \"{}\"", origin, line_number, why, line));
    };
    auto word = [&](std::size_t i) -> const std::string& {
      if (i >= fields.size()) fail("end-of-line before the authentication method");
      if (fields[i].size() != 1) fail("a list is not allowed here");
      return fields[i][0].text;
    };
    Rule rule;
    const std::string& kind = word(0);
    if (kind == "local") {
      rule.kind = Rule::Kind::kLocal;
    } else if (kind == "host") {
      rule.kind = Rule::Kind::kHost;
    } else if (kind == "hostssl") {
      rule.kind = Rule::Kind::kHostSsl;
    } else if (kind == "hostnossl") {
      rule.kind = Rule::Kind::kHostNoSsl;
    } else {
      fail("invalid connection type \"" + kind + "\"");
    }
    if (fields.size() < 4) fail("end-of-line before the authentication method");
    for (const Token& t : fields[1]) {
      if (!t.quoted && (t.text == "samerole" || t.text == "samegroup" || t.text == "replication")) {
        fail("database keyword \"" + t.text + "\" is not supported yet");
      }
      if (!t.quoted && t.text.starts_with("@")) fail("@file lists are not supported yet");
      rule.databases.push_back(!t.quoted && (t.text == "all" || t.text == "sameuser") ? t.text : "=" + t.text);
    }
    for (const Token& t : fields[2]) {
      if (!t.quoted && (t.text.starts_with("+") || t.text.starts_with("@"))) {
        fail("group (+role) and @file user lists are not supported yet");
      }
      rule.users.push_back(!t.quoted && t.text == "all" ? t.text : "=" + t.text);
    }
    std::size_t method_field = 3;
    if (rule.kind != Rule::Kind::kLocal) {
      const std::string& address = word(3);
      method_field = 4;
      if (address == "all") {
        rule.any_address = true;
      } else if (address == "samehost" || address == "samenet") {
        fail("\"" + address + "\" is not supported yet");
      } else {
        rule.any_address = false;
        boost::system::error_code ec;
        const std::size_t slash = address.find('/');
        rule.network = asio::ip::make_address(address.substr(0, slash), ec);
        if (ec) fail("invalid IP address \"" + address + "\" (host names are not supported)");
        const unsigned max_prefix = rule.network.is_v4() ? 32 : 128;
        if (slash != std::string::npos) {
          const std::string bits = address.substr(slash + 1);
          if (bits.empty() || bits.size() > 3 || !std::all_of(bits.begin(), bits.end(), ::isdigit) ||
              std::stoul(bits) > max_prefix) {
            fail("invalid CIDR mask in address \"" + address + "\"");
          }
          rule.prefix = static_cast<unsigned>(std::stoul(bits));
        } else {
          // An address and a separate netmask.
          const std::string& mask_text = word(4);
          method_field = 5;
          asio::ip::address mask = asio::ip::make_address(mask_text, ec);
          std::optional<unsigned> prefix;
          if (!ec && mask.is_v4() == rule.network.is_v4()) prefix = mask_prefix(mask);
          if (!prefix) fail("invalid IP mask \"" + mask_text + "\"");
          rule.prefix = *prefix;
        }
      }
    }
    const std::string& method = word(method_field);
    std::optional<AuthMethod> parsed = parse_auth_method(method);
    if (!parsed) fail("authentication method \"" + method + "\" is not supported");
    rule.method = *parsed;
    if (fields.size() > method_field + 1) fail("authentication options are not supported yet");
    out.rules_.push_back(std::move(rule));
  }
  return out;
}

HbaRules HbaRules::defaults(AuthMethod local_method, AuthMethod host_method) {
  HbaRules out;
  auto add = [&](Rule::Kind kind, std::optional<std::string> network, unsigned prefix, AuthMethod method) {
    Rule rule;
    rule.kind = kind;
    rule.databases = {"all"};
    rule.users = {"all"};
    rule.any_address = !network.has_value();
    if (network) rule.network = asio::ip::make_address(*network);
    rule.prefix = prefix;
    rule.method = method;
    out.rules_.push_back(std::move(rule));
  };
  add(Rule::Kind::kLocal, std::nullopt, 0, local_method);
  add(Rule::Kind::kHost, "127.0.0.1", 8, local_method);
  add(Rule::Kind::kHost, "::1", 128, local_method);
  add(Rule::Kind::kHost, std::nullopt, 0, host_method);
  return out;
}

bool HbaRules::address_matches(const Rule& rule, const asio::ip::address& given) {
  if (rule.any_address) return true;
  asio::ip::address address = given;
  // An IPv4 client on an IPv6 socket arrives as ::ffff:a.b.c.d.
  if (address.is_v6() && address.to_v6().is_v4_mapped() && rule.network.is_v4()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  if (address.is_v4() != rule.network.is_v4()) return false;
  std::vector<unsigned char> a, n;
  if (address.is_v4()) {
    auto x = address.to_v4().to_bytes();
    auto y = rule.network.to_v4().to_bytes();
    a.assign(x.begin(), x.end());
    n.assign(y.begin(), y.end());
  } else {
    auto x = address.to_v6().to_bytes();
    auto y = rule.network.to_v6().to_bytes();
    a.assign(x.begin(), x.end());
    n.assign(y.begin(), y.end());
  }
  for (unsigned bit = 0; bit < rule.prefix; ++bit) {
    const unsigned byte = bit / 8;
    const unsigned shift = 7 - bit % 8;
    if (((a[byte] >> shift) & 1) != ((n[byte] >> shift) & 1)) return false;
  }
  return true;
}

std::optional<AuthMethod> HbaRules::match(const ClientEndpoint& client, std::string_view database,
                                          std::string_view user) const {
  for (const Rule& rule : rules_) {
    const bool local = !client.address.has_value();
    switch (rule.kind) {
      case Rule::Kind::kLocal:
        if (!local) continue;
        break;
      case Rule::Kind::kHost:
        if (local) continue;
        break;
      case Rule::Kind::kHostSsl:
        if (local || !client.ssl) continue;
        break;
      case Rule::Kind::kHostNoSsl:
        if (local || client.ssl) continue;
        break;
    }
    if (!local && !address_matches(rule, *client.address)) continue;
    auto database_ok = std::any_of(rule.databases.begin(), rule.databases.end(), [&](const std::string& d) {
      return d == "all" || (d == "sameuser" && database == user) || (d[0] == '=' && d.substr(1) == database);
    });
    auto user_ok = std::any_of(rule.users.begin(), rule.users.end(),
                               [&](const std::string& u) { return u == "all" || u.substr(1) == user; });
    if (database_ok && user_ok) return rule.method;
  }
  return std::nullopt;
}

}  // namespace heliosdb::server
