#pragma once

// Order-preserving encoding of typed values into byte strings: for keys a and
// b of the same column types and orders, memcmp(enc(a), enc(b)) has the sign
// of the value comparison, as PostgreSQL sorts (C collation for text). A
// composite key is the concatenation of its components; each component is
// self-delimiting, so a shorter tuple that is a prefix sorts first.
//
// Component layout: one marker byte (NULL or present), then for a present
// value its bytes: integers big-endian with the sign bit flipped; floats as
// IEEE bits flipped so that order is numeric (-0 == +0, every NaN equal and
// above +inf, as PostgreSQL); text and bytes with 0x00 escaped as 0x00 0xFF
// and terminated by 0x00 0x00. A descending component is all of that inverted.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace heliosdb::storage {

enum class SortOrder : std::uint8_t { kAscending, kDescending };
/// kDefault is PostgreSQL's: NULLS LAST when ascending, NULLS FIRST when descending.
enum class NullsOrder : std::uint8_t { kDefault, kFirst, kLast };

/// How one key column sorts.
struct KeyColumnOrder {
  SortOrder sort = SortOrder::kAscending;
  NullsOrder nulls = NullsOrder::kDefault;
};

/// Thrown by KeyDecoder for bytes that are not a well-formed encoding.
class KeyDecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Appends encoded components to a caller-owned string. Never throws (beyond
/// std::bad_alloc); not thread-safe.
class KeyEncoder {
 public:
  explicit KeyEncoder(std::string& out) : out_(out) {}

  void add_null(KeyColumnOrder order = {});
  void add_bool(bool v, KeyColumnOrder order = {});
  void add_int16(std::int16_t v, KeyColumnOrder order = {});
  void add_int32(std::int32_t v, KeyColumnOrder order = {});
  void add_int64(std::int64_t v, KeyColumnOrder order = {});
  void add_float(float v, KeyColumnOrder order = {});
  void add_double(double v, KeyColumnOrder order = {});
  /// Text in byte order (the C collation).
  void add_text(std::string_view v, KeyColumnOrder order = {});
  void add_bytes(std::string_view v, KeyColumnOrder order = {});
  /// Microseconds since 2000-01-01 (PostgreSQL's timestamp epoch).
  void add_timestamp(std::int64_t micros, KeyColumnOrder order = {}) { add_int64(micros, order); }

 private:
  void begin_present(KeyColumnOrder order);
  void append_fixed(std::uint64_t bits, int bytes);
  void finish(KeyColumnOrder order);

  std::string& out_;
  std::size_t start_ = 0;  ///< where the current component began
};

/// Reads components back in the order and with the orders they were written.
/// Each read returns nullopt for a NULL. Throws KeyDecodeError on malformed or
/// truncated input; never reads outside the given bytes.
class KeyDecoder {
 public:
  explicit KeyDecoder(std::string_view in) : in_(in) {}

  std::optional<bool> read_bool(KeyColumnOrder order = {});
  std::optional<std::int16_t> read_int16(KeyColumnOrder order = {});
  std::optional<std::int32_t> read_int32(KeyColumnOrder order = {});
  std::optional<std::int64_t> read_int64(KeyColumnOrder order = {});
  std::optional<float> read_float(KeyColumnOrder order = {});
  std::optional<double> read_double(KeyColumnOrder order = {});
  std::optional<std::string> read_text(KeyColumnOrder order = {});
  std::optional<std::string> read_bytes(KeyColumnOrder order = {}) { return read_text(order); }
  std::optional<std::int64_t> read_timestamp(KeyColumnOrder order = {}) { return read_int64(order); }

  bool at_end() const { return pos_ == in_.size(); }
  std::size_t position() const { return pos_; }

 private:
  /// Reads the marker; true if a value follows.
  bool read_marker(KeyColumnOrder order);
  std::uint64_t read_fixed(int bytes, KeyColumnOrder order);
  unsigned char byte_at(std::size_t i, KeyColumnOrder order) const;

  std::string_view in_;
  std::size_t pos_ = 0;
};

/// The smallest key greater than every key that starts with `prefix`, for
/// the end of a prefix range scan; empty (no upper bound) if there is none.
std::string prefix_successor(std::string_view prefix);

}  // namespace heliosdb::storage
