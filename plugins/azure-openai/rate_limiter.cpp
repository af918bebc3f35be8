#include "rate_limiter.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace modelcompare::azure_openai {

namespace net = boost::asio;

RateLimiter::RateLimiter(RateLimits limits, std::function<void(const std::string&)> log)
    : limits_(limits), log_(std::move(log)), limit_(std::max(1, limits.max_in_flight)) {}

net::awaitable<RateLimiter::Permit> RateLimiter::acquire(std::int64_t tokens) {
  constexpr auto kWindow = std::chrono::seconds(60);
  for (;;) {
    const auto now = Clock::now();
    while (!window_.empty() && window_.front().first + kWindow <= now) {
      window_tokens_ -= window_.front().second;
      window_.pop_front();
    }
    bool wait_for_release = in_flight_ >= limit_;
    auto wake_at = now;
    if (limits_.rpm > 0 && next_start_ > now) wake_at = std::max(wake_at, next_start_);
    if (limits_.tpm > 0 && !window_.empty() && window_tokens_ + tokens > limits_.tpm)
      wake_at = std::max(wake_at, window_.front().first + kWindow);

    if (!wait_for_release && wake_at <= now) {
      ++in_flight_;
      if (limits_.rpm > 0)
        next_start_ =
            std::max(now, next_start_) +
            std::chrono::duration_cast<Clock::duration>(std::chrono::minutes(1)) / limits_.rpm;
      if (limits_.tpm > 0) {
        window_.emplace_back(now, tokens);
        window_tokens_ += tokens;
      }
      co_return Permit(this);
    }
    net::steady_timer timer(co_await net::this_coro::executor);
    if (wait_for_release && wake_at <= now) {
      timer.expires_at(now + std::chrono::hours(1));  // until a release cancels it
    } else {
      timer.expires_at(wake_at);
    }
    auto it = waiters_.insert(waiters_.end(), &timer);
    co_await timer.async_wait(net::as_tuple(net::use_awaitable));
    waiters_.erase(it);
  }
}

void RateLimiter::release() {
  --in_flight_;
  wake_all();
}

void RateLimiter::wake_all() {
  for (auto* timer : waiters_) timer->cancel();
}

void RateLimiter::on_throttled() {
  successes_since_change_ = 0;
  if (++consecutive_throttles_ < 2 || limit_ == 1) return;
  consecutive_throttles_ = 0;
  const int before = limit_;
  limit_ = std::max(1, limit_ / 2);
  if (log_)
    log_("repeated 429s: in-flight limit lowered from " + std::to_string(before) + " to " +
         std::to_string(limit_));
}

void RateLimiter::on_success() {
  consecutive_throttles_ = 0;
  if (limit_ >= std::max(1, limits_.max_in_flight)) return;
  if (++successes_since_change_ < limit_) return;
  successes_since_change_ = 0;
  ++limit_;
  if (log_) log_("in-flight limit raised to " + std::to_string(limit_));
  wake_all();
}

}  // namespace modelcompare::azure_openai
