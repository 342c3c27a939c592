#pragma once

// A history value: a run of one key's replaced versions, oldest first, several
// to an LMDB entry. An AS OF scan then steps once per key rather than once per
// version, and finds the version in force by reading the run's timings and
// one payload.
//
// Runs are written packed, because an AS OF scan streams every run of the
// range through the cache and a key's versions mostly differ in a few bytes:
//
//   0x81 | count(1) | payload offsets(2 × count, from the run's first byte)
//        | timings: per version [start - previous start] (end - start) << 1 | tombstone,
//          varints (the first start is the history key's)
//        | payload 0 as stored
//        | payload i > 0: varint(prefix) varint(suffix) | middle — the version is
//          payload 0's first `prefix` bytes, the middle, then payload 0's last `suffix` bytes
//
// Two older layouts still read. The fixed one (what builds before packing
// wrote, and what a run too large for 16-bit offsets still gets):
//
//   0x80 | count(1) | starts(8 × count) | ends(8 × count) | flags(1 × count)
//        | payload offsets(4 × count) | payloads, in the same order
//
// and format 1's one version per entry (flags(1) | end(8) | payload, the start
// in the key), which reads as a run of one: the marker's top bit is clear.
//
// The run's history key carries its first version's start SCN, so the last
// run at or before a bound holds the version in force then.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "storage/types.hpp"
#include "storage/varint.hpp"
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

namespace packed_layout {
inline constexpr char kMarker = '\x81';
inline constexpr std::size_t kHeader = 2;  // marker, count
inline constexpr std::size_t offsets_at() { return kHeader; }
inline constexpr std::size_t timings_at(std::size_t count) { return kHeader + 2 * count; }
/// At most, per version: its offset, two varints of timings, two of difference.
inline constexpr std::size_t kMaxPerVersion = 2 + 4 * kMaxVarintBytes;
}  // namespace packed_layout

/// A stored run, viewed in place. Inline: an AS OF scan reads one per key.
///
/// A packed run's payloads other than the first are rebuilt on reading: the
/// calls that return one take a buffer, which the returned view may point
/// into (or it views the run itself).
class VersionRun {
 public:
  enum class Layout : std::uint8_t { kSingle, kFixed, kPacked };

  /// `key` is the run's history key; `value` its stored bytes.
  VersionRun(std::string_view key, std::string_view value) : raw_(value) {
    const auto marker = static_cast<unsigned char>(value[0]);
    if ((marker & 0x80) == 0) {
      layout_ = Layout::kSingle;
      first_start_ = history_key_start(key);
      count_ = 1;
    } else {
      layout_ = marker == static_cast<unsigned char>(packed_layout::kMarker) ? Layout::kPacked : Layout::kFixed;
      if (layout_ == Layout::kPacked) first_start_ = history_key_start(key);
      count_ = static_cast<unsigned char>(value[1]);
    }
  }

  Layout layout() const { return layout_; }
  std::size_t size() const { return count_; }
  Scn first_start() const { return layout_ == Layout::kFixed ? get_u64(raw_, run_layout::starts_at()) : first_start_; }
  Scn last_end() const { return timing(count_ - 1).end; }
  /// Version i's start, end and tombstone flag, without its payload.
  HistoryVersion timing(std::size_t i) const {
    using namespace run_layout;
    switch (layout_) {
      case Layout::kSingle: {
        const StoredVersion v = decode_version(raw_);
        return HistoryVersion{first_start_, v.scn, v.tombstone, {}};
      }
      case Layout::kFixed:
        return HistoryVersion{get_u64(raw_, starts_at() + 8 * i),
                              get_u64(raw_, ends_at(count_) + 8 * i),
                              (raw_[flags_at(count_) + i] & 1) != 0,
                              {}};
      case Layout::kPacked:
        break;
    }
    Timings t(*this);
    for (std::size_t k = 0; k < i; ++k) t.next();
    return t.version;
  }
  /// Version i, payload included (see the class comment for `buf`).
  HistoryVersion at(std::size_t i, std::string& buf) const {
    HistoryVersion v = timing(i);
    v.payload = payload(i, buf);
    return v;
  }
  /// Into `out`, the version that started last at or before `bound`; false
  /// if none started by then (see the class comment for `buf`). Fills `out`
  /// in place: an AS OF scan calls this once per row.
  bool started_by(Scn bound, std::string& buf, HistoryVersion& out) const {
    if (layout_ != Layout::kPacked) {
      for (std::size_t i = count_; i-- > 0;) {
        if (timing(i).start <= bound) {
          out = at(i, buf);
          return true;
        }
      }
      return false;
    }
    // Timings are read forward: stop at the first version that started later.
    Timings t(*this);
    if (t.version.start > bound) return false;
    std::size_t i = 0;
    while (i + 1 < count_ && t.next_starts_by(bound)) ++i;
    out.start = t.version.start;
    out.end = t.version.end;
    out.tombstone = t.version.tombstone;
    out.payload = payload(i, buf);
    return true;
  }
  /// Whether appending a version with a payload of `payload_bytes` keeps the
  /// run within its limits (an empty run takes any one version).
  bool has_room_for(std::size_t payload_bytes) const;
  std::string_view raw() const { return raw_; }

 private:
  // Walks a packed run's timings, version after version.
  struct Timings {
    explicit Timings(const VersionRun& run)
        : p(run.raw_.data() + packed_layout::timings_at(run.count_)), end(run.raw_.data() + run.raw_.size()) {
      version.start = run.first_start_;
      read_span();
    }
    void next() {
      version.start += read_varint(p, end);
      read_span();
    }
    /// Moves to the next version if it started by `bound`; else stays.
    bool next_starts_by(Scn bound) {
      const Scn start = version.start + read_varint(p, end);
      if (start > bound) return false;
      version.start = start;
      read_span();
      return true;
    }
    void read_span() {
      const std::uint64_t span = read_varint(p, end);
      version.end = version.start + (span >> 1);
      version.tombstone = (span & 1) != 0;
    }
    const char* p;
    const char* end;
    HistoryVersion version;
  };

  std::size_t packed_offset(std::size_t i) const { return get_u16(raw_, packed_layout::offsets_at() + 2 * i); }
  std::string_view payload(std::size_t i, std::string& buf) const;

  std::string_view raw_;
  Scn first_start_ = 0;  ///< format 1 and packed runs: the first start, from the key
  Layout layout_ = Layout::kFixed;
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
/// order, as one packed run (in the fixed layout when it cannot be packed).
/// `out` must not hold what the versions' payloads view.
void encode_run(std::string& out, std::span<const HistoryVersion> versions);
/// The same in the fixed layout, as builds before packing wrote runs.
void encode_fixed_run(std::string& out, std::span<const HistoryVersion> versions);
/// Writes into `out` the versions of `run` followed by `added`, whose start is
/// after every version of the run.
void append_to_run(std::string& out, const VersionRun& run, const HistoryVersion& added);

}  // namespace heliosdb::storage::format
