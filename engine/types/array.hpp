#pragma once
// PostgreSQL's arrays: any number of dimensions, each with a lower bound
// (1 unless given), elements of one type, NULLs allowed. A Value of an
// array type holds them packed in its string: the dimension count, each
// dimension's length and lower bound, then the elements in row-major order
// as value_codec stores them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/types/cast.hpp"
#include "engine/types/value.hpp"

namespace heliosdb::engine {

struct ArrayDim {
  std::int32_t length = 0;
  std::int32_t lower = 1;

  friend bool operator==(const ArrayDim&, const ArrayDim&) = default;
};

/// PostgreSQL's MAXDIM.
inline constexpr std::size_t kMaxArrayDims = 6;

/// An array taken apart. No dimensions is the empty array '{}'.
struct ArrayData {
  TypeId element = TypeId::kText;
  std::vector<ArrayDim> dims;
  std::vector<Value> items;  ///< row-major

  /// A one-dimensional array of `items` (empty: '{}').
  static ArrayData of(TypeId element, std::vector<Value> items);
};

/// The parts of a non-NULL array value.
ArrayData decode_array(const Value& array);
/// The value of `array`, typed element[].
Value encode_array(const ArrayData& array);

/// array_out: {1,2,NULL}, {{"a b",c},{d,e}}, [0:1]={x,y} when a lower bound is not 1.
std::string format_array(const Value& array);
/// array_in for `type` (an array type; its typmod applies to each element).
/// Throws 22P02 "malformed array literal" with PostgreSQL's detail, and the
/// elements' own input errors.
Value parse_array(std::string_view text, SqlType type, CastContext context);
/// Each element cast to `type`'s element type (array to array casts).
Value cast_array(const Value& array, SqlType type, CastContext context);

/// btree order of arrays (array_cmp): element by element, NULL above any
/// value, then the longer array, then by dimensions.
int compare_arrays(const Value& a, const Value& b);

}  // namespace heliosdb::engine
