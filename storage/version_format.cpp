#include "storage/version_format.hpp"

#include <cassert>
#include <cstring>

namespace heliosdb::storage::format {

// Big-endian, appended at once: each committed key takes several.
void put_u32(std::string& out, std::uint32_t v) {
  char buf[4];
  for (int i = 3; i >= 0; --i, v >>= 8) buf[i] = static_cast<char>(v & 0xff);
  out.append(buf, 4);
}

void put_u64(std::string& out, std::uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; --i, v >>= 8) buf[i] = static_cast<char>(v & 0xff);
  out.append(buf, 8);
}

std::string u64_bytes(std::uint64_t v) {
  std::string out;
  put_u64(out, v);
  return out;
}

std::string branch_prefix(BranchId branch) {
  std::string out;
  put_u32(out, branch);
  return out;
}

std::string current_key(BranchId branch, std::string_view user_key) {
  std::string out;
  out.reserve(kBranchBytes + user_key.size());
  put_u32(out, branch);
  out.append(user_key);
  return out;
}

void encode_version_into(std::string& out, Scn scn, bool tombstone, std::string_view payload) {
  out.clear();
  out.reserve(1 + kScnBytes + payload.size());
  out.push_back(tombstone ? 1 : 0);
  put_u64(out, scn);
  out.append(payload);
}

void append_escaped(std::string& out, std::string_view user_key) {
  for (char c : user_key) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xff');
  }
  out.push_back('\0');
  out.push_back('\0');
}

std::string unescape(std::string_view escaped) {
  std::string out;
  unescape_into(out, escaped);
  return out;
}

void unescape_into(std::string& out, std::string_view escaped) {
  out.clear();
  // Copies the runs between zero bytes whole: big-endian integers in keys
  // are mostly zeros and ordinary bytes, rarely both interleaved finely.
  for (;;) {
    const void* zero = std::memchr(escaped.data(), '\0', escaped.size());
    const std::size_t run = zero == nullptr ? escaped.size() : static_cast<const char*>(zero) - escaped.data();
    out.append(escaped.data(), run);
    if (run + 1 >= escaped.size() || escaped[run + 1] != '\xff') return;  // the terminator, or the end
    out.push_back('\0');
    escaped.remove_prefix(run + 2);
  }
}

int compare_escaped(std::string_view escaped, std::string_view plain) {
  // Pointer walk: an AS OF scan compares a history key with a current one per row.
  const auto* e = reinterpret_cast<const unsigned char*>(escaped.data());
  const auto* p = reinterpret_cast<const unsigned char*>(plain.data());
  const auto* const p_end = p + plain.size();
  for (; p != p_end; ++p, ++e) {
    if (*e != *p) return *e < *p ? -1 : 1;   // escaped's 0 (an escape or the terminator) sorts first either way
    if (*p == 0 && *++e != 0xff) return -1;  // both 0: escaped's is the terminator, so it is a prefix
  }
  // Plain is used up: equal if escaped is at its terminator, else escaped is longer.
  return e[0] == 0 && e[1] == 0 ? 0 : 1;
}

std::string history_prefix(BranchId branch, std::string_view user_key) {
  std::string out;
  out.reserve(kBranchBytes + user_key.size() + 2 + kScnBytes);
  put_u32(out, branch);
  append_escaped(out, user_key);
  return out;
}

std::string history_key(BranchId branch, std::string_view user_key, Scn start) {
  std::string out = history_prefix(branch, user_key);
  put_u64(out, start);
  return out;
}

std::string change_prefix(BranchId branch, Scn scn) {
  std::string out;
  put_u32(out, branch);
  put_u64(out, scn);
  return out;
}

std::string change_key(BranchId branch, Scn scn, std::string_view user_key) {
  std::string out = change_prefix(branch, scn);
  out.append(user_key);
  return out;
}

std::string encode_commit(const CommitRecord& record) {
  std::string out;
  put_u64(out, record.txid);
  put_u64(out, static_cast<std::uint64_t>(record.time));
  put_u32(out, record.branch);
  return out;
}

CommitRecord decode_commit(Scn scn, std::string_view raw) {
  return CommitRecord{scn, get_u64(raw, 0), static_cast<UnixMicros>(get_u64(raw, 8)), get_u32(raw, 16)};
}

std::string encode_branch(const BranchRecord& record) {
  const BranchInfo& info = record.info;
  assert(info.name.size() < kBranchRetiredFlag);
  std::string out;
  put_u32(out, info.parent);
  put_u64(out, info.fork_scn);
  put_u64(out, static_cast<std::uint64_t>(info.created));
  put_u32(out, static_cast<std::uint32_t>(info.name.size()) | (record.retired ? kBranchRetiredFlag : 0));
  out.append(info.name);
  out.append(info.options);
  return out;
}

BranchRecord decode_branch(BranchId id, std::string_view raw) {
  BranchRecord record;
  BranchInfo& info = record.info;
  info.id = id;
  info.parent = get_u32(raw, 0);
  info.fork_scn = get_u64(raw, 4);
  info.created = static_cast<UnixMicros>(get_u64(raw, 12));
  std::uint32_t word = get_u32(raw, 20);
  record.retired = (word & kBranchRetiredFlag) != 0;
  std::uint32_t name_len = word & ~kBranchRetiredFlag;
  info.name = std::string(raw.substr(24, name_len));
  info.options = std::string(raw.substr(24 + name_len));
  return record;
}

}  // namespace heliosdb::storage::format
