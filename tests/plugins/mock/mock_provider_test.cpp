#include "mock/mock_provider.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <set>

#include "mock/token_rule.hpp"
#include "support/test_host.hpp"

namespace modelcompare::mock {

std::string fake_png(int width, int height);

namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using testing::TempDir;
using testing::TestHost;
using testing::write_file;

class MockProviderTest : public ::testing::Test {
 protected:
  std::unique_ptr<MockProvider> make(const std::string& id, const json& options) {
    sdk::PluginContext context;
    context.instance_id = id;
    context.options = options;
    context.base_dir = dir_.path();
    context.host = &host_;
    return std::make_unique<MockProvider>(context);
  }

  static sdk::ChatRequest request(const std::string& provider, int turn = 0, int repeat = 0) {
    sdk::ChatRequest r;
    r.provider_id = provider;
    r.scenario_id = "pie";
    r.case_key = "pie";
    r.turn = turn;
    r.repeat = repeat;
    sdk::Message first;
    first.content.push_back(sdk::ContentPart::from_text("Draw this chart as imgs/x.jpg"));
    sdk::ContentPart image;
    image.kind = sdk::ContentPart::Kind::image;
    image.image_bytes = fake_png(426, 413);
    image.mime_type = "image/png";
    first.content.push_back(image);
    r.messages.push_back(first);
    if (turn > 0) {
      sdk::Message answer;
      answer.role = sdk::Role::assistant;
      answer.content.push_back(sdk::ContentPart::from_text("```python\nprint(1)\n```"));
      r.messages.push_back(answer);
      sdk::Message follow_up;
      follow_up.content.push_back(sdk::ContentPart::from_text("Add a legend"));
      r.messages.push_back(follow_up);
    }
    return r;
  }

  // Runs the requests at once on the host's single-threaded io_context.
  std::vector<sdk::ChatResult> complete_all(sdk::Provider& provider,
                                            const std::vector<sdk::ChatRequest>& requests) {
    std::vector<std::future<sdk::ChatResult>> futures;
    for (const auto& r : requests)
      futures.push_back(
          boost::asio::co_spawn(host_.io_context(), provider.complete(r), boost::asio::use_future));
    host_.io_context().restart();
    host_.io_context().run();
    std::vector<sdk::ChatResult> results;
    for (auto& future : futures) results.push_back(future.get());
    return results;
  }

  sdk::ChatResult complete(sdk::Provider& provider, const sdk::ChatRequest& r) {
    return complete_all(provider, {r}).front();
  }

  TempDir dir_;
  TestHost host_;
};

TEST_F(MockProviderTest, AnswersFromTheResponsesFileByProviderAndTurn) {
  write_file(dir_ / "mock/turn1.md", "```python\nplt.savefig('imgs/{{provider}}.jpg')\n```");
  write_file(dir_ / "mock/responses.json", R"({"responses": [
      {"provider": "mock-a", "scenario": "pie", "turn": 1, "file": "turn1.md"},
      {"provider": "mock-a", "turn": 2, "text": "turn {{turn}} of {{scenario}}, repeat {{repeat}}, {{messages}} messages"}
    ]})");
  auto provider = make("mock-a", {{"responses", "mock/responses.json"}});

  const auto first = complete(*provider, request("mock-a", 0));
  ASSERT_TRUE(first.ok()) << first.error_message;
  EXPECT_EQ(first.content, "```python\nplt.savefig('imgs/mock-a.jpg')\n```");
  EXPECT_EQ(first.finish_reason, "stop");
  EXPECT_EQ(first.model, "mock");

  const auto second = complete(*provider, request("mock-a", 1, 2));
  ASSERT_TRUE(second.ok()) << second.error_message;
  EXPECT_EQ(second.content, "turn 2 of pie, repeat 3, 3 messages");
  EXPECT_NE(second.extra["mock"]["source"].get<std::string>().find("responses[1]"),
            std::string::npos);
}

TEST_F(MockProviderTest, FallsBackToTemplateThenFileFallbackThenBuiltIn) {
  write_file(dir_ / "r.json", R"({"fallback": "file fallback for {{provider}}",
      "responses": [{"provider": "other", "text": "not me"}]})");
  auto with_template =
      make("mock-a", {{"responses", "r.json"}, {"template", "opt {{images}} img"}});
  EXPECT_EQ(complete(*with_template, request("mock-a")).content, "opt 1 img");

  auto with_file_fallback = make("mock-a", {{"responses", "r.json"}});
  EXPECT_EQ(complete(*with_file_fallback, request("mock-a")).content, "file fallback for mock-a");

  auto built_in = make("mock-a", json::object());
  const auto result = complete(*built_in, request("mock-a", 1));
  EXPECT_EQ(result.content,
            "Mock answer from mock-a for scenario pie, turn 2, repeat 1. I received 3 messages "
            "(1 images); the last one says: Add a legend");
}

