#include <gtest/gtest.h>

#include "report/statistics.hpp"

namespace modelcompare::report {
namespace {

TEST(WilsonInterval, MatchesThePublishedFormula) {
  // 93 of 100: Wilson gives [0.8625, 0.9657] (e.g. statsmodels proportion_confint method="wilson").
  const auto rate = wilson_interval(93, 100);
  ASSERT_TRUE(rate);
  EXPECT_DOUBLE_EQ(rate->rate, 0.93);
  EXPECT_NEAR(rate->low, 0.8625, 1e-4);
  EXPECT_NEAR(rate->high, 0.9657, 1e-4);
}

TEST(WilsonInterval, StaysInsideZeroAndOneAtTheEdges) {
  const auto none = wilson_interval(0, 6);
  EXPECT_DOUBLE_EQ(none->low, 0);
  EXPECT_NEAR(none->high, 0.390, 1e-3);
  const auto all = wilson_interval(6, 6);
  EXPECT_NEAR(all->low, 0.610, 1e-3);
  EXPECT_DOUBLE_EQ(all->high, 1);
  EXPECT_EQ(wilson_interval(0, 0), std::nullopt);
  EXPECT_EQ(wilson_interval(3, 2), std::nullopt);
}

TEST(PairedDifference, AConsistentSmallGainIsSignificantWhereUnpairedWouldNotBe) {
  // Case difficulty varies a lot, model A is always 0.05 better: pairing removes the spread.
  std::vector<double> a, b;
  for (int i = 0; i < 20; ++i) {
    b.push_back(0.1 + 0.04 * i);
    a.push_back(b.back() + 0.05);
  }
  const auto d = paired_difference(a, b);
  ASSERT_TRUE(d);
  EXPECT_NEAR(d->mean, 0.05, 1e-12);
  EXPECT_GT(d->low, 0);
  const auto mean_a = mean_with_interval(a);
  const auto mean_b = mean_with_interval(b);
  EXPECT_LT(mean_a->low, mean_b->high);  // the unpaired intervals overlap
}

TEST(PairedDifference, NoiseAroundZeroIncludesZeroAndIsReproducible) {
  const std::vector<double> a = {1, 0, 1, 1, 0, 1, 0, 1};
  const std::vector<double> b = {0, 1, 1, 0, 1, 1, 0, 1};
  const auto first = paired_difference(a, b);
  const auto second = paired_difference(a, b);
  ASSERT_TRUE(first);
  EXPECT_LT(first->low, 0);
  EXPECT_GT(first->high, 0);
  EXPECT_EQ(first->low, second->low);
  EXPECT_EQ(first->high, second->high);
  EXPECT_EQ(paired_difference({1, 2}, {1}), std::nullopt);
  EXPECT_EQ(paired_difference({}, {}), std::nullopt);
}

}  // namespace
}  // namespace modelcompare::report
