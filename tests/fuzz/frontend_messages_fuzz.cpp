// libFuzzer target for everything a client's bytes reach first: the startup
// packet and each frontend message decoder. A malformed input may only ever
// end in ProtocolViolation - never a crash, an overread or another exception.
// The first byte picks the decoder; the rest is the message body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/frontend_messages.hpp"

using namespace heliosdb::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 6) {
      case 0:
        decode_startup(body);
        break;
      case 1:
        decode_query(body);
        break;
      case 2:
        decode_parse(body);
        break;
      case 3: {
        BindMessage m = decode_bind(body);
        for (std::size_t i = 0; i < m.params.size(); ++i) format_of(m.param_formats, i, m.params.size());
        break;
      }
      case 4:
        decode_target(body);
        break;
      default:
        decode_execute(body);
        break;
    }
  } catch (const ProtocolViolation&) {
    // the one way a bad message may end
  }
  return 0;
}
