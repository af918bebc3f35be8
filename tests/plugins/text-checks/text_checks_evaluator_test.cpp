#include "text_checks_evaluator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "support/temp_dir.hpp"

namespace modelcompare::text_checks {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

sdk::PluginContext context_with(const std::string& options) {
  sdk::PluginContext context;
  context.instance_id = "text-checks";
  context.options = json::parse(options);
  return context;
}

sdk::EvaluationResult evaluate(const std::string& options, const std::string& answer) {
  TextChecksEvaluator evaluator(context_with(options));
  sdk::EvaluationInput input;
  input.response = answer;
  input.vars = {{"provider", "gpt-4o"}};
  return evaluator.evaluate(input);
}

std::string option_error(const std::string& options) {
  try {
    TextChecksEvaluator evaluator(context_with(options));
  } catch (const sdk::PluginError& e) {
    return e.what();
  }
  return "no error";
}

constexpr const char* kChartAnswer =
    "```python\nimport matplotlib.pyplot as plt\nplt.pie([34.9, 28.6])\n"
    "plt.savefig('imgs/gpt-4o.jpg')\n```";

TEST(TextChecksEvaluator, ScoreIsTheWeightedShareOfChecksPassed) {
  const auto result = evaluate(R"({"checks": [
      {"check": "contains", "value": "plt.pie(", "weight": 3},
      {"check": "contains", "value": "plt.legend("},
      {"check": "icontains", "value": "imgs/{{provider}}.jpg"}]})",
                               kChartAnswer);
  EXPECT_DOUBLE_EQ(result.score, 4.0 / 5.0);
  EXPECT_FALSE(result.passed);  // default: every check must pass
  EXPECT_EQ(result.details["passed_checks"], 2);
  EXPECT_EQ(result.details["total_checks"], 3);
  EXPECT_EQ(result.details["findings"], json::parse(R"(["contains 'plt.legend(' not found"])"));
  EXPECT_EQ(result.details["checks"][1],
            json::parse(R"({"check": "contains", "value": "plt.legend(", "weight": 1.0,
                            "passed": false, "finding": "contains 'plt.legend(' not found"})"));
  EXPECT_EQ(result.details["checks"][0]["passed"], true);
  EXPECT_FALSE(result.details["checks"][0].contains("finding"));
}

TEST(TextChecksEvaluator, PassThresholdIsOnTheWeightedShare) {
  const std::string checks = R"([{"check": "contains", "value": "plt.pie("},
      {"check": "contains", "value": "plt.legend("}, {"check": "max-length", "max": 1000}])";
  EXPECT_TRUE(evaluate(R"({"pass": 0.6, "checks": )" + checks + "}", kChartAnswer).passed);
  EXPECT_TRUE(evaluate(R"({"pass": 0.6667, "checks": )" + checks + "}", kChartAnswer).passed ==
              false);
  EXPECT_TRUE(evaluate(R"({"pass": "0.5", "checks": )" + checks + "}", kChartAnswer).passed);
}

TEST(TextChecksEvaluator, AllPassedScoresOne) {
  const auto result = evaluate(R"({"checks": [{"check": "regex", "pattern": "^import \\w+"},
      {"check": "starts-with", "value": "```python"}]})",
                               kChartAnswer);
  EXPECT_EQ(result.score, 1.0);
  EXPECT_TRUE(result.passed);
  EXPECT_TRUE(result.details["findings"].empty());
}

TEST(TextChecksEvaluator, SafeFromSeveralThreads) {
  TextChecksEvaluator evaluator(context_with(R"({"checks": [{"check": "regex", "pattern": "a+b"},
      {"check": "icontains", "value": "{{provider}}"}]})"));
  std::vector<std::thread> threads;
  std::atomic<int> right{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        sdk::EvaluationInput input;
        input.response = (t % 2 ? "aaab by " : "b by ") + std::to_string(t);
        input.vars = {{"provider", std::to_string(t)}};
        const auto result = evaluator.evaluate(input);
        if (result.score == (t % 2 ? 1.0 : 0.5)) ++right;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(right.load(), 800);
}

TEST(TextChecksEvaluator, BadOptions) {
  EXPECT_EQ(option_error("{}"),
            "text-checks: option 'checks' is missing: a list such as "
            "[{\"check\": \"contains\", \"value\": \"plt.pie\"}]");
  EXPECT_EQ(option_error(R"({"checks": []})"),
            "text-checks: option 'checks' must be a non-empty list of checks, got []");
  EXPECT_EQ(option_error(R"({"check": [{"check": "is-json"}]})"),
            "text-checks: unknown option 'check' (did you mean 'checks'?); known: checks, pass");
  EXPECT_EQ(option_error(R"({"checks": [{"check": "is-json"}], "pass": 2})"),
            "text-checks: option 'pass' must be a number from 0 to 1 (the weighted share of "
            "checks that must pass), got 2");
  EXPECT_THAT(
      option_error(R"({"checks": [{"check": "is-json"}, {"check": "icontain", "value": "x"}]})"),
      HasSubstr("text-checks: checks[1].check 'icontain' is not a check (did you mean "
                "'icontains'?)"));
}

}  // namespace
}  // namespace modelcompare::text_checks
