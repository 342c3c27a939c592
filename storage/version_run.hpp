#pragma once

// A history value: a run of one key's replaced versions, oldest first, several
// to an LMDB entry. An AS OF scan then steps once per key rather than once per
// version, and finds the version in force by reading the run's small header
// arrays and one payload.
//
//   marker(1) | count(1) | starts(8 × count) | ends(8 × count) | flags(1 × count)
//             | payload offsets(4 × count) | payloads, in the same order
//
// The run's history key carries its first version's start SCN, so the last
// run at or before a bound holds the version in force then. Stores written
// before runs existed hold one version per entry (flags(1) | end(8) | payload,
// the start in the key); the marker's top bit tells the two apart, and those
// entries read as runs of one.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "storage/types.hpp"
#include "storage/version_format.hpp"

namespace heliosdb::storage::format {

/// One replaced version: in force over [start, end), or a tombstone over it.
struct HistoryVersion {
  Scn start = 0;
  Scn end = 0;
  bool tombstone = false;
  std::string_view payload;
};

namespace run_layout {
inline constexpr char kMarker = '\x80';
inline constexpr std::size_t kHeader = 2;                  // marker, count
inline constexpr std::size_t kPerVersion = 8 + 8 + 1 + 4;  // start, end, flags, payload offset
inline constexpr std::size_t starts_at() { return kHeader; }
inline constexpr std::size_t ends_at(std::size_t count) { return kHeader + 8 * count; }
inline constexpr std::size_t flags_at(std::size_t count) { return kHeader + 16 * count; }
inline constexpr std::size_t offsets_at(std::size_t count) { return kHeader + 17 * count; }
inline constexpr std::size_t payloads_at(std::size_t count) { return kHeader + kPerVersion * count; }
}  // namespace run_layout

/// A stored run, viewed in place. Inline: an AS OF scan reads one per key.
class VersionRun {
 public:
  /// `key` is the run's history key; `value` its stored bytes.
  VersionRun(std::string_view key, std::string_view value) : raw_(value) {
    if ((static_cast<unsigned char>(value[0]) & 0x80) == 0) {
      legacy_ = true;
      legacy_start_ = history_key_start(key);
      count_ = 1;
    } else {
      count_ = static_cast<unsigned char>(value[1]);
    }
  }

  std::size_t size() const { return count_; }
  Scn start(std::size_t i) const { return legacy_ ? legacy_start_ : get_u64(raw_, run_layout::starts_at() + 8 * i); }
  HistoryVersion at(std::size_t i) const {
    using namespace run_layout;
    if (legacy_) {
      StoredVersion v = decode_version(raw_);
      return HistoryVersion{legacy_start_, v.scn, v.tombstone, v.payload};
    }
    const std::size_t base = payloads_at(count_);
    const std::size_t from = base + get_u32(raw_, offsets_at(count_) + 4 * i);
    const std::size_t to = i + 1 < count_ ? base + get_u32(raw_, offsets_at(count_) + 4 * (i + 1)) : raw_.size();
    return HistoryVersion{start(i), get_u64(raw_, ends_at(count_) + 8 * i), (raw_[flags_at(count_) + i] & 1) != 0,
                          raw_.substr(from, to - from)};
  }
  Scn first_start() const { return start(0); }
  Scn last_end() const { return at(count_ - 1).end; }
  /// The version that started last at or before `bound`, if any started by then.
  std::optional<HistoryVersion> started_by(Scn bound) const {
    for (std::size_t i = count_; i-- > 0;) {
      if (start(i) <= bound) return at(i);
    }
    return std::nullopt;
  }
  /// Whether appending a version with a payload of `payload_bytes` keeps the
  /// run within its limits (an empty run takes any one version).
  bool has_room_for(std::size_t payload_bytes) const;
  std::string_view raw() const { return raw_; }

 private:
  std::string_view raw_;
  Scn legacy_start_ = 0;  ///< a one-version entry of the older layout: its start, from the key
  bool legacy_ = false;
  std::size_t count_ = 0;
};

inline constexpr std::size_t kMaxRunVersions = 32;
/// Rewriting a run on each update costs its size: small rows share runs, a
/// row past this size gets one of its own.
inline constexpr std::size_t kMaxRunBytes = 1024;

/// How many of `versions`, from the first, one run holds within the limits
/// (at least one: a version too large for them gets a run of its own).
std::size_t versions_fitting_run(std::span<const HistoryVersion> versions);

/// Writes into `out` (replacing what it held) the given versions, in start
/// order, as one run. `out` must not hold what the versions' payloads view.
void encode_run(std::string& out, std::span<const HistoryVersion> versions);
/// Writes into `out` the versions of `run` followed by `added`, whose start is
/// after every version of the run.
void append_to_run(std::string& out, const VersionRun& run, const HistoryVersion& added);

}  // namespace heliosdb::storage::format
