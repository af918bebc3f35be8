#include "report/case_tally.hpp"

#include <gtest/gtest.h>

namespace modelcompare::report {
namespace {

store::CaseRecord tallied_answer(const std::string& provider, const std::string& row, int repeat,
                                 int turn, double latency_ms) {
  store::CaseRecord r;
  r.key = {provider, "pie", row, repeat, turn};
  r.latency_ms = latency_ms;
  r.ttft_ms = latency_ms / 4;
  r.usage = {100, 30, 130, 40, std::nullopt};
  r.response = "an answer the tally does not keep";
  r.evaluations = nlohmann::json::array(
      {{{"plugin", "llm-judge"},
        {"score", 1.0},
        {"passed", true},
        {"details", {{"judge", {{"usage", {{"prompt_tokens", 7}, {"completion_tokens", 2}}}}}}}}});
  return r;
}

store::CaseRecord tallied_failure(const std::string& provider, const std::string& row,
                                  store::CaseStatus status) {
  store::CaseRecord r;
  r.key = {provider, "pie", row, 0, 0};
  r.status = status;
  r.retries = 2;
  if (status == store::CaseStatus::error) {
    r.error_kind = "timeout";
    r.error = "no answer within 30 s";
  }
  return r;
}

TEST(CaseTally, CountsPerProviderInTheOrderTheyFirstAppear) {
  auto priced = tallied_answer("b", "row-1", 0, 0, 400);
  priced.cost_usd = 0.25;
  priced.extra = {{"cached", true}};
  const CaseTally tally({priced, tallied_answer("a", "row-1", 0, 0, 200),
                         tallied_answer("b", "row-2", 0, 0, 100),
                         tallied_failure("b", "row-3", store::CaseStatus::error),
                         tallied_failure("b", "row-3", store::CaseStatus::skipped)});
  EXPECT_EQ(tally.cases(), 5u);
  EXPECT_EQ(tally.failures(), 2u);
  ASSERT_EQ(tally.providers().size(), 2u);
  EXPECT_EQ(tally.providers()[0].first, "b");
  EXPECT_EQ(tally.providers()[1].first, "a");
  const ProviderTally& b = tally.providers()[0].second;
  EXPECT_EQ(b.cases, 4u);
  EXPECT_EQ(b.ok, 2u);
  EXPECT_EQ(b.errors, 1u);
  EXPECT_EQ(b.skipped, 1u);
  EXPECT_EQ(b.retries, 4u);
  EXPECT_EQ(b.cached, 1u);
  EXPECT_EQ(b.prompt_tokens, 200);
  EXPECT_EQ(b.completion_tokens, 60);
  EXPECT_EQ(b.total_tokens, 260);
  EXPECT_EQ(b.cached_prompt_tokens, 80);
  EXPECT_EQ(b.judge_prompt_tokens, 14);
  EXPECT_EQ(b.judge_completion_tokens, 4);
  EXPECT_EQ(b.cost_usd, 0.25);
  EXPECT_EQ(b.error_kinds, (std::map<std::string, std::size_t>{{"timeout", 1}}));
  EXPECT_EQ(b.latencies_ms, (std::vector<double>{400, 100}));
  EXPECT_EQ(b.ttfts_ms, (std::vector<double>{100, 25}));
  // 30 tokens over the 300 ms after the first token.
  ASSERT_EQ(b.generated_tokens_per_second.size(), 2u);
  EXPECT_DOUBLE_EQ(b.generated_tokens_per_second[0], 100);
  EXPECT_FALSE(tally.providers()[1].second.cost_usd);  // no case of "a" had a cost
  EXPECT_EQ(tally.scores().values("b", "llm-judge", true), (std::vector<double>{1.0, 1.0, 0.0}));
}

TEST(CaseTally, CaseTurnsAreTheRowsAndTurnsOfAllRepeatsInCaseOrder) {
  const CaseTally tally(
      {tallied_answer("a", "row-2", 1, 1, 1), tallied_answer("a", "row-2", 0, 0, 1),
       tallied_answer("b", "row-1", 0, 0, 1), tallied_answer("a", "row-2", 1, 0, 1),
       tallied_answer("b", "row-3", 2, 0, 1)});
  EXPECT_EQ(tally.case_turn_count(), 4u);  // row-1 t0, row-2 t0, row-2 t1, row-3 t0
  const auto first = tally.first_case_turns(3);
  ASSERT_EQ(first.size(), 3u);
  std::vector<std::pair<std::string, int>> seen;
  for (const auto& turn : first) {
    EXPECT_EQ(turn.repeat, 0);
    seen.emplace_back(turn.case_key, turn.turn);
  }
  EXPECT_EQ(seen,
            (std::vector<std::pair<std::string, int>>{{"row-1", 0}, {"row-2", 0}, {"row-2", 1}}));
  EXPECT_TRUE(tally.first_case_turns(0).empty());
  EXPECT_EQ(tally.first_case_turns(10).size(), 4u);
}

TEST(CaseTally, ListsTheFirstCasesAndFailuresCompact) {
  CaseTally tally;
  for (std::size_t i = 0; i < CaseTally::kListedRows + 20; ++i) {
    tally.add(tallied_answer("a", "row-" + std::to_string(i), 0, 0, 1));
    tally.add(tallied_failure("b", "row-" + std::to_string(i), store::CaseStatus::error));
  }
  EXPECT_EQ(tally.cases(), 2 * (CaseTally::kListedRows + 20));
  EXPECT_EQ(tally.failures(), CaseTally::kListedRows + 20);
  ASSERT_EQ(tally.listed_cases().size(), CaseTally::kListedRows);
  ASSERT_EQ(tally.listed_failures().size(), CaseTally::kListedRows);
  EXPECT_EQ(tally.listed_cases()[0].key.provider, "a");
  EXPECT_EQ(tally.listed_cases()[1].key.provider, "b");
  EXPECT_TRUE(tally.listed_cases()[0].response.empty());
  EXPECT_EQ(tally.listed_failures().back().key.case_key,
            "row-" + std::to_string(CaseTally::kListedRows - 1));
  EXPECT_EQ(tally.listed_failures()[0].error, "no answer within 30 s");
}

}  // namespace
}  // namespace modelcompare::report
