#pragma once

#include <cstddef>
#include <string>

namespace heliosdb::server {

/// Bytes read from a client and not taken yet. The connection reads what
/// the socket has (read_some) into it and takes whole messages out, so a
/// read cancelled midway (to deliver a notification) loses nothing, and
/// COPY's data read inside the statement continues from where it stands.
class InputBuffer {
 public:
  std::size_t available() const { return data_.size() - pos_; }
  const char* peek() const { return data_.data() + pos_; }
  void append(const char* bytes, std::size_t n) { data_.append(bytes, n); }
  std::string take(std::size_t n) {
    std::string out = data_.substr(pos_, n);
    pos_ += n;
    if (pos_ == data_.size()) {
      data_.clear();
      pos_ = 0;
    } else if (pos_ > (1u << 16)) {
      data_.erase(0, pos_);
      pos_ = 0;
    }
    return out;
  }

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

}  // namespace heliosdb::server
