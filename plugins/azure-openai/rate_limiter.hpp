// Keeps one deployment's requests within its limits: requests per minute (spread evenly, as
// Azure enforces RPM over 1-10 s windows), tokens per minute (a sliding 60 s window of Azure-style
// estimates) and an in-flight limit that halves on repeated 429s and grows back slowly.
//
// Used from coroutines on one io_context thread (the host's); it holds no lock.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <string>
#include <utility>

namespace modelcompare::azure_openai {

struct RateLimits {
  int rpm = 0;  // 0: unlimited
  std::int64_t tpm = 0;
  int max_in_flight = 4;
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // A slot in flight; giving it up (destruction) lets a waiting request go.
  class Permit {
   public:
    Permit() = default;
    explicit Permit(RateLimiter* owner) : owner_(owner) {}
    Permit(Permit&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)) {}
    Permit& operator=(Permit&& other) noexcept {
      if (this != &other) {
        reset();
        owner_ = std::exchange(other.owner_, nullptr);
      }
      return *this;
    }
    ~Permit() { reset(); }
    void reset() {
      if (owner_) std::exchange(owner_, nullptr)->release();
    }

   private:
    RateLimiter* owner_ = nullptr;
  };

  // `log` receives one line whenever the in-flight limit changes.
  RateLimiter(RateLimits limits, std::function<void(const std::string&)> log = {});

  // Waits until a request of `tokens` estimated tokens may start. A request larger than tpm
  // goes alone once the window is empty rather than never.
  boost::asio::awaitable<Permit> acquire(std::int64_t tokens);

  void on_throttled();  // a 429: two in a row halve the in-flight limit
  void on_success();    // each run of `limit` successes raises it by one, up to max_in_flight

  int in_flight_limit() const { return limit_; }
  int in_flight() const { return in_flight_; }

 private:
  void release();
  void wake_all();

  RateLimits limits_;
  std::function<void(const std::string&)> log_;
  int limit_;
  int in_flight_ = 0;
  int consecutive_throttles_ = 0;
  int successes_since_change_ = 0;
  Clock::time_point next_start_{};
  std::deque<std::pair<Clock::time_point, std::int64_t>> window_;
  std::int64_t window_tokens_ = 0;
  std::list<boost::asio::steady_timer*> waiters_;
};

}  // namespace modelcompare::azure_openai
