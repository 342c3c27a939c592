#include "storage/blocking.hpp"

namespace heliosdb::storage {

namespace {
thread_local BlockingObserver* t_observer = nullptr;
}  // namespace

void set_blocking_observer(BlockingObserver* observer) noexcept { t_observer = observer; }

BlockingScope::BlockingScope() noexcept : observer_(t_observer) {
  if (observer_ != nullptr) observer_->begin_blocking();
}

BlockingScope::~BlockingScope() {
  if (observer_ != nullptr) observer_->end_blocking();
}

}  // namespace heliosdb::storage
