#include "storage/aes_gcm.hpp"

#include <immintrin.h>
#include <openssl/crypto.h>

#include <array>
#include <cstring>

// Every function that uses the instructions says so; available() decides
// at run time whether they may be called.
#define HELIOS_AES_TARGET __attribute__((target("aes,pclmul,sse4.1")))

namespace heliosdb::storage {

namespace {

// --- AES-256 ------------------------------------------------------------------

HELIOS_AES_TARGET __m128i spread(__m128i word, __m128i assist) {
  word = _mm_xor_si128(word, _mm_slli_si128(word, 4));
  word = _mm_xor_si128(word, _mm_slli_si128(word, 4));
  word = _mm_xor_si128(word, _mm_slli_si128(word, 4));
  return _mm_xor_si128(word, assist);
}

// Round keys 2i and 2i+1 from 2i-2 and 2i-1 (FIPS 197's AES-256 schedule).
template <int kRcon>
HELIOS_AES_TARGET void expand_pair(__m128i* rk, int i, bool second) {
  rk[2 * i] = spread(rk[2 * i - 2], _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[2 * i - 1], kRcon), 0xff));
  if (second) {
    rk[2 * i + 1] = spread(rk[2 * i - 1], _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[2 * i], 0), 0xaa));
  }
}

HELIOS_AES_TARGET void expand_key(const KeyBytes& key, std::uint8_t* out) {
  __m128i rk[15];
  rk[0] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key.data()));
  rk[1] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key.data() + 16));
  expand_pair<0x01>(rk, 1, true);
  expand_pair<0x02>(rk, 2, true);
  expand_pair<0x04>(rk, 3, true);
  expand_pair<0x08>(rk, 4, true);
  expand_pair<0x10>(rk, 5, true);
  expand_pair<0x20>(rk, 6, true);
  expand_pair<0x40>(rk, 7, false);
  for (int i = 0; i < 15; ++i) _mm_store_si128(reinterpret_cast<__m128i*>(out + 16 * i), rk[i]);
}

HELIOS_AES_TARGET __m128i encrypt_block(const std::uint8_t* round_keys, __m128i block) {
  const auto* rk = reinterpret_cast<const __m128i*>(round_keys);
  block = _mm_xor_si128(block, _mm_load_si128(rk));
  for (int r = 1; r < 14; ++r) block = _mm_aesenc_si128(block, _mm_load_si128(rk + r));
  return _mm_aesenclast_si128(block, _mm_load_si128(rk + 14));
}

// --- GHASH --------------------------------------------------------------------
//
// A block is a polynomial over GF(2) whose x^0 coefficient is the first bit
// of the first byte; read as a big-endian 128-bit number, x^d sits at bit
// 127 - d ("reflected"). The product of two reflected numbers, shifted left
// one bit, is the reflected 256-bit product: its high half holds x^0..x^127,
// its low half L the terms x^128..x^255, i.e. x^128 * D(x). Modulo
// g = x^128 + x^7 + x^2 + x + 1, x^128 = 1 + x + x^2 + x^7, and multiplying
// by x^s is a right shift by s; the bits a shift pushes out (degree 128 and
// up) are the same bits shifted left by 128 - s, folded in once more.

struct U128 {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
};

U128 shift_right(U128 v, int s) { return {v.hi >> s, (v.lo >> s) | (v.hi << (64 - s))}; }

HELIOS_AES_TARGET std::uint64_t word(__m128i v, int i) {
  return static_cast<std::uint64_t>(i == 0 ? _mm_cvtsi128_si64(v) : _mm_extract_epi64(v, 1));
}

// The carry-less product of two reflected numbers, not yet reduced: w3 is
// its most significant word. Products XOR together before one reduction.
struct Wide {
  std::uint64_t w0 = 0, w1 = 0, w2 = 0, w3 = 0;
  Wide& operator^=(const Wide& o) {
    w0 ^= o.w0;
    w1 ^= o.w1;
    w2 ^= o.w2;
    w3 ^= o.w3;
    return *this;
  }
};

HELIOS_AES_TARGET Wide clmul(U128 a, U128 b) {
  const __m128i va = _mm_set_epi64x(static_cast<long long>(a.hi), static_cast<long long>(a.lo));
  const __m128i vb = _mm_set_epi64x(static_cast<long long>(b.hi), static_cast<long long>(b.lo));
  const __m128i low = _mm_clmulepi64_si128(va, vb, 0x00);
  const __m128i high = _mm_clmulepi64_si128(va, vb, 0x11);
  const __m128i cross = _mm_xor_si128(_mm_clmulepi64_si128(va, vb, 0x01), _mm_clmulepi64_si128(va, vb, 0x10));
  return {word(low, 0), word(low, 1) ^ word(cross, 0), word(high, 0) ^ word(cross, 1), word(high, 1)};
}

