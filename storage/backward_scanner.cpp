#include "storage/backward_scanner.hpp"

#include <algorithm>

#include "storage/transaction.hpp"

namespace heliosdb::storage {

BackwardScanner::BackwardScanner(Transaction& txn, std::string_view begin, std::string_view end)
    : txn_(txn), begin_(begin), end_(end) {}

bool BackwardScanner::read_chunk() {
  chunk_.clear();
  while (chunk_.empty()) {
    if (exhausted_) return false;
    std::string from = txn_.boundary_before(begin_, end_, chunk_size_);
    {
      Scanner scanner = txn_.scan(from, end_);
      while (scanner.next()) chunk_.emplace_back(scanner.key(), scanner.value());
    }
    // The next chunk ends where this one began; a chunk with nothing
    // visible in it (deleted rows) just moves the end down.
    exhausted_ = from == begin_;
    end_ = std::move(from);
    chunk_size_ = std::min<std::size_t>(chunk_size_ * 4, 16384);
  }
  left_ = chunk_.size();
  return true;
}

bool BackwardScanner::next() {
  if (!started_ || left_ == 0) {
    started_ = true;
    if (!read_chunk()) return false;
  }
  --left_;
  return true;
}

}  // namespace heliosdb::storage
