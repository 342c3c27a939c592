#include "storage/value_cipher.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>

namespace heliosdb::storage {

namespace {

// One encrypting and one decrypting context per thread, keyed once per
// cipher: setting only the nonce per value keeps the key schedule.
struct ThreadContexts {
  EVP_CIPHER_CTX* seal = EVP_CIPHER_CTX_new();
  EVP_CIPHER_CTX* open = EVP_CIPHER_CTX_new();
  std::uint64_t seal_key = 0;
  std::uint64_t open_key = 0;
  std::uint8_t nonce_prefix[8] = {};
  std::uint32_t counter = 0;
  ThreadContexts() {
    if (seal == nullptr || open == nullptr) throw std::bad_alloc();
    new_prefix();
  }
  ~ThreadContexts() {
    EVP_CIPHER_CTX_free(seal);
    EVP_CIPHER_CTX_free(open);
  }
  void new_prefix() {
    if (RAND_bytes(nonce_prefix, sizeof nonce_prefix) != 1) throw std::runtime_error("random number generator failed");
  }
};

ThreadContexts& contexts() {
  thread_local ThreadContexts ctx;
  return ctx;
}

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// EVP takes int lengths: a large file goes through in pieces.
template <typename Update>
bool update_all(Update update, EVP_CIPHER_CTX* ctx, unsigned char* out, const unsigned char* in, std::size_t n) {
  constexpr std::size_t kPiece = std::size_t{1} << 30;
  for (std::size_t done = 0; done < n;) {
    const std::size_t piece = std::min(kPiece, n - done);
    int len = 0;
    if (update(ctx, out + done, &len, in + done, static_cast<int>(piece)) != 1) return false;
    done += piece;
  }
  return true;
}

}  // namespace

ValueCipher::ValueCipher(const KeyBytes& key, bool cpu_instructions) : key_(key) {
  static std::atomic<std::uint64_t> next_id{1};
  id_ = next_id.fetch_add(1);
  if (cpu_instructions && AesGcm::available()) fast_.emplace(key);
}

void ValueCipher::seal(std::string& out, std::string_view plain, std::string_view associated) const {
  ThreadContexts& ctx = contexts();
  if (fast_) {
    if (++ctx.counter == 0) ctx.new_prefix();
    const std::size_t start = out.size();
    out.resize(start + kNonceBytes + plain.size() + kTagBytes);
    auto* dest = reinterpret_cast<unsigned char*>(out.data() + start);
    std::memcpy(dest, ctx.nonce_prefix, 8);
    std::memcpy(dest + 8, &ctx.counter, 4);
    fast_->seal(dest, associated, bytes(plain), plain.size(), dest + kNonceBytes, dest + kNonceBytes + plain.size());
    return;
  }
  if (ctx.seal_key != id_) {
    if (EVP_EncryptInit_ex(ctx.seal, EVP_aes_256_gcm(), nullptr, key_.data(), nullptr) != 1) {
      throw std::runtime_error("AES-256-GCM is not available");
    }
    ctx.seal_key = id_;
  }
  if (++ctx.counter == 0) ctx.new_prefix();
  unsigned char nonce[kNonceBytes];
  std::memcpy(nonce, ctx.nonce_prefix, 8);
  std::memcpy(nonce + 8, &ctx.counter, 4);

  const std::size_t start = out.size();
  out.resize(start + kNonceBytes + plain.size() + kTagBytes);
  auto* dest = reinterpret_cast<unsigned char*>(out.data() + start);
  std::memcpy(dest, nonce, kNonceBytes);
  int len = 0;
  bool ok = EVP_EncryptInit_ex(ctx.seal, nullptr, nullptr, nullptr, nonce) == 1 &&
            (associated.empty() ||
             EVP_EncryptUpdate(ctx.seal, nullptr, &len, bytes(associated), static_cast<int>(associated.size())) == 1) &&
            update_all(EVP_EncryptUpdate, ctx.seal, dest + kNonceBytes, bytes(plain), plain.size()) &&
            EVP_EncryptFinal_ex(ctx.seal, dest + kNonceBytes + plain.size(), &len) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.seal, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                                dest + kNonceBytes + plain.size()) == 1;
  if (!ok) throw std::runtime_error("AES-256-GCM encryption failed");
}

bool ValueCipher::open(std::string& out, std::string_view sealed, std::string_view associated) const {
  if (sealed.size() < kOverhead) return false;
  if (fast_) {
    const std::size_t n = sealed.size() - kOverhead;
    out.resize(n);
    const unsigned char* src = bytes(sealed);
    return fast_->open(src, associated, src + kNonceBytes, n, src + kNonceBytes + n,
                       reinterpret_cast<unsigned char*>(out.data()));
  }
  ThreadContexts& ctx = contexts();
  if (ctx.open_key != id_) {
    if (EVP_DecryptInit_ex(ctx.open, EVP_aes_256_gcm(), nullptr, key_.data(), nullptr) != 1) {
      throw std::runtime_error("AES-256-GCM is not available");
    }
    ctx.open_key = id_;
  }
  const std::size_t n = sealed.size() - kOverhead;
  out.resize(n);
  auto* dest = reinterpret_cast<unsigned char*>(out.data());
  const unsigned char* src = bytes(sealed);
  unsigned char tag[kTagBytes];
  std::memcpy(tag, src + kNonceBytes + n, kTagBytes);
  int len = 0;
  return EVP_DecryptInit_ex(ctx.open, nullptr, nullptr, nullptr, src) == 1 &&
         (associated.empty() ||
          EVP_DecryptUpdate(ctx.open, nullptr, &len, bytes(associated), static_cast<int>(associated.size())) == 1) &&
         update_all(EVP_DecryptUpdate, ctx.open, dest, src + kNonceBytes, n) &&
         EVP_CIPHER_CTX_ctrl(ctx.open, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes), tag) == 1 &&
         EVP_DecryptFinal_ex(ctx.open, dest + n, &len) == 1;
}

}  // namespace heliosdb::storage
