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
  asio::write(socket_, asio::buffer(out_.buffer()), ec);
  out_.clear();
  if (ec) {
    lost_ = true;
    throw engine::DbError(engine::sqlstate::kConnectionFailure, "connection lost during COPY: " + ec.message());
  }
}

bool CopyTransfer::receive() {
  for (;;) {
    char header[5];
    boost::system::error_code ec;
    asio::read(socket_, asio::buffer(header, sizeof header), ec);
    std::string body;
    if (!ec) {
      const std::uint32_t length = protocol::read_u32(header + 1);
      if (length < 4 || length - 4 > protocol::kMaxMessage) {
        lost_ = true;
        throw engine::DbError(engine::sqlstate::kProtocolViolation, "invalid message length during COPY from stdin");
      }
      body.resize(length - 4);
      asio::read(socket_, asio::buffer(body), ec);
    }
    if (ec) {
      lost_ = true;
      throw engine::DbError(engine::sqlstate::kConnectionFailure, "connection lost during COPY: " + ec.message());
    }
    switch (header[0]) {
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
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(header[0]));
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
