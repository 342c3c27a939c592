#include "storage/version_run.hpp"

#include <algorithm>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <vector>

#include "storage/version_format.hpp"

namespace heliosdb::storage::format {

namespace {

// How version `v` differs from the run's first payload `base`: the bytes they
// share at the front and, of what is left, at the back.
struct Difference {
  std::size_t prefix = 0;
  std::size_t suffix = 0;
};

Difference difference(std::string_view base, std::string_view v) {
  Difference d;
  const std::size_t shorter = std::min(base.size(), v.size());
  d.prefix =
      static_cast<std::size_t>(std::mismatch(base.begin(), base.begin() + shorter, v.begin()).first - base.begin());
  const std::size_t rest = shorter - d.prefix;
  while (d.suffix < rest && base[base.size() - 1 - d.suffix] == v[v.size() - 1 - d.suffix]) ++d.suffix;
  return d;
}

// Appends version `v` as stored after the first: its difference from `base`.
void append_difference(std::string& out, std::string_view base, std::string_view v) {
  const Difference d = difference(base, v);
  put_varint(out, d.prefix);
  put_varint(out, d.suffix);
  out.append(v.substr(d.prefix, v.size() - d.prefix - d.suffix));
}

void put_u16_at(std::string& out, std::size_t at, std::size_t v) {
  out[at] = static_cast<char>(v >> 8);
  out[at + 1] = static_cast<char>(v & 0xff);
}

// Packs the versions into `out`; false if they cannot be (an offset past 16
// bits, or timings out of order), leaving `out` to be overwritten.
bool encode_packed(std::string& out, std::span<const HistoryVersion> versions) {
  using namespace packed_layout;
  const std::size_t count = versions.size();
  out.clear();
  out.push_back(kMarker);
  out.push_back(static_cast<char>(count));
  out.append(2 * count, '\0');
  for (std::size_t i = 0; i < count; ++i) {
    const HistoryVersion& v = versions[i];
    if (v.end < v.start || (v.end - v.start) >> 63 != 0) return false;
    if (i > 0) {
      if (v.start < versions[i - 1].start) return false;
      put_varint(out, v.start - versions[i - 1].start);
    }
    put_varint(out, ((v.end - v.start) << 1) | (v.tombstone ? 1 : 0));
  }
  const std::string_view base = count > 0 ? versions[0].payload : std::string_view{};  // compaction may empty a run
  for (std::size_t i = 0; i < count; ++i) {
    if (out.size() > 0xffff) return false;
    put_u16_at(out, offsets_at() + 2 * i, out.size());
    const std::string_view v = versions[i].payload;
    if (i == 0) {
      out.append(base);
      continue;
    }
    append_difference(out, base, v);
  }
  return true;
}

// Every version of `run` with its payload, the payloads kept in `bufs`.
std::vector<HistoryVersion> all_versions(const VersionRun& run, std::deque<std::string>& bufs) {
  std::vector<HistoryVersion> out;
  out.reserve(run.size() + 1);
  for (std::size_t i = 0; i < run.size(); ++i) out.push_back(run.at(i, bufs.emplace_back()));
  return out;
}

}  // namespace

std::string_view VersionRun::payload(std::size_t i, std::string& buf) const {
  if (layout_ == Layout::kSingle) return decode_version(raw_).payload;
  if (layout_ == Layout::kFixed) {
    using namespace run_layout;
    const std::size_t base = payloads_at(count_);
    const std::size_t from = base + get_u32(raw_, offsets_at(count_) + 4 * i);
    const std::size_t to = i + 1 < count_ ? base + get_u32(raw_, offsets_at(count_) + 4 * (i + 1)) : raw_.size();
    return raw_.substr(from, to - from);
  }
  const auto end_of = [&](std::size_t k) { return k + 1 < count_ ? packed_offset(k + 1) : raw_.size(); };
  const std::size_t base_from = packed_offset(0);
  const std::size_t base_size = end_of(0) - base_from;
  if (i == 0) return raw_.substr(base_from, base_size);
  const char* p = raw_.data() + packed_offset(i);
  const char* end = raw_.data() + end_of(i);
  const std::size_t prefix = read_varint(p, end);
  const std::size_t suffix = read_varint(p, end);
  if (prefix > base_size || suffix > base_size - prefix) throw std::runtime_error("corrupt history run");
  const std::size_t middle = static_cast<std::size_t>(end - p);
  if (prefix == 0 && suffix == 0) return {p, middle};
  // Sized, then filled: a scan rebuilds one payload per row into the same buffer.
  buf.resize(prefix + middle + suffix);
  char* out = buf.data();
  const char* base = raw_.data() + base_from;
  std::memcpy(out, base, prefix);
  std::memcpy(out + prefix, p, middle);
  std::memcpy(out + prefix + middle, base + base_size - suffix, suffix);
  return buf;
}

bool VersionRun::has_room_for(std::size_t payload_bytes) const {
  if (count_ >= kMaxRunVersions) return false;
  return raw_.size() + packed_layout::kMaxPerVersion + payload_bytes <= kMaxRunBytes;
}

std::size_t versions_fitting_run(std::span<const HistoryVersion> versions) {
  std::size_t bytes = packed_layout::kHeader;
  std::size_t n = 0;
  while (n < versions.size() && n < kMaxRunVersions) {
    bytes += packed_layout::kMaxPerVersion + versions[n].payload.size();
    if (n > 0 && bytes > kMaxRunBytes) break;
    ++n;
  }
  return n;
}

void encode_run(std::string& out, std::span<const HistoryVersion> versions) {
  if (!encode_packed(out, versions)) encode_fixed_run(out, versions);
}

void encode_fixed_run(std::string& out, std::span<const HistoryVersion> versions) {
  using namespace run_layout;
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
  using namespace packed_layout;
  if (run.size() >= kMaxRunVersions) throw std::logic_error("append_to_run: the run is full");
  const std::size_t count = run.size();
  const HistoryVersion last = run.timing(count - 1);
  const std::string_view raw = run.raw();
  // A packed run grows in place: its bytes are copied around the new
  // version's offset, timings and difference, with no payload rebuilt.
  if (run.layout() == VersionRun::Layout::kPacked && added.start >= last.start && added.end >= added.start &&
      (added.end - added.start) >> 63 == 0 && raw.size() + kMaxPerVersion + added.payload.size() <= 0xffff) {
    std::string timing;
    put_varint(timing, added.start - last.start);
    put_varint(timing, ((added.end - added.start) << 1) | (added.tombstone ? 1 : 0));
    const std::size_t shift = 2 + timing.size();  // every old payload moves by the new offset and timing
    std::string base_buf;
    const std::string_view base = run.at(0, base_buf).payload;
    out.clear();
    out.reserve(raw.size() + shift + kMaxPerVersion + added.payload.size());
    out.push_back(kMarker);
    out.push_back(static_cast<char>(count + 1));
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t moved = get_u16(raw, offsets_at() + 2 * i) + shift;
      out.push_back(static_cast<char>(moved >> 8));
      out.push_back(static_cast<char>(moved & 0xff));
    }
    out.append(2, '\0');  // the added version's, known once the old payloads are in
    const std::size_t payloads = get_u16(raw, offsets_at());
    out.append(raw.substr(timings_at(count), payloads - timings_at(count)));
    out.append(timing);
    out.append(raw.substr(payloads));
    put_u16_at(out, offsets_at() + 2 * count, out.size());
    append_difference(out, base, added.payload);
    return;
  }
  std::deque<std::string> bufs;
  std::vector<HistoryVersion> versions = all_versions(run, bufs);
  versions.push_back(added);
  encode_run(out, versions);
}

}  // namespace heliosdb::storage::format
