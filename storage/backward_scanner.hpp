#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heliosdb::storage {

class Transaction;

/// Iterates a transaction's visible entries in [begin, end) (an empty `end`:
/// no upper bound) in descending key order: what ORDER BY key DESC LIMIT n
/// reads. The range is read from its end a chunk at a time, each chunk by a
/// forward scan (Scanner) from a boundary Transaction::boundary_before
/// finds, so stopping early reads little of a long range, and every entry
/// is seen exactly as a forward scan sees it. Views returned by key() and
/// value() stay valid until the next call to next(); the transaction must
/// not be written to while the scanner is in use.
class BackwardScanner {
 public:
  BackwardScanner(Transaction& txn, std::string_view begin, std::string_view end);
  bool next();
  std::string_view key() const { return chunk_[left_].first; }
  std::string_view value() const { return chunk_[left_].second; }

 private:
  /// Reads the chunk before end_ into chunk_; false when the range is used up.
  bool read_chunk();

  Transaction& txn_;
  std::string begin_;
  std::string end_;  ///< where the unread part of the range ends; empty: unbounded
  bool exhausted_ = false;
  std::size_t chunk_size_ = 64;                             ///< grows, so that a long walk costs few scans
  std::vector<std::pair<std::string, std::string>> chunk_;  ///< ascending
  std::size_t left_ = 0;  ///< chunk_[left_] is the current entry; entries below it are next
  bool started_ = false;
};

}  // namespace heliosdb::storage
