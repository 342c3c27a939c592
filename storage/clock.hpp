#pragma once

#include <chrono>

#include "storage/types.hpp"

namespace heliosdb::storage {

/// Wall-clock time now, in microseconds since the Unix epoch (UTC).
inline UnixMicros now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace heliosdb::storage
