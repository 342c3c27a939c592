#include "engine/session/notification_hub.hpp"

#include "engine/common/db_error.hpp"

namespace heliosdb::engine {

void queue_notification(std::vector<Notification>& queue, std::int32_t sender_pid, const std::string& channel,
                        const std::string& payload) {
  if (channel.empty()) throw DbError(sqlstate::kInvalidParameterValue, "channel name cannot be empty");
  if (channel.size() >= 64) throw DbError(sqlstate::kInvalidParameterValue, "channel name too long");
  if (payload.size() >= 8000) throw DbError(sqlstate::kInvalidParameterValue, "payload string too long");
  queue.push_back({sender_pid, channel, payload});
}

void NotificationHub::listen(Listener* listener, const std::string& channel) {
  std::lock_guard lock(mutex_);
  channels_[channel].insert(listener);
}

void NotificationHub::unlisten(Listener* listener, const std::string& channel) {
  std::lock_guard lock(mutex_);
  auto it = channels_.find(channel);
  if (it == channels_.end()) return;
  it->second.erase(listener);
  if (it->second.empty()) channels_.erase(it);
}

void NotificationHub::unlisten_all(Listener* listener) {
  std::lock_guard lock(mutex_);
  for (auto it = channels_.begin(); it != channels_.end();) {
    it->second.erase(listener);
    it = it->second.empty() ? channels_.erase(it) : std::next(it);
  }
}

void NotificationHub::publish(const std::vector<Notification>& notifications) {
  std::lock_guard lock(mutex_);
  for (const Notification& n : notifications) {
    auto it = channels_.find(n.channel);
    if (it == channels_.end()) continue;
    for (Listener* listener : it->second) listener->deliver(n);
  }
}

}  // namespace heliosdb::engine
