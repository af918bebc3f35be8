#include "report/run_summary.hpp"

#include <gtest/gtest.h>

namespace modelcompare::report {
namespace {

store::CaseRecord record(const std::string& provider, int repeat, store::CaseStatus status,
                         double score) {
  store::CaseRecord r;
  r.key = {provider, "s", "s", repeat, 0};
  r.status = status;
  r.latency_ms = 100.0 * (repeat + 1);
  r.usage = {10, 5, 15, std::nullopt, std::nullopt};
  if (status == store::CaseStatus::ok)
    r.evaluations =
        nlohmann::json::array({{{"plugin", "judge"}, {"score", score}, {"passed", score >= 0.5}}});
  else
    r.error_kind = "timeout";
  return r;
}

TEST(RunSummary, ProvidersInConfigOrderWithScoresTokensAndFailures) {
  const std::map<std::string, std::string> info = {
      {"name", "n"},
      {"state", "finished"},
      {"config", R"({"providers": [{"id": "zeta"}, {"id": "alpha"}]})"}};
  const std::vector<store::CaseRecord> cases = {
      record("alpha", 0, store::CaseStatus::ok, 1.0),
      record("alpha", 1, store::CaseStatus::ok, 0.0),
      record("zeta", 0, store::CaseStatus::ok, 1.0),
      record("zeta", 1, store::CaseStatus::error, 0),
  };
  const auto summary = summarize_run(info, CaseTally(cases));
  ASSERT_EQ(summary["providers"].size(), 2u);
  const auto& zeta = summary["providers"][0];
  EXPECT_EQ(zeta["id"], "zeta");
  EXPECT_EQ(zeta["cases"], 2);
  EXPECT_EQ(zeta["errors"], 1);
  EXPECT_EQ(zeta["error_kinds"]["timeout"], 1);
  EXPECT_EQ(zeta["tokens"]["total"], 30);
  EXPECT_EQ(zeta["evaluators"]["judge"]["over_answers"]["mean"], 1.0);
  EXPECT_EQ(zeta["evaluators"]["judge"]["failures_as_zero"]["mean"], 0.5);
  EXPECT_EQ(zeta["latency_ms"]["p50"], 100.0);  // over the answered case only
  const auto& alpha = summary["providers"][1];
  EXPECT_EQ(alpha["evaluators"]["judge"]["pass_rate"], 0.5);
  EXPECT_EQ(alpha["latency_ms"]["p50"], 150.0);
  // No decision rule in the config: the best mean on the first evaluator, and here the two
  // providers score the same on the same cases, which the summary must admit.
  EXPECT_EQ(summary["recommendation"]["rule"]["prefer"], "best");
  EXPECT_EQ(summary["recommendation"]["chosen"], "zeta");
  EXPECT_EQ(summary["recommendation"]["separable"], false);
  ASSERT_EQ(summary["comparisons"].size(), 1u);
  EXPECT_EQ(summary["comparisons"][0]["verdict"], "not separable");
  EXPECT_EQ(summary["comparisons"][0]["n"], 2);
  EXPECT_EQ(alpha["evaluators"]["judge"]["pass_failures_as_zero"]["n"], 2);
  EXPECT_EQ(summary["state"], "finished");
}

}  // namespace
}  // namespace modelcompare::report
