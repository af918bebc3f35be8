// Idle keep-alive connections, kept per key (scheme, host, port, proxy) until they go stale.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace modelcompare::http {

template <class Connection>
class IdlePool {
 public:
  using Clock = std::chrono::steady_clock;

  IdlePool(std::size_t max_per_key, std::chrono::milliseconds max_idle)
      : max_per_key_(max_per_key), max_idle_(max_idle) {}

  // The most recently used idle connection for `key` that has not been idle too long, or null.
  std::unique_ptr<Connection> take(const std::string& key, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    auto& stack = it->second;
    while (!stack.empty()) {
      auto entry = std::move(stack.back());
      stack.pop_back();
      if (now - entry.since <= max_idle_) return std::move(entry.connection);
      // Stale: the server has probably closed it; dropping it closes our end.
    }
    return nullptr;
  }

  void put(const std::string& key, std::unique_ptr<Connection> connection, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto& stack = idle_[key];
    if (stack.size() >= max_per_key_) stack.erase(stack.begin());  // drop the oldest
    stack.push_back({std::move(connection), now});
  }

  std::size_t idle_count(const std::string& key) const {
    std::lock_guard lock(mutex_);
    auto it = idle_.find(key);
    return it == idle_.end() ? 0 : it->second.size();
  }

 private:
  struct Entry {
    std::unique_ptr<Connection> connection;
    Clock::time_point since;
  };
  std::size_t max_per_key_;
  std::chrono::milliseconds max_idle_;
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<Entry>> idle_;
};

}  // namespace modelcompare::http
