#include "storage/key_cipher.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace heliosdb::storage {

namespace {

// AES-256-CTR over zeros: the automaton's tables, drawn from the key.
class KeyStream {
 public:
  explicit KeyStream(const KeyBytes& key) : ctx_(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free) {
    const unsigned char iv[16] = {};
    if (ctx_ == nullptr || EVP_EncryptInit_ex(ctx_.get(), EVP_aes_256_ctr(), nullptr, key.data(), iv) != 1) {
      throw std::runtime_error("AES-256-CTR is not available");
    }
  }
  std::uint32_t next() {
    if (pos_ == buf_.size()) refill();
    return buf_[pos_++];
  }
  /// Uniform in [0, n).
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>((std::uint64_t{next()} * n) >> 32); }

 private:
  void refill() {
    std::array<unsigned char, sizeof(std::uint32_t) * 1024> zeros{};
    int len = 0;
    if (EVP_EncryptUpdate(ctx_.get(), reinterpret_cast<unsigned char*>(buf_.data()), &len, zeros.data(),
                          static_cast<int>(zeros.size())) != 1) {
      throw std::runtime_error("AES-256-CTR failed");
    }
    pos_ = 0;
  }
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx_;
  std::array<std::uint32_t, 1024> buf_{};
  std::size_t pos_ = buf_.size();
};

}  // namespace

KeyCipher::KeyCipher(const KeyBytes& key)
    : code_(kStates * 256), byte_of_(kStates << kCodeBits), next_(kStates * 256), start_(256) {
  KeyStream stream(key);
  constexpr std::uint32_t kRange = 1u << kCodeBits;
  for (std::size_t state = 0; state < kStates; ++state) {
    // 256 of the 1024 codes, each kept with the chance that leaves exactly
    // enough picks for the codes after it (selection sampling): a uniformly
    // random increasing map.
    std::uint16_t* codes = &code_[state * 256];
    std::uint32_t needed = 256;
    for (std::uint32_t c = 0; needed > 0; ++c) {
      if (stream.below(kRange - c) < needed) codes[256 - needed--] = static_cast<std::uint16_t>(c);
    }
    for (std::size_t b = 0; b < 256; ++b) {
      next_[state * 256 + b] = static_cast<std::uint16_t>(stream.below(kStates));
      byte_of_[(state << kCodeBits) + codes[b]] = static_cast<std::uint8_t>(b);
    }
  }
  for (auto& s : start_) s = static_cast<std::uint16_t>(stream.below(kStates));
}

void KeyCipher::encode(std::string& out, std::uint8_t space, std::string_view plain) const {
  std::uint16_t state = start_[space];
  std::uint32_t acc = 0;
  int bits = 0;
  out.reserve(out.size() + coded_size(plain.size()));
  for (unsigned char b : plain) {
    acc = (acc << kCodeBits) | codes_of(state)[b];
    bits += kCodeBits;
    state = next_[std::size_t{state} * 256 + b];
    while (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (bits > 0) out.push_back(static_cast<char>((acc << (8 - bits)) & 0xff));
}

namespace {

// A failed decode leaves the memo's states half rewritten: it must not be used.
bool forget(KeyCipher::Memo* memo) {
  if (memo != nullptr) memo->coded.clear();
  return false;
}

}  // namespace

bool KeyCipher::decode(std::string& out, std::uint8_t space, std::string_view coded, Memo* memo) const {
  const std::size_t n = coded.size() * 8 / kCodeBits;
  if (coded_size(n) != coded.size()) return false;
  // Codes wholly inside the bytes shared with the memo's key decode as they did.
  std::size_t done = 0;
  std::uint16_t state = start_[space];
  if (memo != nullptr && memo->space == space && !memo->coded.empty()) {
    const auto shared = static_cast<std::size_t>(
        std::mismatch(coded.begin(), coded.end(), memo->coded.begin(), memo->coded.end()).first - coded.begin());
    done = std::min({shared * 8 / kCodeBits, memo->plain.size(), n});
    out.assign(memo->plain, 0, done);
    state = memo->states[done];
  } else {
    out.clear();
  }
  out.resize(n);
  if (memo != nullptr) {
    memo->states.resize(n + 1);
    memo->states[done] = state;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(coded.data());
  for (std::size_t i = done; i < n; ++i) {
    // The 10 bits at bit i * 10, from the (up to) three bytes holding them.
    const std::size_t bit = i * kCodeBits;
    const std::size_t at = bit / 8;
    std::uint32_t window = std::uint32_t{bytes[at]} << 16 | std::uint32_t{bytes[at + 1]} << 8;
    if (at + 2 < coded.size()) window |= bytes[at + 2];
    const auto code = static_cast<std::uint16_t>((window >> (24 - kCodeBits - bit % 8)) & ((1u << kCodeBits) - 1));
    const std::uint8_t b = byte_of_[(std::size_t{state} << kCodeBits) + code];
    if (codes_of(state)[b] != code) return forget(memo);
    out[i] = static_cast<char>(b);
    state = next_[std::size_t{state} * 256 + b];
    if (memo != nullptr) memo->states[i + 1] = state;
  }
  // The padding is zero bits.
  const std::size_t used = n * kCodeBits;
  if (used % 8 != 0 && (bytes[used / 8] & ((1u << (8 - used % 8)) - 1)) != 0) return forget(memo);
  if (memo != nullptr) {
    memo->coded.assign(coded);
    memo->plain.assign(out);
    memo->space = space;
  }
  return true;
}

}  // namespace heliosdb::storage
