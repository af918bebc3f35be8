// The azure-monitor options: defaults, and one clear message for every bad value.
#include "monitor_options.hpp"

#include <gtest/gtest.h>

#include "lab_resource.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::azure_monitor {
namespace {

using nlohmann::json;

std::string error_of(const json& options) {
  try {
    parse_monitor_options("azure", options);
  } catch (const sdk::PluginError& error) {
    return error.what();
  }
  return "no error";
}

json with(json extra) {
  json options = {{"resource_id", kResource}};
  for (const auto& [key, value] : extra.items()) options[key] = value;
  return options;
}

TEST(MonitorOptions, DefaultsFollowTheLabsQuery) {
  const auto options = parse_monitor_options("azure", {{"resource_id", kResource + "/"}});
  EXPECT_EQ(options.resource_id, kResource);
  EXPECT_EQ(options.metrics, (std::vector<std::string>{"TokenTransaction", "ProcessedPromptTokens",
                                                       "GeneratedTokens", "AzureOpenAIRequests"}));
  EXPECT_EQ(options.api_version, "2023-10-01");
  EXPECT_EQ(options.endpoint, "https://management.azure.com");
  EXPECT_EQ(options.interval, "PT1M");
  EXPECT_EQ(options.interval_length, std::chrono::seconds(60));
  EXPECT_EQ(options.aggregation, "Total");
  EXPECT_EQ(options.ingestion_wait, std::chrono::milliseconds(300'000));
  EXPECT_EQ(options.poll_interval, std::chrono::milliseconds(30'000));
}

TEST(MonitorOptions, ReadsEveryOption) {
  const auto options =
      parse_monitor_options("azure", with({{"metrics", {"TokenTransaction", "GeneratedTokens"}},
                                           {"api_version", "2018-01-01"},
                                           {"endpoint", "https://management.usgovcloudapi.net/"},
                                           {"interval", "PT5M"},
                                           {"aggregation", "Average"},
                                           {"ingestion_wait_seconds", 12.5},
                                           {"poll_interval_seconds", 0.05}}));
  EXPECT_EQ(options.metrics, (std::vector<std::string>{"TokenTransaction", "GeneratedTokens"}));
  EXPECT_EQ(options.api_version, "2018-01-01");
  EXPECT_EQ(options.endpoint, "https://management.usgovcloudapi.net");
  EXPECT_EQ(options.interval_length, std::chrono::seconds(300));
  EXPECT_EQ(options.aggregation, "Average");
  EXPECT_EQ(options.ingestion_wait, std::chrono::milliseconds(12'500));
  EXPECT_EQ(options.poll_interval, std::chrono::milliseconds(50));
  EXPECT_EQ(parse_monitor_options("azure", with({{"metric", "GeneratedTokens"}})).metrics,
            std::vector<std::string>{"GeneratedTokens"});
  EXPECT_EQ(parse_monitor_options("azure", with({{"endpoint", "http://127.0.0.1:8080"}})).endpoint,
            "http://127.0.0.1:8080");
}

TEST(MonitorOptions, EveryBadValueGetsOneClearLine) {
  const std::string p = "metrics source 'azure' (azure-monitor): ";
  EXPECT_EQ(error_of(json::object()), p + "option 'resource_id' is required");
  EXPECT_EQ(error_of(json::array()), p + "options must be a JSON object (got [])");
  EXPECT_EQ(error_of({{"resource_id",
                       "/subscriptions/abc/resourceGroups/rg/providers/"
                       "Microsoft.Storage/storageAccounts/x"}}),
            p + "option 'resource_id' must look like /subscriptions/SUBSCRIPTION/resourceGroups/"
                "GROUP/providers/Microsoft.CognitiveServices/accounts/NAME (got "
                "'/subscriptions/abc/resourceGroups/rg/providers/Microsoft.Storage/"
                "storageAccounts/x')");
  EXPECT_EQ(error_of({{"resource_id", "lab-openai"}}),
            p + "option 'resource_id' must look like /subscriptions/SUBSCRIPTION/resourceGroups/"
                "GROUP/providers/Microsoft.CognitiveServices/accounts/NAME (got 'lab-openai')");
  EXPECT_EQ(error_of({{"resource_id",
                       "/subscriptions/abc/resourceGroups/rg/providers/"
                       "Microsoft.CognitiveServices/accounts/a b?x=1"}}),
            p + "option 'resource_id' has a bad name 'a b?x=1' (letters, digits, '-', '_', '.', "
                "'(' and ')' only)");
  EXPECT_EQ(error_of({{"resource_id", 7}}), p + "option 'resource_id' must be a string (got 7)");
  EXPECT_EQ(error_of(with({{"metrcs", {"TokenTransaction"}}})),
            p + "unknown option 'metrcs' (did you mean 'metrics'?)");
  EXPECT_EQ(error_of(with({{"poll_interval", 5}})),
            p + "unknown option 'poll_interval' (did you mean 'poll_interval_seconds'?)");
  EXPECT_EQ(error_of(with({{"ingestion_wait", 60}})),
            p + "unknown option 'ingestion_wait' (did you mean 'ingestion_wait_seconds'?)");
  EXPECT_EQ(error_of(with({{"colour", "red"}})),
            p + "unknown option 'colour' (known: resource_id, metric, metrics, api_version, "
                "endpoint, interval, aggregation, ingestion_wait_seconds, poll_interval_seconds)");
  EXPECT_EQ(error_of(with({{"metric", "TokenTransaction"}, {"metrics", {"GeneratedTokens"}}})),
            p + "options 'metric' and 'metrics' exclude each other: give one");
  EXPECT_EQ(error_of(with({{"metrics", json::array()}})),
            p + "option 'metrics' must be a non-empty list of metric names (got [])");
  EXPECT_EQ(error_of(with({{"metrics", {"TokenTransaction,GeneratedTokens"}}})),
            p + "option 'metrics' has a bad metric name 'TokenTransaction,GeneratedTokens' "
                "(letters, digits, '_' and '.' only, e.g. TokenTransaction)");
  EXPECT_EQ(error_of(with({{"metric", 3}})),
            p + "option 'metric' must name metrics as strings (got 3)");
  json many = json::array();
  for (int i = 0; i < 21; ++i) many.push_back("M" + std::to_string(i));
  EXPECT_EQ(error_of(with({{"metrics", many}})),
            p + "option 'metrics' names 21 metrics; Azure Monitor takes at most 20 in one request");
  EXPECT_EQ(error_of(with({{"api_version", "2021-05-01"}})),
            p + "option 'api_version' must be one of 2023-10-01, 2018-01-01 (got '2021-05-01')");
  EXPECT_EQ(error_of(with({{"endpoint", "http://management.example.com"}})),
            p + "option 'endpoint' must start with https:// (plain http only for 127.0.0.1 or "
                "localhost) (got 'http://management.example.com')");
  EXPECT_EQ(error_of(with({{"endpoint", "https://management.azure.com/?x=1"}})),
            p + "option 'endpoint' must be a bare URL like https://management.azure.com (got "
                "'https://management.azure.com/?x=1')");
  EXPECT_EQ(error_of(with({{"interval", "PT2M"}})),
            p + "option 'interval' must be one of PT1M, PT5M, PT15M, PT30M, PT1H, PT6H, PT12H, P1D "
                "(got 'PT2M')");
  EXPECT_EQ(error_of(with({{"aggregation", "Sum"}})),
            p + "option 'aggregation' must be one of Total, Average, Count, Maximum, Minimum (got "
                "'Sum')");
  EXPECT_EQ(error_of(with({{"ingestion_wait_seconds", -1}})),
            p + "option 'ingestion_wait_seconds' must be between 0 and 3600 seconds (got -1)");
  EXPECT_EQ(error_of(with({{"poll_interval_seconds", "30"}})),
            p + "option 'poll_interval_seconds' must be a number of seconds (got \"30\")");
  EXPECT_EQ(error_of(with({{"poll_interval_seconds", 0}})),
            p + "option 'poll_interval_seconds' must be between 0.001 and 600 seconds (got 0)");
}

}  // namespace
}  // namespace modelcompare::azure_monitor
