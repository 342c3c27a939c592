// uuid-ossp's functions (CREATE EXTENSION "uuid-ossp"; the binder lets them
// resolve only then): the RFC 4122 namespaces, the nil uuid, and versions
// 1 (time and node), 3 (MD5 of namespace and name), 4 (random) and 5 (SHA-1).
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstring>

#include "engine/common/db_error.hpp"
#include "engine/functions/function_registry.hpp"
#include "engine/types/uuid.hpp"

namespace heliosdb::engine {

namespace {

using Bytes = std::array<unsigned char, 16>;

Value uuid_value(const Bytes& b) {
  return Value::string(TypeId::kUuid, std::string(reinterpret_cast<const char*>(b.data()), b.size()));
}

void random_bytes(unsigned char* out, int n) {
  if (RAND_bytes(out, n) != 1) throw DbError(sqlstate::kInternalError, "could not generate random values");
}

// Sets the version nibble and the RFC 4122 variant.
void stamp(Bytes& b, int version) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | (version << 4));
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
}

// Version 1: 100-ns intervals since 1582-10-15, strictly increasing within
// the process, a random clock sequence, and `node`.
Value time_uuid(const unsigned char* node) {
  static std::atomic<std::uint64_t> last{0};
  constexpr std::uint64_t kGregorianOffset = 0x01B21DD213814000ULL;
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  std::uint64_t ticks =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count() / 100) +
      kGregorianOffset;
  std::uint64_t seen = last.load();
  while (!last.compare_exchange_weak(seen, std::max(ticks, seen + 1))) {
  }
  ticks = std::max(ticks, seen + 1);
  Bytes b{};
  const auto time_low = static_cast<std::uint32_t>(ticks);
  const auto time_mid = static_cast<std::uint16_t>(ticks >> 32);
  const auto time_hi = static_cast<std::uint16_t>(ticks >> 48);
  b[0] = static_cast<unsigned char>(time_low >> 24);
  b[1] = static_cast<unsigned char>(time_low >> 16);
  b[2] = static_cast<unsigned char>(time_low >> 8);
  b[3] = static_cast<unsigned char>(time_low);
  b[4] = static_cast<unsigned char>(time_mid >> 8);
  b[5] = static_cast<unsigned char>(time_mid);
  b[6] = static_cast<unsigned char>(time_hi >> 8);
  b[7] = static_cast<unsigned char>(time_hi);
  random_bytes(&b[8], 2);
  std::memcpy(&b[10], node, 6);
  stamp(b, 1);
  return uuid_value(b);
}

// A random node with the multicast bit set, which no network card has
// (RFC 4122 section 4.5): uuid_generate_v1mc's for every call, and
// uuid_generate_v1's for the process, as there is no MAC address to rely on.
std::array<unsigned char, 6> random_node() {
  std::array<unsigned char, 6> node{};
  random_bytes(node.data(), 6);
  node[0] |= 0x01;
  return node;
}

Value generate_v1(const std::vector<Value>&) {
  static const std::array<unsigned char, 6> node = random_node();
  return time_uuid(node.data());
}

Value generate_v1mc(const std::vector<Value>&) { return time_uuid(random_node().data()); }

// Versions 3 and 5: the digest of the namespace's bytes and the name's.
Value name_uuid(const std::vector<Value>& args, const EVP_MD* md, int version) {
  const std::string& ns = args[0].as_string();
  const std::string& name = args[1].as_string();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX* c = EVP_MD_CTX_new();
  const bool ok = c != nullptr && EVP_DigestInit_ex(c, md, nullptr) == 1 &&
                  EVP_DigestUpdate(c, ns.data(), ns.size()) == 1 &&
                  EVP_DigestUpdate(c, name.data(), name.size()) == 1 && EVP_DigestFinal_ex(c, digest, &length) == 1;
  EVP_MD_CTX_free(c);
  if (!ok || length < 16) throw DbError(sqlstate::kInternalError, "could not compute a name-based uuid");
  Bytes b{};
  std::memcpy(b.data(), digest, 16);
  stamp(b, version);
  return uuid_value(b);
}

Value generate_v3(const std::vector<Value>& args) { return name_uuid(args, EVP_md5(), 3); }
Value generate_v4(const std::vector<Value>&) { return random_uuid(); }
Value generate_v5(const std::vector<Value>& args) { return name_uuid(args, EVP_sha1(), 5); }

Value nil(const std::vector<Value>&) { return uuid_value(Bytes{}); }
// RFC 4122 appendix C: 6ba7b810-9dad-11d1-80b4-00c04fd430c8 and its siblings.
Value ns(unsigned char last_of_first) {
  Bytes b = {0x6b, 0xa7, 0xb8, last_of_first, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  return uuid_value(b);
}
Value ns_dns(const std::vector<Value>&) { return ns(0x10); }
Value ns_url(const std::vector<Value>&) { return ns(0x11); }
Value ns_oid(const std::vector<Value>&) { return ns(0x12); }
Value ns_x500(const std::vector<Value>&) { return ns(0x14); }

}  // namespace

void register_uuid_ossp_functions(FunctionRegistry& r) {
  const SqlType uuid{TypeId::kUuid, -1};
  r.add("uuid_nil", {{}, uuid, nil});
  r.add("uuid_ns_dns", {{}, uuid, ns_dns});
  r.add("uuid_ns_url", {{}, uuid, ns_url});
  r.add("uuid_ns_oid", {{}, uuid, ns_oid});
  r.add("uuid_ns_x500", {{}, uuid, ns_x500});
  r.add("uuid_generate_v1", {{}, uuid, generate_v1});
  r.add("uuid_generate_v1mc", {{}, uuid, generate_v1mc});
  r.add("uuid_generate_v3", {{TypeId::kUuid, TypeId::kText}, uuid, generate_v3});
  r.add("uuid_generate_v4", {{}, uuid, generate_v4});
  r.add("uuid_generate_v5", {{TypeId::kUuid, TypeId::kText}, uuid, generate_v5});
}

}  // namespace heliosdb::engine
