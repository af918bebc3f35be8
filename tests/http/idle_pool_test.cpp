#include "http/idle_pool.hpp"

#include <gtest/gtest.h>

namespace modelcompare::http {
namespace {

using namespace std::chrono_literals;
using Pool = IdlePool<int>;

TEST(IdlePool, ReturnsTheMostRecentConnectionForItsKeyOnly) {
  Pool pool(4, 30s);
  const auto now = Pool::Clock::now();
  pool.put("a", std::make_unique<int>(1), now);
  pool.put("a", std::make_unique<int>(2), now);
  EXPECT_EQ(pool.take("b", now), nullptr);
  EXPECT_EQ(*pool.take("a", now), 2);
  EXPECT_EQ(*pool.take("a", now), 1);
  EXPECT_EQ(pool.take("a", now), nullptr);
}

TEST(IdlePool, DropsConnectionsIdleTooLong) {
  Pool pool(4, 30s);
  const auto then = Pool::Clock::now();
  pool.put("a", std::make_unique<int>(1), then);
  EXPECT_EQ(pool.take("a", then + 31s), nullptr);
  EXPECT_EQ(pool.idle_count("a"), 0u);
}

TEST(IdlePool, KeepsAtMostMaxPerKeyDroppingTheOldest) {
  Pool pool(2, 30s);
  const auto now = Pool::Clock::now();
  for (int i = 1; i <= 3; ++i) pool.put("a", std::make_unique<int>(i), now);
  EXPECT_EQ(pool.idle_count("a"), 2u);
  EXPECT_EQ(*pool.take("a", now), 3);
  EXPECT_EQ(*pool.take("a", now), 2);
}

}  // namespace
}  // namespace modelcompare::http
