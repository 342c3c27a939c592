#include "storage/key_encoding.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace heliosdb::storage {

namespace {

// Marker bytes, before any inversion for descending order. A NULL that sorts
// first uses kNullLow, one that sorts last kNullHigh.
constexpr unsigned char kNullLow = 0x01;
constexpr unsigned char kPresent = 0x02;
constexpr unsigned char kNullHigh = 0x03;

bool descending(KeyColumnOrder order) { return order.sort == SortOrder::kDescending; }

bool nulls_first(KeyColumnOrder order) {
  switch (order.nulls) {
    case NullsOrder::kFirst:
      return true;
    case NullsOrder::kLast:
      return false;
    case NullsOrder::kDefault:
      return descending(order);
  }
  return false;
}

// The marker to write before inversion, so that after it NULL lands where asked.
unsigned char null_marker(KeyColumnOrder order) {
  bool low_after_inversion = nulls_first(order);
  bool low_before = descending(order) ? !low_after_inversion : low_after_inversion;
  return low_before ? kNullLow : kNullHigh;
}

std::uint64_t double_bits(double v) {
  if (std::isnan(v)) return 0xfff8000000000000ull;  // one NaN, above +inf after the flip
  if (v == 0.0) v = 0.0;                            // -0 == +0
  std::uint64_t bits = std::bit_cast<std::uint64_t>(v);
  return (bits & 0x8000000000000000ull) ? ~bits : bits | 0x8000000000000000ull;
}

double bits_double(std::uint64_t enc) {
  std::uint64_t bits = (enc & 0x8000000000000000ull) ? enc & ~0x8000000000000000ull : ~enc;
  return std::bit_cast<double>(bits);
}

std::uint32_t float_bits(float v) {
  if (std::isnan(v)) return 0xffc00000u;
  if (v == 0.0f) v = 0.0f;
  std::uint32_t bits = std::bit_cast<std::uint32_t>(v);
  return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

float bits_float(std::uint32_t enc) {
  std::uint32_t bits = (enc & 0x80000000u) ? enc & ~0x80000000u : ~enc;
  return std::bit_cast<float>(bits);
}

}  // namespace

void KeyEncoder::add_null(KeyColumnOrder order) {
  start_ = out_.size();
  out_.push_back(static_cast<char>(null_marker(order)));
  finish(order);
}

void KeyEncoder::begin_present(KeyColumnOrder) {
  start_ = out_.size();
  out_.push_back(static_cast<char>(kPresent));
}

void KeyEncoder::append_fixed(std::uint64_t bits, int bytes) {
  // Most significant byte first, appended at once: a key is built per row written.
  char buf[8];
  for (int i = bytes - 1; i >= 0; --i, bits >>= 8) buf[i] = static_cast<char>(bits & 0xff);
  out_.append(buf, static_cast<std::size_t>(bytes));
}

void KeyEncoder::finish(KeyColumnOrder order) {
  if (!descending(order)) return;
  for (std::size_t i = start_; i < out_.size(); ++i) out_[i] = static_cast<char>(~static_cast<unsigned char>(out_[i]));
}

void KeyEncoder::add_bool(bool v, KeyColumnOrder order) {
  begin_present(order);
  out_.push_back(v ? 1 : 0);
  finish(order);
}

void KeyEncoder::add_int16(std::int16_t v, KeyColumnOrder order) {
  begin_present(order);
  append_fixed(static_cast<std::uint16_t>(v) ^ 0x8000u, 2);
  finish(order);
}

void KeyEncoder::add_int32(std::int32_t v, KeyColumnOrder order) {
  begin_present(order);
  append_fixed(static_cast<std::uint32_t>(v) ^ 0x80000000u, 4);
  finish(order);
}

void KeyEncoder::add_int64(std::int64_t v, KeyColumnOrder order) {
  begin_present(order);
  append_fixed(static_cast<std::uint64_t>(v) ^ 0x8000000000000000ull, 8);
  finish(order);
}

void KeyEncoder::add_float(float v, KeyColumnOrder order) {
  begin_present(order);
  append_fixed(float_bits(v), 4);
  finish(order);
}

void KeyEncoder::add_double(double v, KeyColumnOrder order) {
  begin_present(order);
  append_fixed(double_bits(v), 8);
  finish(order);
}

void KeyEncoder::add_text(std::string_view v, KeyColumnOrder order) {
  begin_present(order);
  out_.reserve(out_.size() + v.size() + 2);
  for (char c : v) {
    out_.push_back(c);
    if (c == '\0') out_.push_back('\xff');
  }
  out_.push_back('\0');
  out_.push_back('\0');
  finish(order);
}

void KeyEncoder::add_bytes(std::string_view v, KeyColumnOrder order) { add_text(v, order); }

unsigned char KeyDecoder::byte_at(std::size_t i, KeyColumnOrder order) const {
  if (i >= in_.size()) throw KeyDecodeError("key ends in the middle of a component");
  auto b = static_cast<unsigned char>(in_[i]);
  return descending(order) ? static_cast<unsigned char>(~b) : b;
}

bool KeyDecoder::read_marker(KeyColumnOrder order) {
  unsigned char marker = byte_at(pos_, order);
  ++pos_;
  if (marker == kPresent) return true;
  if (marker == null_marker(order)) return false;
  throw KeyDecodeError("invalid key component marker");
}

std::uint64_t KeyDecoder::read_fixed(int bytes, KeyColumnOrder order) {
  if (in_.size() - pos_ < static_cast<std::size_t>(bytes)) throw KeyDecodeError("key ends inside a fixed-width value");
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | byte_at(pos_ + static_cast<std::size_t>(i), order);
  pos_ += static_cast<std::size_t>(bytes);
  return v;
}

std::optional<bool> KeyDecoder::read_bool(KeyColumnOrder order) {
  if (!read_marker(order)) return std::nullopt;
  std::uint64_t v = read_fixed(1, order);
  if (v > 1) throw KeyDecodeError("invalid boolean in key");
  return v == 1;
}

std::optional<std::int16_t> KeyDecoder::read_int16(KeyColumnOrder order) {
  if (!read_marker(order)) return std::nullopt;
  return static_cast<std::int16_t>(static_cast<std::uint16_t>(read_fixed(2, order) ^ 0x8000u));
}

std::optional<std::int32_t> KeyDecoder::read_int32(KeyColumnOrder order) {
  if (!read_marker(order)) return std::nullopt;
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(read_fixed(4, order) ^ 0x80000000u));
}

