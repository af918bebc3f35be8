// Reading Azure Monitor's answers: the spec's example shapes, "no data" points, per-metric errors,
// both error body shapes, Retry-After.
#include "metrics_response.hpp"

#include <gtest/gtest.h>

#include "arm_error.hpp"
#include "retry_after.hpp"
#include "utc_timestamp.hpp"

namespace modelcompare::azure_monitor {
namespace {

using namespace std::chrono_literals;

// The shape of the 2023-10-01 spec's GetMetric example, for a Cognitive Services account split by
// deployment; dimension names come back lower-cased and the second minute has no total.
constexpr const char* kSplitAnswer = R"({
  "cost": 0,
  "timespan": "2024-05-01T10:01:00Z/2024-05-01T10:04:00Z",
  "interval": "PT1M",
  "namespace": "Microsoft.CognitiveServices/accounts",
  "resourceregion": "swedencentral",
  "value": [
    {
      "id": "/subscriptions/sub-1/resourceGroups/lab-rg/providers/Microsoft.CognitiveServices/accounts/lab/providers/Microsoft.Insights/metrics/TokenTransaction",
      "type": "Microsoft.Insights/metrics",
      "name": {"value": "TokenTransaction", "localizedValue": "Processed Inference Tokens"},
      "displayDescription": "Number of inference tokens processed on an OpenAI model.",
      "unit": "Count",
      "timeseries": [
        {"metadatavalues": [{"name": {"value": "modeldeploymentname", "localizedValue": "modeldeploymentname"}, "value": "gpt-4o"}],
         "data": [{"timeStamp": "2024-05-01T10:01:00Z", "total": 1520.0},
                  {"timeStamp": "2024-05-01T10:02:00Z"},
                  {"timeStamp": "2024-05-01T10:03:00Z", "total": 0.0}]},
        {"metadatavalues": [{"name": {"value": "ModelDeploymentName", "localizedValue": "ModelDeploymentName"}, "value": "gpt-4o-mini"}],
         "data": [{"timeStamp": "2024-05-01T10:01:00Z", "total": 980.0}]}
      ],
      "errorCode": "Success"
    },
    {
      "id": "/subscriptions/sub-1/.../metrics/GeneratedTokens",
      "type": "Microsoft.Insights/metrics",
      "name": {"value": "GeneratedTokens", "localizedValue": "Generated Completion Tokens"},
      "unit": "Count",
      "timeseries": []
    }
  ]
})";

TEST(MetricsResponse, SplitsSeriesPerDeploymentAndKeepsNoDataPointsEmpty) {
  const auto answer = parse_metrics_answer(kSplitAnswer, "Total");
  EXPECT_TRUE(answer.failures.empty());
  ASSERT_EQ(answer.series.size(), 2u);  // GeneratedTokens had no matching series
  const auto& first = answer.series[0];
  EXPECT_EQ(first.metric, "TokenTransaction");
  EXPECT_EQ(first.deployment, "gpt-4o");
  EXPECT_EQ(first.unit, "Count");
  ASSERT_EQ(first.points.size(), 3u);
  EXPECT_EQ(first.points[0].time, parse_utc("2024-05-01T10:01:00Z").value());
  EXPECT_EQ(first.points[0].value, 1520.0);
  EXPECT_FALSE(first.points[1].value.has_value());  // only a timeStamp: no data
  EXPECT_EQ(first.points[2].value, 0.0);            // a real zero stays a zero
  EXPECT_EQ(answer.series[1].deployment, "gpt-4o-mini");
  EXPECT_EQ(answer.series[1].points.at(0).value, 980.0);
}

TEST(MetricsResponse, ReadsTheAggregationAskedFor) {
  const auto answer = parse_metrics_answer(
      R"({"value":[{"name":{"value":"AzureOpenAITTLTInMS"},"unit":"MilliSeconds","timeseries":[{"data":[{"timeStamp":"2024-05-01T10:01:00Z","average":812.5,"total":1625}]}]}]})",
      "Average");
  ASSERT_EQ(answer.series.size(), 1u);
  EXPECT_EQ(answer.series[0].deployment, "");
  EXPECT_EQ(answer.series[0].points.at(0).value, 812.5);
}

