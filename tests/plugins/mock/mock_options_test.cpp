#include "mock/mock_options.hpp"

#include <gtest/gtest.h>

#include "support/test_host.hpp"

namespace modelcompare::mock {
namespace {

using nlohmann::json;

MockOptions parse(const json& options) {
  sdk::PluginContext context;
  context.instance_id = "mock-a";
  context.options = options;
  context.base_dir = "/configs";
  return parse_mock_options(context);
}

// The PluginError's message for `options`, or a note that none was thrown.
std::string error_for(const json& options) {
  try {
    parse(options);
  } catch (const sdk::PluginError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(MockOptions, DefaultsNeedNoOptions) {
  const auto options = parse(json::object());
  EXPECT_FALSE(options.responses);
  EXPECT_FALSE(options.answer_template);
  EXPECT_EQ(options.max_in_flight, 4);
  EXPECT_EQ(options.deployment, "mock-a");
  EXPECT_EQ(options.model, "mock");
  EXPECT_EQ(options.ttft.count(), 0);
  EXPECT_FALSE(options.latency);
  EXPECT_EQ(options.failures.total(), 0.0);
}

TEST(MockOptions, ReadsEveryOption) {
  const auto options = parse({{"responses", "demo/responses.json"},
                              {"template", "hi {{provider}}"},
                              {"ttft_ms", 100},
                              {"latency_ms", 400},
                              {"jitter", 0.25},
                              {"timeout_ms", 900},
                              {"failures", {{"rate_limited", 0.1}, {"malformed", 0.05}}},
                              {"seed", 42},
                              {"max_in_flight", 2},
                              {"model", "mock-2024"},
                              {"deployment", "dep"}});
  EXPECT_EQ(*options.responses, std::filesystem::path("/configs/demo/responses.json"));
  EXPECT_EQ(*options.answer_template, "hi {{provider}}");
  EXPECT_EQ(options.ttft.count(), 100);
  EXPECT_EQ(options.latency->count(), 400);
  EXPECT_DOUBLE_EQ(options.jitter, 0.25);
  EXPECT_EQ(options.timeout->count(), 900);
  EXPECT_DOUBLE_EQ(options.failures.rate_limited, 0.1);
  EXPECT_DOUBLE_EQ(options.failures.malformed, 0.05);
  EXPECT_EQ(options.seed, 42u);
  EXPECT_EQ(options.max_in_flight, 2);
  EXPECT_EQ(options.model, "mock-2024");
  EXPECT_EQ(options.deployment, "dep");
  EXPECT_DOUBLE_EQ(parse({{"ms_per_token", 2.5}}).ms_per_token, 2.5);
}

TEST(MockOptions, AbsoluteResponsesPathIsKept) {
  EXPECT_EQ(*parse({{"responses", "/abs/r.json"}}).responses, std::filesystem::path("/abs/r.json"));
}

TEST(MockOptions, UnknownOptionSuggestsTheClosestName) {
  EXPECT_EQ(error_for({{"latncy_ms", 5}}),
            "mock provider 'mock-a': unknown option 'latncy_ms' (did you mean 'latency_ms'?)");
  EXPECT_EQ(error_for({{"maxinflight", 5}}),
            "mock provider 'mock-a': unknown option 'maxinflight' (did you mean "
            "'max_in_flight'?)");
}

TEST(MockOptions, UnknownOptionWithoutCloseMatchListsKnownOnes) {
  const auto message = error_for({{"colour", "red"}});
  EXPECT_EQ(message.rfind("mock provider 'mock-a': unknown option 'colour' (known: responses, ", 0),
            0u)
      << message;
}

TEST(MockOptions, WrongTypesNameTheOptionAndTheValue) {
  EXPECT_EQ(error_for({{"latency_ms", "300"}}),
            "mock provider 'mock-a': option 'latency_ms' must be an integer from 0 to 3600000, "
            "got \"300\"");
  EXPECT_EQ(error_for({{"ttft_ms", 1.5}}),
            "mock provider 'mock-a': option 'ttft_ms' must be an integer from 0 to 3600000, got "
            "1.5");
  EXPECT_EQ(error_for({{"template", 3}}),
            "mock provider 'mock-a': option 'template' must be a string, got 3");
  EXPECT_EQ(error_for({{"responses", ""}}),
            "mock provider 'mock-a': option 'responses' must name a file, got an empty string");
  EXPECT_EQ(error_for(json::array()), "mock provider 'mock-a': options must be an object, got []");
}

TEST(MockOptions, OutOfRangeValuesAreRefused) {
  EXPECT_EQ(error_for({{"latency_ms", -1}}),
            "mock provider 'mock-a': option 'latency_ms' must be an integer from 0 to 3600000, "
            "got -1");
  EXPECT_EQ(error_for({{"jitter", 1.5}}),
            "mock provider 'mock-a': option 'jitter' must be a number from 0.0 to 1.0, got 1.5");
  EXPECT_EQ(error_for({{"max_in_flight", 0}}),
            "mock provider 'mock-a': option 'max_in_flight' must be an integer from 1 to 1024, "
            "got 0");
  EXPECT_EQ(error_for({{"seed", -3}}).find("option 'seed' must be an integer from 0"),
            std::string("mock provider 'mock-a': ").size());
}

TEST(MockOptions, FailureRatesAreCheckedByKind) {
  EXPECT_EQ(error_for({{"failures", {{"timeout", 2}}}}),
            "mock provider 'mock-a': option 'failures.timeout' must be a number from 0.0 to 1.0, "
            "got 2");
  EXPECT_EQ(error_for({{"failures", {{"rate_limit", 0.1}}}}),
            "mock provider 'mock-a': unknown failure kind 'failures.rate_limit' (did you mean "
            "'rate_limited'?)");
  EXPECT_EQ(error_for({{"failures", {{"server_error", 0.6}, {"timeout", 0.6}}}}),
            "mock provider 'mock-a': option 'failures': the rates add up to 1.2, more than 1");
  EXPECT_EQ(error_for({{"failures", 0.1}}),
            "mock provider 'mock-a': option 'failures' must be an object of rates by kind, got "
            "0.1");
}

TEST(MockOptions, InconsistentTimingsAreRefused) {
  EXPECT_EQ(error_for({{"latency_ms", 100}, {"ms_per_token", 2}}),
            "mock provider 'mock-a': options 'latency_ms' and 'ms_per_token' exclude each other: "
            "give one");
  EXPECT_EQ(error_for({{"latency_ms", 100}, {"ttft_ms", 200}}),
            "mock provider 'mock-a': option 'latency_ms' (100) must not be less than 'ttft_ms' "
            "(200): the first token cannot come after the whole answer");
}

}  // namespace
}  // namespace modelcompare::mock
