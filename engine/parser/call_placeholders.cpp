#include "engine/parser/call_placeholders.hpp"

#include <algorithm>
#include <cstddef>

namespace heliosdb::engine::parser {

namespace {

bool is_placeholder(const PgQuery__Node* arg, const std::vector<int>& numbers) {
  return arg != nullptr && arg->node_case == PG_QUERY__NODE__NODE_PARAM_REF &&
         std::find(numbers.begin(), numbers.end(), arg->param_ref->number) != numbers.end();
}

void drop_from_call(PgQuery__FuncCall& call, const std::vector<int>& numbers) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < call.n_args; ++i) {
    PgQuery__Node* arg = call.args[i];
    if (is_placeholder(arg, numbers)) {
      // Each node was unpacked on its own: it can be freed on its own.
      protobuf_c_message_free_unpacked(&arg->base, nullptr);
      continue;
    }
    call.args[kept++] = arg;
  }
  call.n_args = kept;
}

// Visits every message under `message` by its descriptor: the tree has some
// 250 node kinds, and a function call may sit under any of them.
void walk(ProtobufCMessage& message, const std::vector<int>& numbers) {
  const ProtobufCMessageDescriptor& d = *message.descriptor;
  if (&d == &pg_query__func_call__descriptor) drop_from_call(reinterpret_cast<PgQuery__FuncCall&>(message), numbers);
  char* base = reinterpret_cast<char*>(&message);
  for (unsigned f = 0; f < d.n_fields; ++f) {
    const ProtobufCFieldDescriptor& field = d.fields[f];
    if (field.type != PROTOBUF_C_TYPE_MESSAGE) continue;
    // Of a oneof (Node's kinds) only the member the case names is set.
    if ((field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0 &&
        *reinterpret_cast<const uint32_t*>(base + field.quantifier_offset) != field.id) {
      continue;
    }
    if (field.label == PROTOBUF_C_LABEL_REPEATED) {
      const std::size_t count = *reinterpret_cast<const std::size_t*>(base + field.quantifier_offset);
      ProtobufCMessage** items = *reinterpret_cast<ProtobufCMessage***>(base + field.offset);
      for (std::size_t i = 0; i < count; ++i) {
        if (items[i] != nullptr) walk(*items[i], numbers);
      }
    } else if (auto* child = *reinterpret_cast<ProtobufCMessage**>(base + field.offset)) {
      walk(*child, numbers);
    }
  }
}

}  // namespace

void drop_call_placeholders(PgQuery__ParseResult& tree, const std::vector<int>& numbers) {
  if (!numbers.empty()) walk(tree.base, numbers);
}

}  // namespace heliosdb::engine::parser
