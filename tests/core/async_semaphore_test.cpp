#include "run/async_semaphore.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <string>
#include <vector>

namespace modelcompare::run {
namespace {

namespace asio = boost::asio;

// Lets the other ready handlers run before this coroutine goes on.
asio::awaitable<void> yield_once() {
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
}

TEST(AsyncSemaphore, HoldsAtMostItsCapacityAndServesWaitersInOrder) {
  asio::io_context io;
  AsyncSemaphore slots(io.get_executor(), 2);
  int holding = 0, most = 0;
  std::vector<int> order;
  for (int i = 0; i < 6; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          co_await slots.acquire();
          order.push_back(i);
          most = std::max(most, ++holding);
          for (int round = 0; round < 3; ++round) co_await yield_once();
          --holding;
          slots.release();
        },
        asio::detached);
  }
  io.run();
  EXPECT_EQ(most, 2);
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(slots.available(), 2u);
  EXPECT_EQ(slots.waiting(), 0u);
}

TEST(AsyncSemaphore, AReleasedSlotResumesItsWaiterBeforeQueuedHandlers) {
  asio::io_context io;
  AsyncSemaphore slots(io.get_executor(), 1);
  std::vector<std::string> events;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await slots.acquire();
        co_await yield_once();  // the waiter below is waiting now
        EXPECT_EQ(slots.waiting(), 1u);
        asio::post(io, [&] { events.push_back("handler queued before the release"); });
        slots.release();
        events.push_back("release returned");
      },
      asio::detached);
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await slots.acquire();
        events.push_back("waiter resumed");
        slots.release();
      },
      asio::detached);
  io.run();
  EXPECT_EQ(events, (std::vector<std::string>{"waiter resumed", "release returned",
                                              "handler queued before the release"}));
  EXPECT_EQ(slots.available(), 1u);
}

TEST(AsyncSemaphore, AFreeSlotIsTakenWithoutWaiting) {
  asio::io_context io;
  AsyncSemaphore slots(io.get_executor(), 1);
  std::vector<std::string> events;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        asio::post(io, [&] { events.push_back("queued handler"); });
        co_await slots.acquire();
        events.push_back("acquired");
        EXPECT_EQ(slots.available(), 0u);
        slots.release();
      },
      asio::detached);
  io.run();
  EXPECT_EQ(events, (std::vector<std::string>{"acquired", "queued handler"}));
}

}  // namespace
}  // namespace modelcompare::run