// The spec's GetMetricError example: one metric failed inside a 200, the other is fine.
TEST(MetricsResponse, CollectsPerMetricErrorsInsideA200) {
  const auto answer = parse_metrics_answer(R"({
    "cost": 0, "timespan": "2021-06-07T21:51:39Z/2021-06-08T01:51:39Z", "interval": "PT4H",
    "value": [
      {"id": "/.../MongoRequestsCount", "type": "Microsoft.Insights/metrics",
       "name": {"value": "MongoRequestsCount", "localizedValue": "Mongo Request Count"},
       "unit": "CountPerSecond", "timeseries": [],
       "errorCode": "InvalidSamplingType",
       "errorMessage": "Sampling type is not found. Invalid sampling type is: average. The supported sampling types are: Count"},
      {"id": "/.../MongoRequests", "type": "Microsoft.Insights/metrics",
       "name": {"value": "MongoRequests", "localizedValue": "Mongo Requests"}, "unit": "Count",
       "timeseries": [{"metadatavalues": [], "data": [{"timeStamp": "2021-06-07T21:51:00Z", "average": 2}]}],
       "errorCode": "Success"}]})",
                                           "Average");
  ASSERT_EQ(answer.failures.size(), 1u);
  EXPECT_EQ(answer.failures[0].metric, "MongoRequestsCount");
  EXPECT_EQ(answer.failures[0].code, "InvalidSamplingType");
  EXPECT_EQ(answer.failures[0].message,
            "Sampling type is not found. Invalid sampling type is: average. The supported "
            "sampling types are: Count");
  ASSERT_EQ(answer.series.size(), 1u);
  EXPECT_EQ(answer.series[0].metric, "MongoRequests");
}

TEST(MetricsResponse, SaysWhatIsMalformed) {
  auto message = [](const char* body) {
    try {
      parse_metrics_answer(body, "Total");
    } catch (const std::runtime_error& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(R"({"cost":0})"), "the metrics answer has no \"value\" list");
  EXPECT_EQ(message(R"({"value":[{"unit":"Count"}]})"), "a metric in \"value\" has no name");
  EXPECT_EQ(
      message(
          R"({"value":[{"name":{"value":"TokenTransaction"},"timeseries":[{"data":[{"total":3}]}]}]})"),
      "metric TokenTransaction: a data point has no valid timeStamp ({\"total\":3})");
  EXPECT_EQ(message("<html>").rfind("the metrics answer is not JSON (", 0), 0u);
}

TEST(ArmError, ReadsBothErrorShapesIntoOneLine) {
  // Azure Monitor's own shape (an unknown metric name, azure-sdk-for-net#29584).
  EXPECT_EQ(
      arm_error_line(
          400,
          R"({"code":"BadRequest","message":"Failed to find metric configuration for provider: microsoft.cognitiveservices, resource Type: accounts, metric: TokenTransactions, Valid metrics: TokenTransaction,GeneratedTokens"})"),
      "HTTP 400 BadRequest: Failed to find metric configuration for provider: "
      "microsoft.cognitiveservices, resource Type: accounts, metric: TokenTransactions, "
      "Valid metrics: TokenTransaction,GeneratedTokens");
  // Resource Manager's shape.
  EXPECT_EQ(
      arm_error_line(
          403,
          R"({"error":{"code":"AuthorizationFailed","message":"The client 'app-1' with object id 'obj-1' does not have authorization\n to perform action 'microsoft.insights/metrics/read'."}})"),
      "HTTP 403 AuthorizationFailed: The client 'app-1' with object id 'obj-1' does not have "
      "authorization to perform action 'microsoft.insights/metrics/read'.");
  EXPECT_EQ(arm_error_line(502, "<html>\n<body>Bad gateway</body>\n</html>"),
            "HTTP 502: <html> <body>Bad gateway</body> </html>");
  EXPECT_EQ(arm_error_line(500, ""), "HTTP 500 with an empty body");
}

TEST(RetryAfter, ReadsSecondsAndDates) {
  sdk::HttpResponse response;
  const auto now = parse_utc("2015-10-21T07:28:00Z").value();
  EXPECT_FALSE(retry_after(response, now));
  response.headers = {{"Retry-After", "17"}};
  EXPECT_EQ(retry_after(response, now), 17'000ms);
  response.headers = {{"retry-after", "0.25"}};
  EXPECT_EQ(retry_after(response, now), 250ms);
  response.headers = {{"Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT"}};
  EXPECT_EQ(retry_after(response, now), 30'000ms);
  response.headers = {{"Retry-After", "soon"}};
  EXPECT_FALSE(retry_after(response, now));
}

}  // namespace
}  // namespace modelcompare::azure_monitor