U128 reduce(Wide p) {
  const std::uint64_t w3 = (p.w3 << 1) | (p.w2 >> 63);
  const std::uint64_t w2 = (p.w2 << 1) | (p.w1 >> 63);
  const std::uint64_t w1 = (p.w1 << 1) | (p.w0 >> 63);
  const std::uint64_t w0 = p.w0 << 1;
  const U128 t{w1 ^ (w0 << 63) ^ (w0 << 62) ^ (w0 << 57), w0};
  const U128 t1 = shift_right(t, 1);
  const U128 t2 = shift_right(t, 2);
  const U128 t7 = shift_right(t, 7);
  return {w3 ^ t.hi ^ t1.hi ^ t2.hi ^ t7.hi, w2 ^ t.lo ^ t1.lo ^ t2.lo ^ t7.lo};
}

HELIOS_AES_TARGET U128 gf_multiply(U128 a, U128 b) { return reduce(clmul(a, b)); }

std::uint64_t load_be64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

void store_be64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<std::uint8_t>(v);
}

// GHASH four blocks at a time: X' = (X + B0)H^4 + B1 H^3 + B2 H^2 + B3 H,
// four independent multiplications and one reduction instead of four
// dependent rounds.
class Ghash {
 public:
  explicit Ghash(const U128* powers) : powers_(powers) {}
  // Absorbs `n` bytes, zero-padded to whole blocks.
  HELIOS_AES_TARGET void absorb(const std::uint8_t* p, std::size_t n) {
    for (; n >= 16; p += 16, n -= 16) block(load_be64(p), load_be64(p + 8));
    if (n > 0) {
      std::uint8_t last[16] = {};
      std::memcpy(last, p, n);
      block(load_be64(last), load_be64(last + 8));
    }
  }
  HELIOS_AES_TARGET void block(std::uint64_t hi, std::uint64_t lo) {
    pending_[count_++] = {hi, lo};
    if (count_ == 4) flush();
  }
  HELIOS_AES_TARGET U128 value() {
    flush();
    return x_;
  }

 private:
  HELIOS_AES_TARGET void flush() {
    if (count_ == 0) return;
    pending_[0].hi ^= x_.hi;
    pending_[0].lo ^= x_.lo;
    Wide sum;
    for (int i = 0; i < count_; ++i) sum ^= clmul(pending_[i], powers_[count_ - 1 - i]);
    x_ = reduce(sum);
    count_ = 0;
  }

  const U128* powers_;  ///< H, H^2, H^3, H^4
  U128 x_;
  U128 pending_[4];
  int count_ = 0;
};

// The counter block i of a 96-bit nonce: nonce | i (big-endian).
HELIOS_AES_TARGET __m128i counter_block(const std::uint8_t* nonce, std::uint32_t i) {
  alignas(16) std::uint8_t block[16];
  std::memcpy(block, nonce, 12);
  block[12] = static_cast<std::uint8_t>(i >> 24);
  block[13] = static_cast<std::uint8_t>(i >> 16);
  block[14] = static_cast<std::uint8_t>(i >> 8);
  block[15] = static_cast<std::uint8_t>(i);
  return _mm_load_si128(reinterpret_cast<const __m128i*>(block));
}

// Blocks are encrypted up to four at once: AES rounds of independent blocks
// overlap in the pipeline, where one block's rounds wait on each other. A
// fixed count keeps the blocks in registers.
template <int kCount>
HELIOS_AES_TARGET void encrypt_fixed(const std::uint8_t* round_keys, __m128i* blocks) {
  const auto* rk = reinterpret_cast<const __m128i*>(round_keys);
  __m128i b[kCount];
  const __m128i first = _mm_load_si128(rk);
#pragma GCC unroll 4
  for (int j = 0; j < kCount; ++j) b[j] = _mm_xor_si128(blocks[j], first);
#pragma GCC unroll 13
  for (int r = 1; r < 14; ++r) {
    const __m128i key = _mm_load_si128(rk + r);
#pragma GCC unroll 4
    for (int j = 0; j < kCount; ++j) b[j] = _mm_aesenc_si128(b[j], key);
  }
  const __m128i last = _mm_load_si128(rk + 14);
#pragma GCC unroll 4
  for (int j = 0; j < kCount; ++j) blocks[j] = _mm_aesenclast_si128(b[j], last);
}

