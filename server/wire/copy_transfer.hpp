#pragma once

#include <optional>

#include "engine/exec/copy_client.hpp"
#include "protocol/backend_messages.hpp"
#include "protocol/copy_format.hpp"
#include "server/wire/asio.hpp"
#include "server/wire/client_stream.hpp"
#include "server/wire/input_buffer.hpp"

namespace heliosdb::server {

/// COPY FROM STDIN / TO STDOUT over a client connection: CopyInResponse and
/// the CopyData that follow, CopyOutResponse and the rows out. It runs
/// inside the statement, on the connection's strand, so it may use the
/// socket directly (blocking); nothing else touches the socket meanwhile.
class CopyTransfer final : public engine::CopyClient {
 public:
  CopyTransfer(ClientStream& stream, InputBuffer& in, protocol::BackendWriter& out)
      : stream_(stream), in_(in), out_(out) {}

  void begin_copy_in(const std::string& relation, const engine::CopyOptions& options,
                     const std::vector<engine::ResultColumn>& columns) override;
  bool next_row(engine::Row& row) override;
  std::string context() const override { return decoder_->context(); }
  void begin_copy_out(const engine::CopyOptions& options, const std::vector<engine::ResultColumn>& columns) override;
  void write_row(const engine::Row& row) override;
  void end_copy_out() override;

  /// The client went away during a COPY: the connection is to close.
  bool lost() const { return lost_; }

 private:
  /// Sends what is buffered. Throws DbError 08006 if the client is gone.
  void send();
  /// Reads CopyData into the decoder until CopyDone; false at CopyDone.
  bool receive();
  /// Blocks until `n` bytes are buffered. Throws DbError 08006 if the client is gone.
  void fill(std::size_t n);

  ClientStream& stream_;
  InputBuffer& in_;
  protocol::BackendWriter& out_;
  std::optional<protocol::CopyDecoder> decoder_;
  std::optional<protocol::CopyEncoder> encoder_;
  bool copy_done_ = false;  ///< CopyDone came: no more messages belong to this COPY
  bool lost_ = false;
  std::string row_;
};

}  // namespace heliosdb::server
