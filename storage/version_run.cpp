#include "storage/version_run.hpp"

#include <array>
#include <stdexcept>

#include "storage/version_format.hpp"

namespace heliosdb::storage::format {

using namespace run_layout;

bool VersionRun::has_room_for(std::size_t payload_bytes) const {
  if (count_ >= kMaxRunVersions) return false;
  std::size_t payloads = raw_.size() - (legacy_ ? 1 + kScnBytes : payloads_at(count_));
  return payloads_at(count_ + 1) + payloads + payload_bytes <= kMaxRunBytes;
}

std::size_t versions_fitting_run(std::span<const HistoryVersion> versions) {
  std::size_t payloads = 0;
  std::size_t n = 0;
  while (n < versions.size() && n < kMaxRunVersions) {
    payloads += versions[n].payload.size();
    if (n > 0 && run_layout::payloads_at(n + 1) + payloads > kMaxRunBytes) break;
    ++n;
  }
  return n;
}

void encode_run(std::string& out, std::span<const HistoryVersion> versions) {
  const std::size_t count = versions.size();
  std::size_t payload_bytes = 0;
  for (const HistoryVersion& v : versions) payload_bytes += v.payload.size();
  out.clear();
  out.reserve(payloads_at(count) + payload_bytes);
  out.push_back(kMarker);
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
