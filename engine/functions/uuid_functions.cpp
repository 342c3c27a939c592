// gen_random_uuid() (PostgreSQL 13+ has it built in, as pgcrypto did before).
#include "engine/functions/function_registry.hpp"
#include "engine/types/uuid.hpp"

namespace heliosdb::engine {

namespace {

Value gen_random_uuid(const std::vector<Value>&) { return random_uuid(); }

}  // namespace

void register_uuid_functions(FunctionRegistry& r) {
  r.add("gen_random_uuid", {{}, {TypeId::kUuid, -1}, gen_random_uuid});
}

}  // namespace heliosdb::engine