std::optional<std::int64_t> KeyDecoder::read_int64(KeyColumnOrder order) {
  if (!read_marker(order)) return std::nullopt;
  return static_cast<std::int64_t>(read_fixed(8, order) ^ 0x8000000000000000ull);
}

std::optional<float> KeyDecoder::read_float(KeyColumnOrder order) {
  if (!read_marker(order)) return std::nullopt;
  return bits_float(static_cast<std::uint32_t>(read_fixed(4, order)));
}

std::optional<double> KeyDecoder::read_double(KeyColumnOrder order) {
  if (!read_marker(order)) return std::nullopt;
  return bits_double(read_fixed(8, order));
}

std::optional<std::string> KeyDecoder::read_text(KeyColumnOrder order) {
  if (!read_marker(order)) return std::nullopt;
  std::string out;
  for (;;) {
    unsigned char b = byte_at(pos_, order);
    ++pos_;
    if (b != 0) {
      out.push_back(static_cast<char>(b));
      continue;
    }
    unsigned char next = byte_at(pos_, order);
    ++pos_;
    if (next == 0xff) {
      out.push_back('\0');
    } else if (next == 0x00) {
      return out;
    } else {
      throw KeyDecodeError("invalid escape in text key");
    }
  }
}

std::string prefix_successor(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty()) {
    auto last = static_cast<unsigned char>(out.back());
    if (last != 0xff) {
      out.back() = static_cast<char>(last + 1);
      return out;
    }
    out.pop_back();
  }
  return out;
}

}  // namespace heliosdb::storage
