// Minute bucketing of our own count (edges, requests crossing a minute, failures and retries,
// skipped cases, shared deployments) and the server's series read into the same shape.
#include "telemetry/usage_timeline.hpp"

#include <gtest/gtest.h>

#include "telemetry/metrics_window.hpp"
#include "utc_at.hpp"

namespace modelcompare::telemetry {
namespace {

using namespace std::chrono_literals;

store::CaseRecord sent(const std::string& provider, const std::string& started,
                       const std::string& finished, int prompt, int generated,
                       store::CaseStatus status = store::CaseStatus::ok, int retries = 0) {
  store::CaseRecord record;
  record.key.provider = provider;
  record.key.scenario = "s";
  record.started_at = started;
  record.finished_at = finished;
  record.usage.prompt_tokens = prompt;
  record.usage.completion_tokens = generated;
  record.status = status;
  record.retries = retries;
  return record;
}

std::string same_name(const std::string& provider) {
  return provider;
}

const DeploymentUsage& deployment(const UsageTimeline& timeline, const std::string& name) {
  for (const auto& one : timeline.deployments)
    if (one.deployment == name) return one;
  throw std::runtime_error("no deployment " + name);
}

TEST(UtcMinute, ParsesWithAndWithoutMillisecondsAndRefusesTheRest) {
  EXPECT_EQ(format_utc(at("2026-11-27T10:00:59.999Z")), "2026-11-27T10:00:59.999Z");
  EXPECT_EQ(format_utc(at("2026-11-27T10:00:59Z")), "2026-11-27T10:00:59.000Z");
  EXPECT_EQ(format_utc(at("2026-11-27T10:00:59.5Z")), "2026-11-27T10:00:59.500Z");
  EXPECT_FALSE(parse_utc("2026-11-27 10:00:59Z"));
  EXPECT_FALSE(parse_utc("2026-11-27T10:00:59.123+01:00"));
  EXPECT_FALSE(parse_utc(""));
  EXPECT_EQ(format_hh_mm(minute_of(at("2026-11-27T23:59:59.999Z"))), "23:59");
}

TEST(LocalUsageTimeline, ACaseCountsInTheMinuteItFinished) {
  const auto timeline = local_usage_timeline(
      {sent("a", "2026-11-27T10:00:10.000Z", "2026-11-27T10:00:59.999Z", 100, 10),
       sent("a", "2026-11-27T10:00:20.000Z", "2026-11-27T10:01:00.000Z", 200, 20),
       // starts in 10:01, ends in 10:02: the tokens arrive in 10:02
       sent("a", "2026-11-27T10:01:50.000Z", "2026-11-27T10:02:05.000Z", 300, 30)},
      same_name);
  ASSERT_EQ(timeline.deployments.size(), 1u);
  const auto& minutes = timeline.deployments[0].minutes;
  ASSERT_EQ(minutes.size(), 3u);
  const auto m10 = minutes.at(at("2026-11-27T10:00:00Z"));
  const auto m11 = minutes.at(at("2026-11-27T10:01:00Z"));
  const auto m12 = minutes.at(at("2026-11-27T10:02:00Z"));
  EXPECT_EQ(*m10.prompt_tokens, 100);
  EXPECT_EQ(*m10.generated_tokens, 10);
  EXPECT_EQ(*m10.total_tokens, 110);
  EXPECT_EQ(*m10.requests, 1);
  EXPECT_EQ(*m11.prompt_tokens, 200);
  EXPECT_EQ(*m12.prompt_tokens, 300);
  EXPECT_EQ(*m12.generated_tokens, 30);
  EXPECT_EQ(timeline.source, "local");
}

TEST(LocalUsageTimeline, IdleMinutesBetweenAndBeforeAreZeros) {
  const auto timeline = local_usage_timeline(
      {sent("a", "2026-11-27T10:00:50.000Z", "2026-11-27T10:01:10.000Z", 5, 1),
       sent("b", "2026-11-27T10:03:00.000Z", "2026-11-27T10:03:30.000Z", 7, 2)},
      same_name);
  // 10:00 (a started) to 10:03 (b finished), for both deployments
  for (const auto& one : timeline.deployments) {
    ASSERT_EQ(one.minutes.size(), 4u) << one.deployment;
    EXPECT_EQ(*one.minutes.at(at("2026-11-27T10:02:00Z")).requests, 0);
    EXPECT_EQ(*one.minutes.at(at("2026-11-27T10:00:00Z")).prompt_tokens, 0);
  }
  EXPECT_EQ(*deployment(timeline, "a").minutes.at(at("2026-11-27T10:01:00Z")).prompt_tokens, 5);
  EXPECT_EQ(*deployment(timeline, "a").minutes.at(at("2026-11-27T10:03:00Z")).prompt_tokens, 0);
  EXPECT_EQ(*deployment(timeline, "b").minutes.at(at("2026-11-27T10:03:00Z")).prompt_tokens, 7);
}

TEST(LocalUsageTimeline, FailuresAndRetriesAreRequestsSkippedCasesAreNot) {
  const auto timeline =
      local_usage_timeline({sent("a", "2026-11-27T10:00:01.000Z", "2026-11-27T10:00:02.000Z", 50, 5,
                                 store::CaseStatus::ok, 2),  // answered on the third try
                            sent("a", "2026-11-27T10:00:03.000Z", "2026-11-27T10:00:04.000Z", 0, 0,
                                 store::CaseStatus::error, 1),  // two tries, no answer
                            sent("a", "", "", 0, 0, store::CaseStatus::skipped),
                            sent("a", "2026-11-27T10:09:00.000Z", "2026-11-27T10:09:01.000Z", 0, 0,
                                 store::CaseStatus::skipped)},
                           same_name);
  ASSERT_EQ(timeline.deployments.size(), 1u);
  const auto& minutes = timeline.deployments[0].minutes;
  ASSERT_EQ(minutes.size(), 1u);  // the skipped case at 10:09 widens nothing
  const auto& minute = minutes.begin()->second;
  EXPECT_EQ(*minute.requests, 5);         // 3 + 2 tries
  EXPECT_EQ(*minute.failed_requests, 4);  // 2 tries before the answer + both tries of the failure
  EXPECT_EQ(*minute.prompt_tokens, 50);
  const auto totals = usage_totals(timeline.deployments[0]);
  EXPECT_EQ(*totals.requests, 5);
  EXPECT_EQ(*totals.total_tokens, 55);
}

TEST(LocalUsageTimeline, ProvidersOfOneDeploymentAddUp) {
  const auto timeline = local_usage_timeline(
      {sent("fast", "2026-11-27T10:00:01.000Z", "2026-11-27T10:00:02.000Z", 10, 1),
       sent("careful", "2026-11-27T10:00:01.000Z", "2026-11-27T10:00:03.000Z", 20, 2),
       sent("other", "2026-11-27T10:00:01.000Z", "2026-11-27T10:00:03.000Z", 40, 4)},
      [](const std::string& provider) { return provider == "other" ? "gpt-4o-mini" : "gpt-4o"; });
  ASSERT_EQ(timeline.deployments.size(), 2u);
  const auto& shared = deployment(timeline, "gpt-4o");
  EXPECT_EQ(shared.providers, (std::vector<std::string>{"fast", "careful"}));
  EXPECT_EQ(*usage_totals(shared).prompt_tokens, 30);
  EXPECT_EQ(*usage_totals(deployment(timeline, "gpt-4o-mini")).prompt_tokens, 40);
}

TEST(LocalUsageTimeline, NoCasesNoDeployments) {
  EXPECT_TRUE(local_usage_timeline({}, same_name).deployments.empty());
  EXPECT_EQ(to_json(local_usage_timeline({}, same_name)),
            (nlohmann::json{{"source", "local"}, {"deployments", nlohmann::json::array()}}));
}

TEST(ServerUsageTimeline, ReadsTheKnownMetricsAndKeepsNoDataEmpty) {
  const auto t0 = at("2026-11-27T10:00:00Z"), t1 = at("2026-11-27T10:01:00Z");
  std::vector<sdk::MetricSeries> series = {
      {"ProcessedPromptTokens", "gpt-4o", "Count", {{t0, 120.0}, {t1, std::nullopt}}},
      {"GeneratedTokens", "gpt-4o", "Count", {{t0, 12.0}, {t1, std::nullopt}}},
      {"TokenTransaction", "gpt-4o", "Count", {{t0, 132.0}, {t1, 0.0}}},
      {"AzureOpenAIRequests", "gpt-4o", "Count", {{t0, 3.0}}},
      {"AzureOpenAITTLTInMS", "gpt-4o", "MilliSeconds", {{t0, 900.0}}}};
  const auto timeline = server_usage_timeline("azure-monitor", series, {"gpt-4o-mini", "gpt-4o"});
  ASSERT_EQ(timeline.deployments.size(), 2u);
  EXPECT_EQ(timeline.deployments[0].deployment, "gpt-4o-mini");  // asked for, never answered
  EXPECT_TRUE(timeline.deployments[0].minutes.empty());
  const auto& minutes = timeline.deployments[1].minutes;
  EXPECT_EQ(*minutes.at(t0).prompt_tokens, 120);
  EXPECT_EQ(*minutes.at(t0).generated_tokens, 12);
  EXPECT_EQ(*minutes.at(t0).total_tokens, 132);
  EXPECT_EQ(*minutes.at(t0).requests, 3);
  EXPECT_FALSE(minutes.at(t0).failed_requests);  // Azure's series do not say
  EXPECT_FALSE(minutes.at(t1).prompt_tokens);    // no data is not 0
  EXPECT_EQ(*minutes.at(t1).total_tokens, 0);    // a real 0 is
  const auto json = to_json(timeline);
  EXPECT_TRUE(json["deployments"][1]["minutes"][1]["prompt_tokens"].is_null());
  EXPECT_EQ(json["deployments"][1]["minutes"][0]["minute"], "2026-11-27T10:00:00.000Z");
}

TEST(MetricsWindow, FirstStartToLastEndOverTheSentCases) {
  const auto window =
      metrics_window({sent("b", "2026-11-27T10:00:05.000Z", "2026-11-27T10:02:00.000Z", 1, 1),
                      sent("a", "2026-11-27T10:00:01.250Z", "2026-11-27T10:00:03.000Z", 1, 1),
                      sent("c", "2026-11-27T09:00:00.000Z", "2026-11-27T09:00:01.000Z", 0, 0,
                           store::CaseStatus::skipped)},
                     {{"a", "gpt-4o"}});
  ASSERT_TRUE(window);
  EXPECT_EQ(format_utc(window->start), "2026-11-27T10:00:01.250Z");
  EXPECT_EQ(format_utc(window->end), "2026-11-27T10:02:00.000Z");
  EXPECT_EQ(window->deployments, (std::vector<std::string>{"b", "gpt-4o"}));
  EXPECT_FALSE(metrics_window({sent("c", "", "", 0, 0, store::CaseStatus::skipped)}, {}));
}

}  // namespace
}  // namespace modelcompare::telemetry
