// The rate limiter's gates: requests per minute, tokens per minute, in flight (adaptive).
#include "rate_limiter.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace modelcompare::azure_openai {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Starts `count` requests that each hold their permit for `hold`; returns when each started.
std::vector<Clock::duration> start_times(RateLimiter& limiter, int count, std::int64_t tokens,
                                         std::chrono::milliseconds hold) {
  net::io_context io;
  const auto begin = Clock::now();
  std::vector<Clock::duration> started(count);
  for (int i = 0; i < count; ++i) {
    net::co_spawn(
        io,
        [&, i]() -> net::awaitable<void> {
          auto permit = co_await limiter.acquire(tokens);
          started[i] = Clock::now() - begin;
          net::steady_timer timer(co_await net::this_coro::executor);
          timer.expires_after(hold);
          co_await timer.async_wait(net::use_awaitable);
        },
        net::detached);
  }
  io.run();
  std::sort(started.begin(), started.end());
  return started;
}

TEST(RateLimiter, SpreadsRequestsPerMinuteEvenly) {
  RateLimiter limiter({.rpm = 600, .tpm = 0, .max_in_flight = 10});  // one per 100 ms
  const auto started = start_times(limiter, 4, 1, 0ms);
  EXPECT_LT(started[0], 50ms);
  for (int i = 1; i < 4; ++i) EXPECT_GE(started[i] - started[0], (100ms * i) - 2ms) << i;
}

TEST(RateLimiter, NeverHasMoreThanMaxInFlight) {
  RateLimiter limiter({.rpm = 0, .tpm = 0, .max_in_flight = 2});
  const auto started = start_times(limiter, 4, 1, 150ms);
  // Two start at once; the next two only when those two finish.
  EXPECT_LT(started[1], 100ms);
  EXPECT_GE(started[2], 150ms);
  EXPECT_GE(started[3], 150ms);
  EXPECT_EQ(limiter.in_flight(), 0);
}

TEST(RateLimiter, HoldsRequestsBeyondTheTokenBudgetAndLetsAnOversizedOneGoAlone) {
  RateLimiter limiter({.rpm = 0, .tpm = 1000, .max_in_flight = 10});
  net::io_context io;
  int started = 0;
  for (int i = 0; i < 3; ++i) {
    net::co_spawn(
        io,
        [&]() -> net::awaitable<void> {
          auto permit = co_await limiter.acquire(400);
          ++started;
        },
        net::detached);
  }
  // Two fit in 1000 tokens; the third waits for the 60 s window: stop the loop after 200 ms.
  net::steady_timer stop(io, 200ms);
  stop.async_wait([&](auto) { io.stop(); });
  io.run();
  EXPECT_EQ(started, 2);

  RateLimiter big({.rpm = 0, .tpm = 1000, .max_in_flight = 10});
  net::io_context io2;
  bool went = false;
  net::co_spawn(
      io2,
      [&]() -> net::awaitable<void> {
        auto permit = co_await big.acquire(5000);
        went = true;
      },
      net::detached);
  io2.run();
  EXPECT_TRUE(went);
}

TEST(RateLimiter, HalvesOnRepeated429sAndGrowsBackSlowly) {
  std::vector<std::string> lines;
  RateLimiter limiter({.rpm = 0, .tpm = 0, .max_in_flight = 8},
                      [&](const std::string& line) { lines.push_back(line); });
  limiter.on_throttled();
  EXPECT_EQ(limiter.in_flight_limit(), 8);  // one 429 is not a trend
  limiter.on_throttled();
  EXPECT_EQ(limiter.in_flight_limit(), 4);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "repeated 429s: in-flight limit lowered from 8 to 4");
  for (int i = 0; i < 3; ++i) limiter.on_success();
  EXPECT_EQ(limiter.in_flight_limit(), 4);
  limiter.on_success();  // 4 successes at limit 4
  EXPECT_EQ(limiter.in_flight_limit(), 5);
  for (int i = 0; i < 100; ++i) limiter.on_success();
  EXPECT_EQ(limiter.in_flight_limit(), 8);  // never above max_in_flight
}

}  // namespace
}  // namespace modelcompare::azure_openai
