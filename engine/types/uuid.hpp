#pragma once
// PostgreSQL's uuid: 16 bytes, held in the Value's string in network order,
// so that byte order is uuid order.

#include <string>
#include <string_view>

#include "engine/types/value.hpp"

namespace heliosdb::engine {

/// uuid_in: 32 hex digits, either case, a hyphen allowed after any group of
/// four, the whole optionally in braces. Throws 22P02 otherwise.
Value parse_uuid(std::string_view text);
/// uuid_out: lower-case 8-4-4-4-12.
std::string format_uuid(std::string_view bytes);
/// gen_random_uuid(): version 4, random from the operating system's generator.
Value random_uuid();

}  // namespace heliosdb::engine
