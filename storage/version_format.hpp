#pragma once

// Byte layouts of everything the store keeps in LMDB. One place, so the
// reader, the writer and compaction agree on them.
//
//   current   key  branch(4) | user key                       value  flags(1) | start SCN(8) | payload
//   history   key  branch(4) | escaped user key | start SCN(8) value  a run of versions (version_run.hpp)
//   changes   key  branch(4) | SCN(8) | user key              value  change kind(1)
//   commits   key  SCN(8)                                     value  txid(8) | time(8) | branch(4)
//   commit_times key time(8) -> SCN(8);  commit_txids key txid(8) -> SCN(8)
//   branches  key  id(4)   value parent(4) | fork SCN(8) | created(8) | flags+name length(4) | name | options
//   branch_names key name -> id(4);  meta key name -> u64
//
// The branch record's fourth field holds the name length in its low 31 bits
// and kBranchRetiredFlag in its top bit: records written before retirement
// existed have the bit clear and so decode as live branches.
//
// Integers are big-endian so that memcmp order is numeric order. The user key
// is escaped in history (0x00 -> 0x00 0xFF, then 0x00 0x00) so that all
// versions of one key are adjacent and keys keep their order.

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "storage/types.hpp"

namespace heliosdb::storage::format {

void put_u32(std::string& out, std::uint32_t v);
void put_u64(std::string& out, std::uint64_t v);
// Inline: history scans read several per stored version.
inline std::uint16_t get_u16(std::string_view in, std::size_t offset) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(in[offset]) << 8 |
                                    static_cast<unsigned char>(in[offset + 1]));
}
inline std::uint32_t get_u32(std::string_view in, std::size_t offset) {
  std::uint32_t v = 0;
  std::memcpy(&v, in.data() + offset, sizeof v);
  return std::endian::native == std::endian::little ? __builtin_bswap32(v) : v;
}
inline std::uint64_t get_u64(std::string_view in, std::size_t offset) {
  std::uint64_t v = 0;
  std::memcpy(&v, in.data() + offset, sizeof v);
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}
std::string u64_bytes(std::uint64_t v);

inline constexpr std::size_t kBranchBytes = 4;
inline constexpr std::size_t kScnBytes = 8;

std::string branch_prefix(BranchId branch);
inline BranchId key_branch(std::string_view raw_key) { return get_u32(raw_key, 0); }

// --- current ---------------------------------------------------------------
std::string current_key(BranchId branch, std::string_view user_key);
inline std::string_view current_user_key(std::string_view raw) { return raw.substr(kBranchBytes); }

/// A version as stored: a value, or a tombstone that hides a parent's value.
struct StoredVersion {
  Scn scn = 0;  ///< start SCN for current versions, end SCN for format 1's history entries
  bool tombstone = false;
  std::string_view payload;
};
/// Into `out` (replacing what it held): a commit of many rows reuses one buffer.
void encode_version_into(std::string& out, Scn scn, bool tombstone, std::string_view payload);
inline StoredVersion decode_version(std::string_view raw) {
  return StoredVersion{get_u64(raw, 1), (raw[0] & 1) != 0, raw.substr(1 + kScnBytes)};
}

// --- history ---------------------------------------------------------------
void append_escaped(std::string& out, std::string_view user_key);
std::string unescape(std::string_view escaped_with_terminator);
/// The same into `out` (replacing what it held), so a scan reuses one buffer.
void unescape_into(std::string& out, std::string_view escaped_with_terminator);
/// Compares an escaped key (with its terminator) with a plain one, as their
/// plain forms compare (<0, 0, >0), without unescaping: a history scan orders
/// each run against the current entry this way.
int compare_escaped(std::string_view escaped, std::string_view plain);
/// The escaped user key of a history key, terminator included.
inline std::string_view history_escaped_key(std::string_view raw) {
  return raw.substr(kBranchBytes, raw.size() - kBranchBytes - kScnBytes);
}
/// branch | escaped key | start SCN
std::string history_key(BranchId branch, std::string_view user_key, Scn start);
/// branch | escaped key: the common prefix of every version of one key.
std::string history_prefix(BranchId branch, std::string_view user_key);
/// The part of a history key that identifies the user key (branch + escaped key).
inline std::string_view history_key_group(std::string_view raw) { return raw.substr(0, raw.size() - kScnBytes); }
inline Scn history_key_start(std::string_view raw) { return get_u64(raw, raw.size() - kScnBytes); }
inline std::string history_user_key(std::string_view raw) {
  return unescape(raw.substr(kBranchBytes, raw.size() - kBranchBytes - kScnBytes));
}
inline void history_user_key_into(std::string& out, std::string_view raw) {
  unescape_into(out, raw.substr(kBranchBytes, raw.size() - kBranchBytes - kScnBytes));
}

// --- changes ---------------------------------------------------------------
std::string change_key(BranchId branch, Scn scn, std::string_view user_key);
std::string change_prefix(BranchId branch, Scn scn);
inline Scn change_key_scn(std::string_view raw) { return get_u64(raw, kBranchBytes); }
inline std::string_view change_user_key(std::string_view raw) { return raw.substr(kBranchBytes + kScnBytes); }

// --- commits and branches --------------------------------------------------
std::string encode_commit(const CommitRecord& record);
CommitRecord decode_commit(Scn scn, std::string_view raw);

/// A branch as the branches sub-database keeps it.
struct BranchRecord {
  BranchInfo info;
  /// Dropped while it had branches of its own: its name is free and it can no
  /// longer be used, but its data stays for the descendants that read through
  /// it; it is purged when the last of them is dropped.
  bool retired = false;
};
inline constexpr std::uint32_t kBranchRetiredFlag = std::uint32_t{1} << 31;
std::string encode_branch(const BranchRecord& record);
/// Decodes a record written by encode_branch (or by the format before the
/// retired flag existed: then `retired` is false).
BranchRecord decode_branch(BranchId id, std::string_view raw);

// --- meta keys -------------------------------------------------------------
inline constexpr std::string_view kMetaLastScn = "last_scn";
inline constexpr std::string_view kMetaLastTime = "last_time";
inline constexpr std::string_view kMetaNextTxid = "next_txid";
inline constexpr std::string_view kMetaNextObjectId = "next_object_id";
inline constexpr std::string_view kMetaNextBranch = "next_branch";
inline constexpr std::string_view kMetaFloorScn = "floor_scn";
inline constexpr std::string_view kMetaFormat = "format_version";
/// 2: history values are runs of versions (version_run.hpp); format 1's one
/// version per entry still reads. 3: runs are written packed (format 2's
/// fixed runs still read; a format 2 build would misread packed ones).
inline constexpr std::uint64_t kFormatVersion = 3;

}  // namespace heliosdb::storage::format
