#include "mock/case_draw.hpp"

#include <gtest/gtest.h>

namespace modelcompare::mock {
namespace {

sdk::ChatRequest request(std::string provider, std::string scenario, int turn, int repeat) {
  sdk::ChatRequest r;
  r.provider_id = std::move(provider);
  r.scenario_id = std::move(scenario);
  r.case_key = r.scenario_id + "#0";
  r.turn = turn;
  r.repeat = repeat;
  return r;
}

TEST(CaseDraw, SameSeedAndCaseGiveTheSameNumber) {
  const auto r = request("p", "s", 1, 2);
  EXPECT_EQ(case_draw(7, r, "failure"), case_draw(7, r, "failure"));
}

TEST(CaseDraw, EveryPartOfTheIdentityChangesTheNumber) {
  const auto base = request("p", "s", 1, 2);
  const double value = case_draw(7, base, "failure");
  EXPECT_NE(value, case_draw(8, base, "failure"));
  EXPECT_NE(value, case_draw(7, base, "latency"));
  EXPECT_NE(value, case_draw(7, request("q", "s", 1, 2), "failure"));
  EXPECT_NE(value, case_draw(7, request("p", "t", 1, 2), "failure"));
  EXPECT_NE(value, case_draw(7, request("p", "s", 0, 2), "failure"));
  EXPECT_NE(value, case_draw(7, request("p", "s", 1, 0), "failure"));
  auto other_key = base;
  other_key.case_key = "s#1";
  EXPECT_NE(value, case_draw(7, other_key, "failure"));
}

TEST(CaseDraw, NumbersAreSpreadOverTheUnitInterval) {
  constexpr int kCount = 20000;
  int buckets[10] = {};
  double sum = 0;
  for (int i = 0; i < kCount; ++i) {
    const double value = case_draw(1, request("p", "s", i % 7, i), "failure");
    ASSERT_GE(value, 0.0);
    ASSERT_LT(value, 1.0);
    sum += value;
    ++buckets[static_cast<int>(value * 10)];
  }
  EXPECT_NEAR(sum / kCount, 0.5, 0.02);
  for (int count : buckets) EXPECT_NEAR(count, kCount / 10, kCount / 50);
}

}  // namespace
}  // namespace modelcompare::mock
