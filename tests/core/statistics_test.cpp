#include "report/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>

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

// Few distinct values are resampled through their counts, many one pick at a time: both must give
// the bootstrap interval of the mean, about mean +- 1.96 standard errors for a sample this size.
TEST(Statistics, BootstrapIntervalMatchesTheStandardErrorForFewAndManyValues) {
  const auto expect_normal_interval = [](const std::vector<double>& values) {
    const double n = double(values.size());
    double mean = 0, squares = 0;
    for (const double v : values) mean += v / n;
    for (const double v : values) squares += (v - mean) * (v - mean);
    const double half = 1.96 * std::sqrt(squares / n / n);
    const auto interval = mean_with_interval(values);
    ASSERT_TRUE(interval);
    EXPECT_NEAR(interval->low, mean - half, 0.15 * half);
    EXPECT_NEAR(interval->high, mean + half, 0.15 * half);
  };
  std::vector<double> pass_fail, three_levels, continuous;
  for (int i = 0; i < 600; ++i) {
    pass_fail.push_back(i % 10 < 7 ? 1.0 : 0.0);  // two values: counted
    three_levels.push_back(i % 3 == 0 ? 0.0 : i % 3 == 1 ? 0.5 : 1.0);
    continuous.push_back(double((i * 37) % 101) / 100.0);  // 101 values: picked one by one
  }
  expect_normal_interval(pass_fail);
  expect_normal_interval(three_levels);
  expect_normal_interval(continuous);
}

}  // namespace
}  // namespace modelcompare::report
