#include "run/utc_time.hpp"

#include <gtest/gtest.h>

namespace modelcompare::run {
namespace {

TEST(UtcTime, FormatsAndParsesBack) {
  const auto t = std::chrono::system_clock::from_time_t(1795824350) + std::chrono::milliseconds(7);
  EXPECT_EQ(iso_utc(t), "2026-11-28T00:05:50.007Z");
  EXPECT_EQ(compact_utc(t), "20261128T000550Z");
  EXPECT_EQ(parse_iso_utc(iso_utc(t)), t);
  EXPECT_THROW(parse_iso_utc("yesterday"), std::invalid_argument);
}

}  // namespace
}  // namespace modelcompare::run
