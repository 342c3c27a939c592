// Order-preserving keys: memcmp order of encodings equals PostgreSQL's value order.
#include "storage/key_encoding.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <variant>
#include <vector>

using namespace heliosdb::storage;

namespace {

// A key component as the reference model sees it.
using Value = std::variant<std::monostate, bool, std::int16_t, std::int32_t, std::int64_t, float, double, std::string>;
enum class Kind { kBool, kInt16, kInt32, kInt64, kFloat, kDouble, kText, kBytes, kTimestamp };

int sign(int v) { return (v > 0) - (v < 0); }

int memcmp_sign(const std::string& a, const std::string& b) {
  int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return sign(c);
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// PostgreSQL float order: every NaN equal, above everything; -0 == +0.
template <typename F>
int float_cmp(F a, F b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an && bn ? 0 : (an ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

int value_cmp(const Value& a, const Value& b) {
  return std::visit(
      [&](const auto& x) -> int {
        using T = std::decay_t<decltype(x)>;
        const T& y = std::get<T>(b);
        if constexpr (std::is_same_v<T, std::monostate>) {
          return 0;
        } else if constexpr (std::is_floating_point_v<T>) {
          return float_cmp(x, y);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return memcmp_sign(x, y);  // byte order, unsigned
        } else {
          return x < y ? -1 : (x > y ? 1 : 0);
        }
      },
      a);
}

bool nulls_first(KeyColumnOrder o) {
  if (o.nulls == NullsOrder::kFirst) return true;
  if (o.nulls == NullsOrder::kLast) return false;
  return o.sort == SortOrder::kDescending;
}

// The reference: compare two components under a column order.
int model_cmp(const Value& a, const Value& b, KeyColumnOrder o) {
  bool an = std::holds_alternative<std::monostate>(a), bn = std::holds_alternative<std::monostate>(b);
  if (an || bn) {
    if (an && bn) return 0;
    int null_side = nulls_first(o) ? -1 : 1;
    return an ? null_side : -null_side;
  }
  int c = value_cmp(a, b);
  return o.sort == SortOrder::kDescending ? -c : c;
}

void encode(KeyEncoder& enc, Kind kind, const Value& v, KeyColumnOrder o) {
  if (std::holds_alternative<std::monostate>(v)) return enc.add_null(o);
  switch (kind) {
    case Kind::kBool:
      return enc.add_bool(std::get<bool>(v), o);
    case Kind::kInt16:
      return enc.add_int16(std::get<std::int16_t>(v), o);
    case Kind::kInt32:
      return enc.add_int32(std::get<std::int32_t>(v), o);
    case Kind::kInt64:
      return enc.add_int64(std::get<std::int64_t>(v), o);
    case Kind::kTimestamp:
      return enc.add_timestamp(std::get<std::int64_t>(v), o);
    case Kind::kFloat:
      return enc.add_float(std::get<float>(v), o);
    case Kind::kDouble:
      return enc.add_double(std::get<double>(v), o);
    case Kind::kText:
      return enc.add_text(std::get<std::string>(v), o);
    case Kind::kBytes:
      return enc.add_bytes(std::get<std::string>(v), o);
  }
}

Value decode(KeyDecoder& dec, Kind kind, KeyColumnOrder o) {
  auto wrap = [](auto opt) -> Value {
    if (!opt) return std::monostate{};
    return *opt;
  };
  switch (kind) {
    case Kind::kBool:
      return wrap(dec.read_bool(o));
    case Kind::kInt16:
      return wrap(dec.read_int16(o));
    case Kind::kInt32:
      return wrap(dec.read_int32(o));
    case Kind::kInt64:
      return wrap(dec.read_int64(o));
    case Kind::kTimestamp:
      return wrap(dec.read_timestamp(o));
    case Kind::kFloat:
      return wrap(dec.read_float(o));
    case Kind::kDouble:
      return wrap(dec.read_double(o));
    case Kind::kText:
      return wrap(dec.read_text(o));
    case Kind::kBytes:
      return wrap(dec.read_bytes(o));
  }
  return std::monostate{};
}

template <typename I>
I random_int(std::mt19937_64& rng) {
  switch (rng() % 6) {
    case 0:
      return std::numeric_limits<I>::min();
    case 1:
      return std::numeric_limits<I>::max();
    case 2:
      return static_cast<I>(static_cast<int>(rng() % 5) - 2);  // around zero
    default:
      return static_cast<I>(rng());
  }
}

template <typename F, typename Bits>
F random_float(std::mt19937_64& rng) {
  switch (rng() % 10) {
    case 0:
      return std::numeric_limits<F>::infinity();
    case 1:
      return -std::numeric_limits<F>::infinity();
    case 2: {
      // A NaN of random sign and payload.
      Bits bits = std::bit_cast<Bits>(std::numeric_limits<F>::quiet_NaN()) | static_cast<Bits>(rng() & 0xffff);
      if (rng() % 2) bits |= Bits{1} << (sizeof(Bits) * 8 - 1);
      return std::bit_cast<F>(bits);
    }
    case 3:
      return rng() % 2 ? F(0.0) : F(-0.0);
    case 4:
      return std::numeric_limits<F>::denorm_min() * static_cast<F>(static_cast<int>(rng() % 5) - 2);
    case 5:
      return std::bit_cast<F>(static_cast<Bits>(rng()));  // any bit pattern
    default:
      return static_cast<F>(static_cast<double>(static_cast<std::int64_t>(rng() % 2001) - 1000) / 8.0);
  }
}

std::string random_text(std::mt19937_64& rng) {
  static const char alphabet[] = {'\0', '\x01', 'a', 'b', '\x7f', '\x80', '\xfe', '\xff'};
  std::string s;
  std::size_t len = rng() % 6;
  for (std::size_t i = 0; i < len; ++i) s.push_back(alphabet[rng() % sizeof alphabet]);
  return s;
}

Value random_value(Kind kind, std::mt19937_64& rng) {
  if (rng() % 10 == 0) return std::monostate{};
  switch (kind) {
    case Kind::kBool:
      return rng() % 2 == 0;
    case Kind::kInt16:
      return random_int<std::int16_t>(rng);
    case Kind::kInt32:
      return random_int<std::int32_t>(rng);
    case Kind::kInt64:
    case Kind::kTimestamp:
      return random_int<std::int64_t>(rng);
    case Kind::kFloat:
      return random_float<float, std::uint32_t>(rng);
    case Kind::kDouble:
      return random_float<double, std::uint64_t>(rng);
    case Kind::kText:
    case Kind::kBytes:
      return random_text(rng);
  }
  return std::monostate{};
}

const std::vector<Kind> kAllKinds = {Kind::kBool,   Kind::kInt16, Kind::kInt32, Kind::kInt64,    Kind::kFloat,
                                     Kind::kDouble, Kind::kText,  Kind::kBytes, Kind::kTimestamp};

std::vector<KeyColumnOrder> all_orders() {
  std::vector<KeyColumnOrder> out;
  for (auto s : {SortOrder::kAscending, SortOrder::kDescending}) {
    for (auto n : {NullsOrder::kDefault, NullsOrder::kFirst, NullsOrder::kLast}) out.push_back({s, n});
  }
  return out;
}

bool same_value(const Value& a, const Value& b) {
  if (a.index() != b.index()) return false;
  return value_cmp(a, b) == 0;
}

}  // namespace

TEST_CASE("encoded order equals value order for every type and column order", "[storage][key_encoding]") {
  std::mt19937_64 rng(20261124);
  for (Kind kind : kAllKinds) {
    for (KeyColumnOrder order : all_orders()) {
      for (int i = 0; i < 3000; ++i) {
        Value a = random_value(kind, rng);
        Value b = random_value(kind, rng);
        std::string ea, eb;
        KeyEncoder enc_a(ea), enc_b(eb);
        encode(enc_a, kind, a, order);
        encode(enc_b, kind, b, order);
        INFO("kind " << static_cast<int>(kind) << " desc " << (order.sort == SortOrder::kDescending) << " nulls "
                     << static_cast<int>(order.nulls));
        REQUIRE(memcmp_sign(ea, eb) == model_cmp(a, b, order));
      }
    }
  }
}

TEST_CASE("composite keys sort as tuples of mixed types and directions", "[storage][key_encoding]") {
  std::mt19937_64 rng(99);
  auto orders = all_orders();
  for (int round = 0; round < 200; ++round) {
    std::size_t width = 2 + rng() % 3;
    std::vector<Kind> kinds;
    std::vector<KeyColumnOrder> cols;
    for (std::size_t c = 0; c < width; ++c) {
      kinds.push_back(kAllKinds[rng() % kAllKinds.size()]);
      cols.push_back(orders[rng() % orders.size()]);
    }
    for (int i = 0; i < 100; ++i) {
      std::vector<Value> a, b;
      std::string ea, eb;
      KeyEncoder enc_a(ea), enc_b(eb);
      for (std::size_t c = 0; c < width; ++c) {
        a.push_back(random_value(kinds[c], rng));
        // Share prefixes often so that later columns decide.
        b.push_back(rng() % 2 ? a.back() : random_value(kinds[c], rng));
        encode(enc_a, kinds[c], a.back(), cols[c]);
        encode(enc_b, kinds[c], b.back(), cols[c]);
      }
      int want = 0;
      for (std::size_t c = 0; c < width && want == 0; ++c) want = model_cmp(a[c], b[c], cols[c]);
      REQUIRE(memcmp_sign(ea, eb) == want);
    }
  }
}

TEST_CASE("decoding returns what was encoded", "[storage][key_encoding]") {
  std::mt19937_64 rng(5);
  auto orders = all_orders();
  for (int i = 0; i < 5000; ++i) {
    std::size_t width = 1 + rng() % 4;
    std::vector<Kind> kinds;
    std::vector<KeyColumnOrder> cols;
    std::vector<Value> values;
    std::string key;
    KeyEncoder enc(key);
    for (std::size_t c = 0; c < width; ++c) {
      kinds.push_back(kAllKinds[rng() % kAllKinds.size()]);
      cols.push_back(orders[rng() % orders.size()]);
      values.push_back(random_value(kinds.back(), rng));
      encode(enc, kinds.back(), values.back(), cols.back());
    }
    KeyDecoder dec(key);
    for (std::size_t c = 0; c < width; ++c) REQUIRE(same_value(decode(dec, kinds[c], cols[c]), values[c]));
    REQUIRE(dec.at_end());
  }
}

TEST_CASE("negative zero and every NaN encode alike", "[storage][key_encoding]") {
  auto enc_double = [](double v) {
    std::string s;
    KeyEncoder(s).add_double(v);
    return s;
  };
  CHECK(enc_double(0.0) == enc_double(-0.0));
  CHECK(enc_double(std::nan("1")) == enc_double(-std::nan("7")));
  CHECK(enc_double(std::numeric_limits<double>::infinity()) < enc_double(std::nan("")));
  std::string f1, f2;
  KeyEncoder(f1).add_float(-0.0f);
  KeyEncoder(f2).add_float(0.0f);
  CHECK(f1 == f2);
}

TEST_CASE("malformed keys are rejected without reading out of bounds", "[storage][key_encoding]") {
  std::string key;
  KeyEncoder enc(key);
  enc.add_int64(42);
  enc.add_text(std::string("ab\0c", 4));
  enc.add_double(1.5, {SortOrder::kDescending, NullsOrder::kDefault});
  // Every strict prefix of a valid key is truncated somewhere.
  for (std::size_t len = 0; len < key.size(); ++len) {
    KeyDecoder dec(std::string_view(key.data(), len));
    CHECK_THROWS_AS(([&] {
                      dec.read_int64();
                      dec.read_text();
                      dec.read_double({SortOrder::kDescending, NullsOrder::kDefault});
                    }()),
                    KeyDecodeError);
  }
  CHECK_THROWS_AS(KeyDecoder(std::string_view("\x07", 1)).read_int32(), KeyDecodeError);  // bad marker
  CHECK_THROWS_AS(KeyDecoder(std::string_view("\x02"
                                              "a\0\x05",
                                              4))
                      .read_text(),
                  KeyDecodeError);  // bad escape
  CHECK_THROWS_AS(KeyDecoder(std::string_view("\x02\x07", 2)).read_bool(), KeyDecodeError);
}

TEST_CASE("prefix_successor bounds a prefix range", "[storage][key_encoding]") {
  CHECK(prefix_successor("abc") == "abd");
  CHECK(prefix_successor(std::string("a\xff", 2)) == "b");
  CHECK(prefix_successor(std::string("\xff\xff", 2)).empty());
  CHECK(prefix_successor("").empty());
  std::string prefix("k\x01", 2);
  std::string succ = prefix_successor(prefix);
  for (std::string tail : {std::string(""), std::string("\xff\xff\xff", 3), std::string("zzz")}) {
    CHECK(prefix + tail < succ);
  }
}