TEST_F(MockProviderTest, UsageFollowsTheTokenRuleForTheWholeConversation) {
  auto provider = make("mock-a", {{"template", std::string(400, 'x')}});
  const auto r = request("mock-a", 1);
  const auto result = complete(*provider, r);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.usage_reported);
  EXPECT_EQ(result.usage.completion_tokens, 100);
  // 3 messages: text 8 + image 255, assistant 6, follow-up 3; 3 per message; 3 priming.
  EXPECT_EQ(result.usage.prompt_tokens, 3 + 3 * 3 + 8 + 255 + 6 + 3);
  EXPECT_EQ(result.usage.prompt_tokens, prompt_tokens(r.messages));
  EXPECT_EQ(result.usage.total_tokens, result.usage.prompt_tokens + 100);
}

TEST_F(MockProviderTest, MaxTokensTruncatesAndStopSequencesCut) {
  auto provider = make("mock-a", {{"template", "one two three END four"}});
  auto r = request("mock-a");
  r.params.max_tokens = 2;
  auto result = complete(*provider, r);
  EXPECT_EQ(result.content, "one two ");
  EXPECT_EQ(result.finish_reason, "length");
  EXPECT_EQ(result.usage.completion_tokens, 2);

  r.params.max_tokens.reset();
  r.params.stop = {"four", " END"};
  result = complete(*provider, r);
  EXPECT_EQ(result.content, "one two three");
  EXPECT_EQ(result.finish_reason, "stop");
}

TEST_F(MockProviderTest, InvalidRequestsGetTheAnswerAServerGives) {
  auto provider = make("mock-a", json::object());
  auto r = request("mock-a");
  r.messages.clear();
  auto result = complete(*provider, r);
  EXPECT_EQ(result.error, sdk::ErrorKind::bad_request);
  EXPECT_EQ(result.error_message,
            "HTTP 400: the conversation must end with a user message (got 0 messages)");

  r = request("mock-a");
  r.params.max_tokens = 0;
  result = complete(*provider, r);
  EXPECT_EQ(result.error, sdk::ErrorKind::bad_request);
  EXPECT_EQ(result.error_message, "HTTP 400: max_tokens must be at least 1, got 0");
}

TEST_F(MockProviderTest, TakesTheSimulatedTimeWithTtftBeforeTheEnd) {
  auto provider = make("mock-a", {{"ttft_ms", 60}, {"latency_ms", 150}});
  const auto result = complete(*provider, request("mock-a"));
  ASSERT_TRUE(result.ok());
  ASSERT_TRUE(result.time_to_first_token);
  // Timers never fire early, so lower bounds hold however loaded the machine is.
  EXPECT_GE(result.time_to_first_token->count(), 60);
  EXPECT_GE(result.latency.count(), 150);
  EXPECT_LE(*result.time_to_first_token, result.latency);
  EXPECT_EQ(result.extra["mock"]["simulated_latency_ms"], 150);
}

TEST_F(MockProviderTest, LatencyFromTokensAndJitterIsDeterministic) {
  auto provider =
      make("mock-a", {{"template", std::string(400, 'x')}, {"ttft_ms", 10}, {"ms_per_token", 0.5}});
  std::string problem;
  const auto plan = provider->plan(request("mock-a"), problem);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->latency.count(), 10 + 50);  // 100 tokens at 0.5 ms

  auto jittery = make("mock-a", {{"latency_ms", 1000}, {"jitter", 0.5}, {"seed", 3}});
  std::set<std::int64_t> latencies;
  for (int repeat = 0; repeat < 20; ++repeat) {
    const auto a = jittery->plan(request("mock-a", 0, repeat), problem);
    const auto b = jittery->plan(request("mock-a", 0, repeat), problem);
    EXPECT_EQ(a->latency, b->latency);
    EXPECT_GE(a->latency.count(), 500);
    EXPECT_LE(a->latency.count(), 1500);
    latencies.insert(a->latency.count());
  }
  EXPECT_GT(latencies.size(), 10u);
}

