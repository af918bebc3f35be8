#include "report/score_table.hpp"

#include <gtest/gtest.h>

namespace modelcompare::report {
namespace {

store::CaseRecord answered(const std::string& provider, int repeat, int turn,
                           std::vector<std::pair<std::string, double>> scores) {
  store::CaseRecord r;
  r.key = {provider, "pie", "pie", repeat, turn};
  for (const auto& [name, score] : scores)
    r.evaluations.push_back({{"plugin", name}, {"score", score}, {"passed", score >= 0.8}});
  return r;
}

store::CaseRecord failed(const std::string& provider, int repeat, int turn) {
  store::CaseRecord r;
  r.key = {provider, "pie", "pie", repeat, turn};
  r.status = store::CaseStatus::error;
  return r;
}

TEST(ScoreTable, AFailedCaseCountsAsZeroOnlyForTheEvaluatorsOfItsTurn) {
  const ScoreTable table({answered("a", 0, 0, {{"code", 1.0}, {"image", 0.9}}),
                          answered("a", 0, 1, {{"code", 0.5}}), failed("a", 1, 1),
                          answered("b", 1, 1, {{"code", 1.0}})});
  EXPECT_EQ(table.evaluators(), (std::vector<std::string>{"code", "image"}));
  EXPECT_EQ(table.values("a", "code", false), (std::vector<double>{1.0, 0.5}));
  EXPECT_EQ(table.values("a", "code", true), (std::vector<double>{1.0, 0.5, 0.0}));
  EXPECT_EQ(table.values("a", "image", true), (std::vector<double>{0.9}));  // turn 2 has no image
  const auto pass = table.pass_rate("a", "code", true);
  EXPECT_EQ(pass->passed, 1u);
  EXPECT_EQ(pass->n, 3u);
}

TEST(ScoreTable, PairsOnlyTheCasesBothProvidersHave) {
  const ScoreTable table(
      {answered("a", 0, 0, {{"code", 1.0}}), answered("a", 1, 0, {{"code", 0.4}}),
       answered("b", 0, 0, {{"code", 0.6}}), answered("b", 2, 0, {{"code", 1.0}})});
  const auto d = table.paired("a", "b", "code");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->n, 1u);
  EXPECT_NEAR(d->mean, 0.4, 1e-12);
  EXPECT_FALSE(table.paired("a", "nobody", "code"));
}

// The table is filled one case at a time: a failure read before the first score of its turn
// counts as 0 all the same, and the order cases arrive in changes nothing.
TEST(ScoreTable, TheOrderCasesArriveInChangesNothing) {
  const std::vector<store::CaseRecord> in_order = {answered("a", 0, 0, {{"code", 1.0}}),
                                                   answered("b", 0, 0, {{"code", 0.2}}),
                                                   answered("a", 1, 0, {{"code", 0.5}}),
                                                   failed("b", 1, 0),
                                                   failed("a", 2, 0),
                                                   answered("b", 2, 0, {{"code", 0.9}})};
  const std::vector<store::CaseRecord> failures_first = {in_order[4], in_order[3], in_order[5],
                                                         in_order[2], in_order[1], in_order[0]};
  const ScoreTable expected(in_order);
  const ScoreTable table(failures_first);
  for (const std::string provider : {"a", "b"})
    for (bool failures_as_zero : {false, true}) {
      EXPECT_EQ(table.values(provider, "code", failures_as_zero),
                expected.values(provider, "code", failures_as_zero))
          << provider << failures_as_zero;
      EXPECT_EQ(table.pass_rate(provider, "code", failures_as_zero)->n,
                expected.pass_rate(provider, "code", failures_as_zero)->n);
    }
  EXPECT_EQ(table.values("a", "code", true), (std::vector<double>{1.0, 0.5, 0.0}));
  EXPECT_EQ(table.values("b", "code", true), (std::vector<double>{0.2, 0.0, 0.9}));
  const auto d = table.paired("a", "b", "code");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->n, 3u);
  EXPECT_NEAR(d->mean, (0.8 + 0.5 - 0.9) / 3, 1e-12);
  EXPECT_EQ(table.identities().size(), 3u);  // each case once, whatever the provider
}

}  // namespace
}  // namespace modelcompare::report
