#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace heliosdb::engine {

/// A NOTIFY as listeners receive it (NotificationResponse).
struct Notification {
  std::int32_t sender_pid = 0;
  std::string channel;
  std::string payload;
};

/// Adds a NOTIFY to a transaction's queue after PostgreSQL's checks (22023
/// for an empty or too long channel name or a payload of 8000 bytes or more).
void queue_notification(std::vector<Notification>& queue, std::int32_t sender_pid, const std::string& channel,
                        const std::string& payload);

/// LISTEN/NOTIFY across the sessions of one database: committed NOTIFYs go
/// to every session listening on the channel, in commit order.
/// Thread-safe; a listener must stop listening (unlisten_all) before it goes.
class NotificationHub {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    /// Called on the committing session's thread, with the hub locked:
    /// queue it and return.
    virtual void deliver(const Notification& notification) = 0;
  };

  void listen(Listener* listener, const std::string& channel);
  void unlisten(Listener* listener, const std::string& channel);
  void unlisten_all(Listener* listener);
  /// One committed transaction's notifications.
  void publish(const std::vector<Notification>& notifications);

 private:
  std::mutex mutex_;
  std::map<std::string, std::set<Listener*>> channels_;
};

}  // namespace heliosdb::engine