HELIOS_AES_TARGET void encrypt_blocks(const std::uint8_t* round_keys, __m128i* blocks, int count) {
  switch (count) {
    case 1:
      return encrypt_fixed<1>(round_keys, blocks);
    case 2:
      return encrypt_fixed<2>(round_keys, blocks);
    case 3:
      return encrypt_fixed<3>(round_keys, blocks);
    default:
      return encrypt_fixed<4>(round_keys, blocks);
  }
}

// Counter mode: `in` XOR the encrypted counter blocks 2, 3, ... into `out`;
// block 1, which masks the tag, is made alongside and written to `tag_mask`.
HELIOS_AES_TARGET void ctr(const std::uint8_t* round_keys, const std::uint8_t* nonce, const std::uint8_t* in,
                           std::size_t n, std::uint8_t* out, std::uint8_t* tag_mask) {
  std::uint32_t counter = 1;
  bool mask_done = false;
  while (!mask_done || n > 0) {
    __m128i blocks[4];
    int count = 0;
    const int first = mask_done ? 0 : 1;
    while (count < 4 && (count < first || static_cast<std::size_t>(count - first) * 16 < n)) {
      blocks[count++] = counter_block(nonce, counter++);
    }
    encrypt_blocks(round_keys, blocks, count);
    if (!mask_done) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(tag_mask), blocks[0]);
      mask_done = true;
    }
    for (int j = first; j < count; ++j) {
      if (n >= 16) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out),
                         _mm_xor_si128(blocks[j], _mm_loadu_si128(reinterpret_cast<const __m128i*>(in))));
        in += 16;
        out += 16;
        n -= 16;
      } else {
        alignas(16) std::uint8_t pad[16];
        _mm_store_si128(reinterpret_cast<__m128i*>(pad), blocks[j]);
        for (std::size_t i = 0; i < n; ++i) out[i] = in[i] ^ pad[i];
        n = 0;
      }
    }
  }
}

// The tag of ciphertext `cipher`, masked by `mask` (encrypted counter block 1).
HELIOS_AES_TARGET void make_tag(const U128* powers, std::string_view associated, const std::uint8_t* cipher,
                                std::size_t n, const std::uint8_t* mask, std::uint8_t* tag) {
  Ghash hash(powers);
  hash.absorb(reinterpret_cast<const std::uint8_t*>(associated.data()), associated.size());
  hash.absorb(cipher, n);
  hash.block(std::uint64_t{associated.size()} * 8, std::uint64_t{n} * 8);
  const U128 s = hash.value();
  store_be64(tag, s.hi);
  store_be64(tag + 8, s.lo);
  for (int i = 0; i < 16; ++i) tag[i] ^= mask[i];
}

std::array<U128, 4> powers_of(const std::uint64_t* words) {
  return {{{words[0], words[1]}, {words[2], words[3]}, {words[4], words[5]}, {words[6], words[7]}}};
}

}  // namespace

bool AesGcm::available() {
  static const bool yes =
      __builtin_cpu_supports("aes") && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return yes;
}

HELIOS_AES_TARGET AesGcm::AesGcm(const KeyBytes& key) {
  expand_key(key, round_keys_);
  alignas(16) std::uint8_t h[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(h), encrypt_block(round_keys_, _mm_setzero_si128()));
  const U128 one{load_be64(h), load_be64(h + 8)};
  U128 power = one;
  for (int i = 0; i < 4; ++i) {
    h_powers_[2 * i] = power.hi;
    h_powers_[2 * i + 1] = power.lo;
    power = gf_multiply(power, one);
  }
}

void AesGcm::seal(const std::uint8_t* nonce, std::string_view associated, const std::uint8_t* in, std::size_t n,
                  std::uint8_t* out, std::uint8_t* tag) const {
  std::uint8_t mask[16];
  ctr(round_keys_, nonce, in, n, out, mask);
  make_tag(powers_of(h_powers_).data(), associated, out, n, mask, tag);
}

bool AesGcm::open(const std::uint8_t* nonce, std::string_view associated, const std::uint8_t* in, std::size_t n,
                  const std::uint8_t* tag, std::uint8_t* out) const {
  std::uint8_t mask[16];
  ctr(round_keys_, nonce, in, n, out, mask);
  std::uint8_t expected[kTagBytes];
  make_tag(powers_of(h_powers_).data(), associated, in, n, mask, expected);
  return CRYPTO_memcmp(expected, tag, kTagBytes) == 0;
}

}  // namespace heliosdb::storage
