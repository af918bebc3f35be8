// The metrics request URL: window, timespan format, the deployment $filter and its encoding.
#include "metrics_request.hpp"

#include <gtest/gtest.h>

#include "utc_at.hpp"

namespace modelcompare::azure_monitor {
namespace {

using namespace std::chrono_literals;

TEST(MetricsRequest, WindowStartsAMinuteEarlyAndCoversTheLastPartialMinute) {
  sdk::MetricsQuery query;
  query.start = at("2024-05-01T10:02:30Z");
  query.end = at("2024-05-01T10:07:10Z");
  const auto window = metrics_window(query, 60s);
  EXPECT_EQ(timespan(window), "2024-05-01T10:01:00Z/2024-05-01T10:08:00Z");
  query.end = at("2024-05-01T10:07:00Z");
  EXPECT_EQ(timespan(metrics_window(query, 60s)), "2024-05-01T10:01:00Z/2024-05-01T10:07:00Z");
  // Five-minute grains round outwards to whole grains.
  EXPECT_EQ(timespan(metrics_window(query, 300s)), "2024-05-01T10:00:00Z/2024-05-01T10:10:00Z");
}

TEST(MetricsRequest, FilterNamesEachDeploymentOrSplitsByAll) {
  EXPECT_EQ(deployment_filter({"gpt-4o", "gpt-4o-mini"}),
            "ModelDeploymentName eq 'gpt-4o' or ModelDeploymentName eq 'gpt-4o-mini'");
  EXPECT_EQ(deployment_filter({}), "ModelDeploymentName eq '*'");
  EXPECT_EQ(deployment_filter({"o'neil"}), "ModelDeploymentName eq 'o''neil'");
}

TEST(MetricsRequest, EncodesSpacesQuotesAndDoubleEncodesParentheses) {
  EXPECT_EQ(encode_query_value("ModelDeploymentName eq 'gpt-4o'"),
            "ModelDeploymentName%20eq%20%27gpt-4o%27");
  EXPECT_EQ(encode_query_value("a(b)"), "a%2528b%2529");
  EXPECT_EQ(encode_query_value("2024-05-01T10:01:00Z/2024-05-01T10:08:00Z"),
            "2024-05-01T10:01:00Z/2024-05-01T10:08:00Z");
  EXPECT_EQ(encode_query_value("a&b=c+d#e"), "a%26b%3Dc%2Bd%23e");
}

TEST(MetricsRequest, BuildsTheWholeUrl) {
  MonitorOptions options;
  options.resource_id =
      "/subscriptions/sub-1/resourceGroups/lab-rg/providers/Microsoft.CognitiveServices/accounts/"
      "lab";
  sdk::MetricsQuery query;
  query.start = at("2024-05-01T10:02:30Z");
  query.end = at("2024-05-01T10:07:10Z");
  query.deployments = {"gpt-4o", "gpt-4o-mini"};
  EXPECT_EQ(metrics_url(options, query),
            "https://management.azure.com/subscriptions/sub-1/resourceGroups/lab-rg/providers/"
            "Microsoft.CognitiveServices/accounts/lab/providers/Microsoft.Insights/metrics"
            "?api-version=2023-10-01"
            "&metricnames=TokenTransaction,ProcessedPromptTokens,GeneratedTokens,"
            "AzureOpenAIRequests"
            "&timespan=2024-05-01T10:01:00Z/2024-05-01T10:08:00Z&interval=PT1M&aggregation=Total"
            "&$filter=ModelDeploymentName%20eq%20%27gpt-4o%27%20or%20ModelDeploymentName%20eq%20%"
            "27gpt-4o-mini%27&top=10");
  std::vector<std::string> many;
  for (int i = 0; i < 12; ++i) many.push_back("d" + std::to_string(i));
  EXPECT_EQ(series_limit(many), 12u);
  EXPECT_EQ(series_limit({}), 50u);
}

TEST(UtcTimestamp, ReadsWhatAzureWritesAndRefusesTheRest) {
  EXPECT_EQ(format_utc(at("2024-05-01T10:02:30Z")), "2024-05-01T10:02:30Z");
  EXPECT_EQ(at("2024-05-01T10:02:30.5Z") - at("2024-05-01T10:02:30Z"), 500ms);
  EXPECT_EQ(at("2024-05-01T12:02:30+02:00"), at("2024-05-01T10:02:30Z"));
  EXPECT_FALSE(parse_utc("2024-05-01 10:02"));
  EXPECT_FALSE(parse_utc("2024-13-01T10:02:30Z"));
  EXPECT_FALSE(parse_utc("2024-05-01T10:02:30"));
  EXPECT_EQ(floor_to(at("2024-05-01T10:02:30Z"), 60s), at("2024-05-01T10:02:00Z"));
}

}  // namespace
}  // namespace modelcompare::azure_monitor