TEST_F(MockProviderTest, WaitingDoesNotBlockTheThread) {
  // Ten 300 ms requests on one thread: if the mock slept the thread they would take 3 s.
  auto provider = make("mock-a", {{"latency_ms", 300}});
  std::vector<sdk::ChatRequest> requests;
  for (int repeat = 0; repeat < 10; ++repeat) requests.push_back(request("mock-a", 0, repeat));
  const auto start = std::chrono::steady_clock::now();
  const auto results = complete_all(*provider, requests);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  for (const auto& result : results) EXPECT_TRUE(result.ok());
  EXPECT_LT(elapsed, milliseconds(2500));
}

struct FailureCase {
  const char* kind;
  sdk::ErrorKind error;
  const char* message_part;
};

class InjectedFailureTest : public MockProviderTest,
                            public ::testing::WithParamInterface<FailureCase> {};

TEST_P(InjectedFailureTest, EveryKindGivesItsErrorAndMessage) {
  const auto& param = GetParam();
  auto provider = make("mock-a", {{"failures", {{param.kind, 1.0}}},
                                  {"latency_ms", 20},
                                  {"timeout_ms", 30},
                                  {"deployment", "dep-1"}});
  const auto result = complete(*provider, request("mock-a"));
  EXPECT_EQ(result.error, param.error);
  EXPECT_NE(result.error_message.find(param.message_part), std::string::npos)
      << result.error_message;
  EXPECT_NE(result.error_message.find("'dep-1'"), std::string::npos) << result.error_message;
  EXPECT_EQ(result.extra["injected_failure"], param.kind);
  EXPECT_TRUE(result.content.empty());
  EXPECT_FALSE(result.usage_reported);
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, InjectedFailureTest,
    ::testing::Values(FailureCase{"rate_limited", sdk::ErrorKind::rate_limited, "HTTP 429"},
                      FailureCase{"server_error", sdk::ErrorKind::server_error, "HTTP 500"},
                      FailureCase{"timeout", sdk::ErrorKind::timeout, "within 30 ms"},
                      FailureCase{"malformed", sdk::ErrorKind::bad_response, "not valid JSON"}),
    [](const auto& info) { return std::string(info.param.kind); });

TEST_F(MockProviderTest, FailuresAreReproducibleFromSeedAndCase) {
  const json options = {{"failures", {{"server_error", 0.3}}}, {"seed", 11}};
  auto first = make("mock-a", options);
  auto again = make("mock-a", options);
  auto other_seed = make("mock-a", {{"failures", {{"server_error", 0.3}}}, {"seed", 12}});
  std::vector<sdk::ChatRequest> requests;
  for (int repeat = 0; repeat < 100; ++repeat) requests.push_back(request("mock-a", 0, repeat));

  auto failed = [&](sdk::Provider& provider) {
    std::vector<int> repeats;
    const auto results = complete_all(provider, requests);
    for (std::size_t i = 0; i < results.size(); ++i)
      if (!results[i].ok()) repeats.push_back(static_cast<int>(i));
    return repeats;
  };
  const auto failed_first = failed(*first);
  EXPECT_EQ(failed_first, failed(*again));
  EXPECT_NE(failed_first, failed(*other_seed));
  // 30 % of 100, with room for chance (binomial sd ≈ 4.6).
  EXPECT_GE(failed_first.size(), 15u);
  EXPECT_LE(failed_first.size(), 45u);
}

TEST_F(MockProviderTest, ReportsMaxInFlightAndDeployment) {
  auto provider = make("mock-a", {{"max_in_flight", 2}});
  EXPECT_EQ(provider->max_in_flight(), 2);
  EXPECT_EQ(provider->deployment(), "mock-a");
  EXPECT_EQ(make("mock-b", {{"deployment", "gpt-4o"}})->deployment(), "gpt-4o");
}

TEST_F(MockProviderTest, BadResponsesFileFailsConstructionNamingTheOption) {
  try {
    make("mock-a", {{"responses", "missing.json"}});
    FAIL() << "no error";
  } catch (const sdk::PluginError& error) {
    EXPECT_EQ(std::string(error.what()),
              "mock provider 'mock-a': option 'responses': responses file: cannot read " +
                  (dir_ / "missing.json").string() + ": No such file or directory");
  }
}

TEST_F(MockProviderTest, LogsOneDebugLinePerRequest) {
  auto provider = make("mock-a", {{"template", "x"}});
  complete(*provider, request("mock-a"));
  const auto lines = host_.log_lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "debug: mock-a pie turn 1 repeat 1: option 'template'");
}

}  // namespace
}  // namespace modelcompare::mock
