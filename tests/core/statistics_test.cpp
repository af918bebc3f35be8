#include "report/statistics.hpp"

#include <gtest/gtest.h>

namespace modelcompare::report {
namespace {

TEST(Statistics, PercentilesInterpolateLikeNumpy) {
  EXPECT_EQ(percentile({}, 50), std::nullopt);
  EXPECT_DOUBLE_EQ(*percentile({5}, 99), 5);
  EXPECT_DOUBLE_EQ(*percentile({1, 2, 3, 4}, 50), 2.5);
  EXPECT_DOUBLE_EQ(*percentile({10, 20, 30, 40, 50}, 90), 46);
}

TEST(Statistics, BootstrapIntervalBracketsTheMeanAndIsReproducible) {
  const std::vector<double> scores = {1, 1, 0, 1, 0.5, 1, 0, 1, 1, 0.5};
  const auto a = mean_with_interval(scores);
  const auto b = mean_with_interval(scores);
  ASSERT_TRUE(a);
  EXPECT_DOUBLE_EQ(a->mean, 0.7);
  EXPECT_LT(a->low, a->mean);
  EXPECT_GT(a->high, a->mean);
  EXPECT_GE(a->low, 0.0);
  EXPECT_LE(a->high, 1.0);
  EXPECT_EQ(a->low, b->low);
  const auto constant = mean_with_interval({0.8, 0.8, 0.8});
  EXPECT_DOUBLE_EQ(constant->low, 0.8);
  EXPECT_DOUBLE_EQ(constant->high, 0.8);
}

}  // namespace
}  // namespace modelcompare::report
