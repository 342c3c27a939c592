#include "storage/version_run.hpp"

#include <array>
#include <stdexcept>

#include "storage/version_format.hpp"

namespace heliosdb::storage::format {

namespace {

constexpr char kRunMarker = '\x80';
constexpr std::size_t kRunHeader = 2;               // marker, count
constexpr std::size_t kPerVersion = 8 + 8 + 1 + 4;  // start, end, flags, payload offset

std::size_t starts_at(std::size_t) { return kRunHeader; }
std::size_t ends_at(std::size_t count) { return kRunHeader + 8 * count; }
std::size_t flags_at(std::size_t count) { return kRunHeader + 16 * count; }
std::size_t offsets_at(std::size_t count) { return kRunHeader + 17 * count; }
std::size_t payloads_at(std::size_t count) { return kRunHeader + kPerVersion * count; }

}  // namespace

VersionRun::VersionRun(std::string_view key, std::string_view value) : raw_(value) {
  if ((static_cast<unsigned char>(value[0]) & 0x80) == 0) {
    legacy_ = true;
    legacy_start_ = history_key_start(key);
    count_ = 1;
  } else {
    count_ = static_cast<unsigned char>(value[1]);
  }
}

Scn VersionRun::start(std::size_t i) const {
  return legacy_ ? legacy_start_ : get_u64(raw_, starts_at(count_) + 8 * i);
}

HistoryVersion VersionRun::at(std::size_t i) const {
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

std::optional<HistoryVersion> VersionRun::started_by(Scn bound) const {
  for (std::size_t i = count_; i-- > 0;) {
    if (start(i) <= bound) return at(i);
  }
  return std::nullopt;
}

bool VersionRun::has_room_for(std::size_t payload_bytes) const {
  if (count_ >= kMaxRunVersions) return false;
  std::size_t payloads = raw_.size() - (legacy_ ? 1 + kScnBytes : payloads_at(count_));
  return payloads_at(count_ + 1) + payloads + payload_bytes <= kMaxRunBytes;
}

void encode_run(std::string& out, std::span<const HistoryVersion> versions) {
  const std::size_t count = versions.size();
  std::size_t payload_bytes = 0;
  for (const HistoryVersion& v : versions) payload_bytes += v.payload.size();
  out.clear();
  out.reserve(payloads_at(count) + payload_bytes);
  out.push_back(kRunMarker);
  out.push_back(static_cast<char>(count));
  for (const HistoryVersion& v : versions) put_u64(out, v.start);
  for (const HistoryVersion& v : versions) put_u64(out, v.end);
  for (const HistoryVersion& v : versions) out.push_back(v.tombstone ? '\1' : '\0');
  std::uint32_t offset = 0;
  for (const HistoryVersion& v : versions) {
    put_u32(out, offset);
    offset += static_cast<std::uint32_t>(v.payload.size());
  }
  for (const HistoryVersion& v : versions) out.append(v.payload);
}

void append_to_run(std::string& out, const VersionRun& run, const HistoryVersion& added) {
  if (run.size() >= kMaxRunVersions) throw std::logic_error("append_to_run: the run is full");
  std::array<HistoryVersion, kMaxRunVersions + 1> versions;
  std::size_t n = 0;
  for (std::size_t i = 0; i < run.size(); ++i) versions[n++] = run.at(i);
  versions[n++] = added;
  encode_run(out, std::span(versions.data(), n));
}

}  // namespace heliosdb::storage::format
