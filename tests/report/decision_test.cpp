#include "report/decision.hpp"

#include <gtest/gtest.h>

namespace modelcompare::report {
namespace {

Standing standing(const std::string& id, double mean, double low, double high, std::size_t passed,
                  std::size_t n, std::optional<double> cost, double latency = 1000) {
  Standing s;
  s.provider = id;
  s.score = MeanInterval{mean, low, high, n};
  s.pass = wilson_interval(passed, n);
  s.cost_per_case = cost;
  s.latency_p50_ms = latency;
  return s;
}

PairComparison pair(const std::string& a, const std::string& b, double mean, double low,
                    double high, std::size_t n = 100) {
  return {a, b, MeanInterval{mean, low, high, n}};
}

// The issue's example: mini passes 93 %, gpt-4o 97 %, not significantly better at 15x the cost.
TEST(Recommend, CheapestThatMeetsTheMinimumAndSaysTheBetterOneIsNotWorthIt) {
  const std::vector<Standing> standings = {
      standing("gpt-4o", 0.97, 0.92, 0.99, 97, 100, 0.0060),
      standing("gpt-4o-mini", 0.93, 0.87, 0.97, 93, 100, 0.0004)};
  const DecisionRule rule{"code-correctness", 0.8, "cheapest"};
  const auto r = recommend(rule, standings, {pair("gpt-4o", "gpt-4o-mini", 0.04, -0.01, 0.09)});
  ASSERT_TRUE(r.chosen);
  EXPECT_EQ(*r.chosen, "gpt-4o-mini");
  EXPECT_FALSE(r.separable);
  EXPECT_NE(r.rationale.find("gpt-4o-mini passes 93 % [86, 97] of 100 cases"), std::string::npos)
      << r.rationale;
  EXPECT_NE(r.rationale.find("at $0.00040 per case"), std::string::npos) << r.rationale;
  EXPECT_NE(r.rationale.find("gpt-4o passes 97 % [92, 99]"), std::string::npos) << r.rationale;
  EXPECT_NE(r.rationale.find("not significantly better (+0.04 [-0.01, +0.09] over 100 paired "
                             "cases) at 15× the cost"),
            std::string::npos)
      << r.rationale;
  EXPECT_EQ(r.pareto_frontier, (std::vector<std::string>{"gpt-4o", "gpt-4o-mini"}));
}

TEST(Recommend, SaysWhenTheDearerModelIsSignificantlyBetter) {
  const std::vector<Standing> standings = {standing("big", 0.95, 0.9, 0.98, 95, 100, 0.01),
                                           standing("small", 0.82, 0.75, 0.88, 80, 100, 0.001)};
  const auto r =
      recommend({"s", 0.8, "cheapest"}, standings, {pair("small", "big", -0.13, -0.2, -0.07)});
  EXPECT_EQ(*r.chosen, "small");
  EXPECT_TRUE(r.separable);
  EXPECT_NE(r.rationale.find("significantly better (+0.13 [+0.07, +0.20]"), std::string::npos)
      << r.rationale;
  EXPECT_NE(r.rationale.find("small still meets the rule"), std::string::npos) << r.rationale;
}

TEST(Recommend, NamesTheCheaperModelsTheMinimumRuledOut) {
  const auto r = recommend({"s", 0.8, "cheapest"},
                           {standing("good", 1.0, 1.0, 1.0, 6, 6, 0.004),
                            standing("cheap", 0.56, 0.4, 0.7, 2, 6, 0.0001)},
                           {pair("good", "cheap", 0.44, 0.3, 0.6, 6)});
  EXPECT_EQ(*r.chosen, "good");
  EXPECT_NE(r.rationale.find("cheap is cheaper ($0.00010 per case) but its mean s 0.56 [0.40, "
                             "0.70] is below 0.80."),
            std::string::npos)
      << r.rationale;
}

TEST(Recommend, NobodyReachesTheMinimum) {
  const auto r = recommend(
      {"s", 0.9, "cheapest"},
      {standing("a", 0.5, 0.4, 0.6, 5, 10, 0.01), standing("b", 0.7, 0.6, 0.8, 7, 10, 0.02)}, {});
  EXPECT_FALSE(r.chosen);
  EXPECT_EQ(
      r.rationale.rfind("No model reaches the minimum mean s score of 0.90. The best is b", 0), 0u)
      << r.rationale;
}

TEST(Recommend, BestWithTooFewRepeatsSaysSo) {
  const auto r = recommend(
      {"s", std::nullopt, "best"},
      {standing("a", 0.8, 0.5, 1.0, 4, 5, 0.01), standing("b", 0.7, 0.4, 0.9, 3, 5, 0.02)},
      {pair("a", "b", 0.1, -0.2, 0.4, 5)});
  EXPECT_EQ(*r.chosen, "a");
  EXPECT_FALSE(r.separable);
  EXPECT_NE(r.rationale.find("cannot separate a from b: run more repeats"), std::string::npos)
      << r.rationale;
  EXPECT_EQ(r.pareto_frontier, (std::vector<std::string>{"a"}));
}

TEST(Recommend, UnknownPricesFallBackToTheBestScoreAndSaySo) {
  const auto r = recommend({"s", std::nullopt, "cheapest"},
                           {standing("a", 0.6, 0.5, 0.7, 6, 10, std::nullopt),
                            standing("b", 0.9, 0.8, 1.0, 9, 10, std::nullopt)},
                           {pair("a", "b", -0.3, -0.4, -0.2, 10)});
  EXPECT_EQ(*r.chosen, "b");
  EXPECT_NE(r.rationale.find("No price is known"), std::string::npos) << r.rationale;
  EXPECT_NE(r.rationale.find("significantly worse (-0.30 [-0.40, -0.20]"), std::string::npos)
      << r.rationale;
}

TEST(Recommend, FastestPicksTheLowestMedianLatency) {
  const auto r = recommend({"s", 0.5, "fastest"},
                           {standing("slow", 0.9, 0.8, 1.0, 9, 10, 0.01, 3000),
                            standing("quick", 0.8, 0.7, 0.9, 8, 10, 0.01, 900),
                            standing("quicker-but-bad", 0.3, 0.2, 0.4, 3, 10, 0.01, 100)},
                           {});
  EXPECT_EQ(*r.chosen, "quick");
  EXPECT_NE(r.rationale.find("p50 latency is 900 ms"), std::string::npos) << r.rationale;
}

TEST(Recommend, NothingScoredIsNotAChoice) {
  Standing unscored;
  unscored.provider = "a";
  const auto r = recommend({"s", std::nullopt, "best"}, {unscored}, {});
  EXPECT_FALSE(r.chosen);
  EXPECT_EQ(r.rationale, "No answer was scored by s, so there is nothing to decide on.");
}

TEST(ParetoFrontier, DropsModelsBeatenOnBothScoreAndCost) {
  const std::vector<Standing> standings = {standing("dear-good", 0.9, 0, 1, 9, 10, 0.02),
                                           standing("cheap-ok", 0.7, 0, 1, 7, 10, 0.001),
                                           standing("dear-worse", 0.8, 0, 1, 8, 10, 0.03)};
  EXPECT_EQ(pareto_frontier(standings), (std::vector<std::string>{"dear-good", "cheap-ok"}));
}

TEST(DecisionRuleFromConfig, ReadsTheRuleOrFallsBackToBestOnTheFirstEvaluator) {
  const auto rule = decision_rule_from_config(
      nlohmann::json::parse(R"({"decision": {"score": "x", "min": 0.8, "prefer": "fastest"}})"),
      "y");
  EXPECT_EQ(rule.score, "x");
  EXPECT_EQ(*rule.min, 0.8);
  EXPECT_EQ(rule.prefer, "fastest");
  const auto fallback = decision_rule_from_config(nlohmann::json::object(), "y");
  EXPECT_EQ(fallback.score, "y");
  EXPECT_EQ(fallback.prefer, "best");
  EXPECT_FALSE(fallback.min);
}

}  // namespace
}  // namespace modelcompare::report
