#include "server/wire/copy_transfer.hpp"

#include <cstdio>

#include "engine/common/db_error.hpp"
#include "protocol/wire_format.hpp"

namespace heliosdb::server {

namespace {

constexpr std::size_t kSendThreshold = 64 * 1024;

std::int8_t wire_format(const engine::CopyOptions& options) {
  return options.format == engine::CopyFormat::kBinary ? 1 : 0;
}

}  // namespace

void CopyTransfer::send() {
  if (out_.empty()) return;
  boost::system::error_code ec;
  stream_.write_all(asio::buffer(out_.buffer()), ec);
  out_.clear();
  if (ec) {
    lost_ = true;
    throw engine::DbError(engine::sqlstate::kConnectionFailure, "connection lost during COPY: " + ec.message());
  }
}

void CopyTransfer::fill(std::size_t n) {
  char chunk[16384];
  while (in_.available() < n) {
    boost::system::error_code ec;
    const std::size_t got = stream_.read_some(asio::buffer(chunk), ec);
    if (ec) {
      lost_ = true;
      throw engine::DbError(engine::sqlstate::kConnectionFailure, "connection lost during COPY: " + ec.message());
    }
    in_.append(chunk, got);
  }
}

bool CopyTransfer::receive() {
  for (;;) {
    fill(5);
    const char type = in_.peek()[0];
    const std::uint32_t length = protocol::read_u32(in_.peek() + 1);
    if (length < 4 || length - 4 > protocol::kMaxMessage) {
      lost_ = true;
      throw engine::DbError(engine::sqlstate::kProtocolViolation, "invalid message length during COPY from stdin");
    }
    fill(1 + std::size_t{length});
    in_.take(5);
    const std::string body = in_.take(length - 4);
    switch (type) {
      case 'd':
        decoder_->feed(body);
        return true;
      case 'c':
        copy_done_ = true;
        decoder_->finish();
        return false;
      case 'f': {
        copy_done_ = true;
        const std::string message = body.empty() ? body : body.substr(0, body.size() - 1);
        throw engine::DbError(engine::sqlstate::kQueryCanceled, "COPY from stdin failed: " + message);
      }
      case 'H':
      case 'S':
        continue;  // Flush and Sync mean nothing during COPY; PostgreSQL ignores them too
      default: {
        copy_done_ = true;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(type));
        throw engine::DbError(engine::sqlstate::kProtocolViolation,
                              std::string("unexpected message type ") + hex + " during COPY from stdin");
      }
    }
  }
}

void CopyTransfer::begin_copy_in(const std::string& relation, const engine::CopyOptions& options,
                                 const std::vector<engine::ResultColumn>& columns) {
  decoder_.emplace(relation, options, columns);
  out_.copy_in_response(wire_format(options), columns.size());
  send();
}

bool CopyTransfer::next_row(engine::Row& row) {
  for (;;) {
    if (decoder_->next_row(row)) return true;
    if (decoder_->done()) {
      // After the end marker the client still ends the COPY with CopyDone.
      while (!copy_done_) receive();
      return false;
    }
    receive();
  }
}

void CopyTransfer::begin_copy_out(const engine::CopyOptions& options,
                                  const std::vector<engine::ResultColumn>& columns) {
  encoder_.emplace(options, columns);
  out_.copy_out_response(wire_format(options), columns.size());
  // Binary's file header travels with the first row, as PostgreSQL sends
  // it (psycopg reads them from one CopyData); a header line goes alone.
  row_ = encoder_->start();
  if (options.format != engine::CopyFormat::kBinary && !row_.empty()) {
    out_.copy_data(row_);
    row_.clear();
  }
}

void CopyTransfer::write_row(const engine::Row& row) {
  encoder_->add_row(row, row_);
  out_.copy_data(row_);
  row_.clear();
  if (out_.buffer().size() >= kSendThreshold) send();
}

void CopyTransfer::end_copy_out() {
  if (!row_.empty()) out_.copy_data(row_);  // a binary header with no rows after it
  const std::string end = encoder_->end();
  if (!end.empty()) out_.copy_data(end);
  row_.clear();
  out_.copy_done();
}

}  // namespace heliosdb::server
