// The provider against the fake Azure OpenAI server: wire format, answers, errors and retries.
#include <gtest/gtest.h>

#include "fake_azure_openai.hpp"
#include "image_data_url.hpp"
#include "modelcompare/sdk/base64.hpp"
#include "provider_fixture.hpp"

namespace modelcompare::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace replies = azure_replies;

constexpr const char* kKey = "test-key-0123456789abcdef";

class AzureOpenAiProviderTest : public ::testing::Test {
 protected:
  json options(const FakeAzureOpenAi& fake, json extra = json::object()) {
    json out = {{"endpoint", fake.endpoint()},
                {"deployment", "gpt-4o"},
                {"api_key", kKey},
                {"initial_backoff_ms", 20}};
    out.update(extra);
    return out;
  }
  bool logged(const std::string& needle) {
    for (const auto& line : fixture_.host.log_lines())
      if (line.find(needle) != std::string::npos) return true;
    return false;
  }
  ProviderFixture fixture_;
};

TEST_F(AzureOpenAiProviderTest, SendsTheWholeConversationAndReadsAPlainAnswer) {
  FakeAzureOpenAi fake({.api_key = kKey, .stream = false});
  auto provider = fixture_.provider(options(fake, {{"stream", false}}));
  const auto result = fixture_.complete(*provider, lab_request());

  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_TRUE(fake.problems().empty()) << fake.problems().front();
  EXPECT_EQ(result.content, "Hello world");
  EXPECT_EQ(result.finish_reason, "stop");
  EXPECT_TRUE(result.usage_reported);
  EXPECT_EQ(result.usage.prompt_tokens, 1156);
  EXPECT_EQ(result.usage.completion_tokens, 80);
  EXPECT_EQ(result.usage.total_tokens, 1236);
  EXPECT_EQ(result.usage.cached_prompt_tokens, 1024);
  EXPECT_EQ(result.usage.reasoning_tokens, 0);
  EXPECT_EQ(result.model, "gpt-4o-2024-08-06");
  EXPECT_EQ(result.extra["system_fingerprint"], "fp_abc");
  EXPECT_EQ(result.extra["headers"]["apim-request-id"], "5c0c2a4e-aaaa-bbbb-cccc-1234567890ab");
  EXPECT_EQ(result.extra["headers"]["x-ms-region"], "Sweden Central");
  EXPECT_EQ(result.extra["headers"]["x-ratelimit-remaining-tokens"], "61353");
  EXPECT_TRUE(result.extra.contains("prompt_filter_results"));
  EXPECT_EQ(result.retries, 0);
  EXPECT_FALSE(result.time_to_first_token);

  const auto body = fake.bodies().at(0);
  ASSERT_EQ(body["messages"].size(), 3u);
  const auto& first = body["messages"][0];
  EXPECT_EQ(first["role"], "user");
  EXPECT_EQ(first["content"][0],
            (json{{"type", "text"}, {"text", "Create Python code for image"}}));
  EXPECT_EQ(first["content"][1]["image_url"]["url"],
            "data:image/jpeg;base64," + sdk::base64_encode(fake_jpeg()));
  EXPECT_EQ(first["content"][1]["image_url"]["detail"], "auto");
  EXPECT_EQ(body["messages"][1],
            (json{{"role", "assistant"}, {"content", "```python\nplt.pie([34.9])\n```"}}));
  EXPECT_EQ(body["messages"][2]["content"], "Add a legend to the plot replacing the labels");
  EXPECT_EQ(body["max_tokens"], 2000);
  EXPECT_EQ(body["temperature"], 0.0);
  EXPECT_EQ(body["seed"], 42);
  EXPECT_EQ(body["stop"], json::array({"###"}));
  EXPECT_FALSE(body.contains("stream"));
}

TEST_F(AzureOpenAiProviderTest, StreamsThroughAzuresQuirksAndMeasuresTimeToFirstToken) {
  FakeAzureOpenAi fake({.api_key = kKey});
  fake.script({replies::stream({"import ", "matplotlib"}, true, 40ms)});
  auto provider = fixture_.provider(options(fake));
  const auto result = fixture_.complete(*provider, lab_request());

  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_TRUE(fake.problems().empty()) << fake.problems().front();
  EXPECT_EQ(result.content, "import matplotlib");
  EXPECT_EQ(result.finish_reason, "stop");
  EXPECT_TRUE(result.usage_reported);
  EXPECT_EQ(result.usage.completion_tokens, 12);
  EXPECT_FALSE(result.usage.reasoning_tokens);  // null in the stream
  EXPECT_EQ(result.model, "gpt-4o-2024-08-06");
  ASSERT_TRUE(result.time_to_first_token);
  EXPECT_GT(result.latency, *result.time_to_first_token);  // events came 40 ms apart
  EXPECT_TRUE(result.extra.contains("prompt_filter_results"));
  EXPECT_TRUE(result.extra["content_filter_results"].contains("protected_material_text"));
  EXPECT_EQ(result.extra["headers"]["x-ms-region"], "Sweden Central");
}

TEST_F(AzureOpenAiProviderTest, AcceptsAStreamWithoutAUsageEvent) {
  FakeAzureOpenAi fake({.api_key = kKey});
  fake.script({replies::stream({"ok"}, false)});
  auto provider = fixture_.provider(options(fake));
  const auto result = fixture_.complete(*provider, lab_request());
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.content, "ok");
  EXPECT_FALSE(result.usage_reported);
  EXPECT_TRUE(result.time_to_first_token);
}

TEST_F(AzureOpenAiProviderTest, SpeaksEachApiStyle) {
  struct Style {
    std::string api, endpoint_suffix, version;
  };
  for (const Style& style :
       {Style{"azure-v1", "", ""}, Style{"model-inference", "", "2024-05-01-preview"},
        Style{"openai", "/v1", ""}}) {
    SCOPED_TRACE(style.api);
    FakeAzureOpenAi fake({.api = style.api, .api_version = style.version, .api_key = kKey});
    auto provider = fixture_.provider(
        options(fake, {{"api", style.api}, {"endpoint", fake.endpoint() + style.endpoint_suffix}}));
    const auto result = fixture_.complete(*provider, lab_request());
    EXPECT_TRUE(result.ok()) << result.error_message;
    for (const auto& problem : fake.problems()) ADD_FAILURE() << problem;
    const auto body = fake.bodies().at(0);
    EXPECT_EQ(body.contains("stream_options"), style.api != "model-inference");
  }
}

TEST_F(AzureOpenAiProviderTest, RefusesTemperatureAboveOneOnModelInferenceWithoutSending) {
  FakeAzureOpenAi fake(
      {.api = "model-inference", .api_version = "2024-05-01-preview", .api_key = kKey});
  auto provider = fixture_.provider(options(fake, {{"api", "model-inference"}}));
  auto request = lab_request();
  request.params.temperature = 1.5;
  const auto result = fixture_.complete(*provider, request);
  EXPECT_EQ(result.error, sdk::ErrorKind::bad_request);
  EXPECT_EQ(result.error_message,
            "temperature 1.5 is outside the range 0 to 1.0 that api 'model-inference' accepts");
  EXPECT_TRUE(fake.requests().empty());
}

TEST_F(AzureOpenAiProviderTest, WaitsWhatRetryAfterMsSaysOnA429) {
  FakeAzureOpenAi fake({.api_key = kKey});
  fake.script({replies::too_many_requests({{"retry-after-ms", "300"}, {"retry-after", "9"}})});
  auto provider = fixture_.provider(options(fake));
  const auto result = fixture_.complete(*provider, lab_request());
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.retries, 1);
  EXPECT_EQ(fake.requests().size(), 2u);
  const auto& wait = result.extra["retry_waits"][0];
  EXPECT_EQ(wait["planned_ms"], 300);  // retry-after-ms wins over retry-after
  EXPECT_EQ(wait["status"], 429);
  EXPECT_GE(wait["waited_ms"].get<int>(), 300);
  EXPECT_TRUE(logged("retry 1/3 in 300 ms (as the server asked) after rate_limited: HTTP 429"));
  // Both attempts carry the case's one client request id, as Azure support asks.
  const auto requests = fake.requests();
  const auto id = requests[0].header("x-ms-client-request-id").value_or("");
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(requests[1].header("x-ms-client-request-id"), id);
  EXPECT_EQ(result.extra["client_request_id"], id);
}

TEST_F(AzureOpenAiProviderTest, WaitsRetryAfterSecondsWhenThatIsAllThereIs) {
  FakeAzureOpenAi fake({.api_key = kKey});
  fake.script({replies::too_many_requests({{"Retry-After", "1"}})});
  auto provider = fixture_.provider(options(fake));
  const auto result = fixture_.complete(*provider, lab_request());
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.extra["retry_waits"][0]["planned_ms"], 1000);
}

TEST_F(AzureOpenAiProviderTest, BacksOffWithJitterWhenA429SaysNothing) {
  FakeAzureOpenAi fake({.api_key = kKey});
  fake.script({replies::too_many_requests({}), replies::too_many_requests({})});
  auto provider = fixture_.provider(options(fake, {{"initial_backoff_ms", 40}}));
  const auto result = fixture_.complete(*provider, lab_request());
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.retries, 2);
  const auto& waits = result.extra["retry_waits"];
  EXPECT_EQ(waits[0]["source"], "backoff");
  EXPECT_GE(waits[0]["planned_ms"].get<int>(), 30);  // 40 ms x jitter in (0.75, 1]
  EXPECT_LE(waits[0]["planned_ms"].get<int>(), 40);
  EXPECT_GE(waits[1]["planned_ms"].get<int>(), 60);  // doubled
  EXPECT_LE(waits[1]["planned_ms"].get<int>(), 80);
}

TEST_F(AzureOpenAiProviderTest, RetriesA500AndAResetInTheMiddleOfTheBody) {
  FakeAzureOpenAi fake({.api_key = kKey, .stream = false});
  auto reset = replies::completion(std::string(3000, 'x'));
  reset.reset_after_bytes = 200;
  fake.script({replies::server_error(), reset});
  auto provider = fixture_.provider(options(fake, {{"stream", false}}));
  const auto result = fixture_.complete(*provider, lab_request());
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.retries, 2);
  EXPECT_EQ(result.extra["retry_waits"][0]["after"], "server_error");
  EXPECT_EQ(result.extra["retry_waits"][1]["after"], "network");
  EXPECT_TRUE(logged("after network: connection to 127.0.0.1:"));
}

TEST_F(AzureOpenAiProviderTest, GivesUpAfterMaxRetriesWithTheServersMessage) {
  FakeAzureOpenAi fake({.api_key = kKey});
  fake.set_fallback([](const ReceivedRequest&) { return replies::server_error(); });
  auto provider = fixture_.provider(options(fake, {{"max_retries", 2}}));
  const auto result = fixture_.complete(*provider, lab_request());
  EXPECT_EQ(result.error, sdk::ErrorKind::server_error);
  EXPECT_EQ(result.retries, 2);
  EXPECT_EQ(fake.requests().size(), 3u);
  EXPECT_EQ(result.error_message,
            "HTTP 500 InternalServerError: The server had an error while processing your request. "
            "(after 2 retries)");
}

TEST_F(AzureOpenAiProviderTest, ClassifiesTheLiveContentFilter400AndNeverRetriesIt) {
  FakeAzureOpenAi fake({.api_key = kKey});
  fake.script({replies::content_filter_400()});
  auto provider = fixture_.provider(options(fake));
  const auto result = fixture_.complete(*provider, lab_request());
  EXPECT_EQ(result.error, sdk::ErrorKind::content_filter);
  EXPECT_EQ(result.error_message,
            "HTTP 400 content_filter: The response was filtered due to the prompt triggering Azure "
            "OpenAI's content management policy. Please modify your prompt and retry. (filtered: "
            "sexual (high))");
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(AzureOpenAiProviderTest, ClassifiesAuthNotFoundAndBadRequestWithoutRetrying) {
  struct Case {
    testing::ScriptedReply reply;
    sdk::ErrorKind kind;
    std::string message;
  };
  const std::vector<Case> cases = {
      {replies::unauthorized_401(), sdk::ErrorKind::auth,
       "HTTP 401: Access denied due to invalid subscription key or wrong API endpoint."},
      {ScriptedReply::json(
           403,
           R"({"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}})"),
       sdk::ErrorKind::auth,
       "HTTP 403 PermissionDenied: Principal does not have access to API/Operation."},
      {replies::deployment_not_found_404(), sdk::ErrorKind::not_found,
       "HTTP 404 DeploymentNotFound: The API deployment for this resource does not exist."},
      {replies::bad_request_400("Invalid value for 'max_tokens'"), sdk::ErrorKind::bad_request,
       "HTTP 400 BadRequest: Invalid value for 'max_tokens'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.message);
    FakeAzureOpenAi fake({.api_key = kKey});
    fake.script({c.reply});
    auto provider = fixture_.provider(options(fake));
    const auto result = fixture_.complete(*provider, lab_request());
    EXPECT_EQ(result.error, c.kind);
    EXPECT_EQ(result.error_message.rfind(c.message, 0), 0u) << result.error_message;
    EXPECT_EQ(fake.requests().size(), 1u);
    EXPECT_EQ(result.retries, 0);
  }
}

TEST_F(AzureOpenAiProviderTest, ReportsABodySlowerThanTheReadTimeoutWithoutRetrying) {
  FakeAzureOpenAi fake({.api_key = kKey});
  fake.script({replies::stream({"a", "b", "c", "d"}, true, 700ms)});
  auto provider = fixture_.provider(options(fake, {{"read_timeout_ms", 250}}));
  const auto result = fixture_.complete(*provider, lab_request());
  EXPECT_EQ(result.error, sdk::ErrorKind::timeout);
  EXPECT_NE(result.error_message.find("timed out after 250 ms"), std::string::npos)
      << result.error_message;
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(AzureOpenAiProviderTest, ReportsMalformedJsonAndMalformedStreams) {
  {
    FakeAzureOpenAi fake({.api_key = kKey, .stream = false});
    fake.script({ScriptedReply::json(200, R"({"choices": [ {"message": )")});
    auto provider = fixture_.provider(options(fake, {{"stream", false}}));
    const auto result = fixture_.complete(*provider, lab_request());
    EXPECT_EQ(result.error, sdk::ErrorKind::bad_response);
    EXPECT_EQ(result.error_message.rfind(
                  "HTTP 200 with a bad JSON answer: [json.exception.parse_error", 0),
              0u)
        << result.error_message;
  }
  {
    FakeAzureOpenAi fake({.api_key = kKey});
    fake.script(
        {ScriptedReply::sse({R"({"choices":[{"delta":{"content":"hi"},"index":0}]})", "{oops"})});
    auto provider = fixture_.provider(options(fake));
    const auto result = fixture_.complete(*provider, lab_request());
    EXPECT_EQ(result.error, sdk::ErrorKind::bad_response);
    EXPECT_EQ(result.error_message.rfind("HTTP 200 with a bad stream: malformed stream event:", 0),
              0u)
        << result.error_message;
  }
  {
    FakeAzureOpenAi fake({.api_key = kKey});
    fake.script({ScriptedReply::sse({R"({"choices":[{"delta":{"content":"hi"},"index":0}]})"})});
    auto provider = fixture_.provider(options(fake));
    const auto result = fixture_.complete(*provider, lab_request());
    EXPECT_EQ(result.error, sdk::ErrorKind::bad_response);
    EXPECT_EQ(result.error_message,
              "HTTP 200 with a bad stream: the stream ended without a finish_reason or [DONE]");
  }
}

TEST_F(AzureOpenAiProviderTest, CapsAnOversizedAnswer) {
  FakeAzureOpenAi fake({.api_key = kKey, .stream = false});
  fake.script({replies::completion(std::string(20'000, 'x'))});
  auto provider =
      fixture_.provider(options(fake, {{"stream", false}, {"max_response_bytes", 4096}}));
  const auto result = fixture_.complete(*provider, lab_request());
  EXPECT_EQ(result.error, sdk::ErrorKind::bad_response);
  EXPECT_NE(result.error_message.find("is larger than 4096 bytes"), std::string::npos)
      << result.error_message;
  EXPECT_EQ(fake.requests().size(), 1u);
}

TEST_F(AzureOpenAiProviderTest, TreatsFinishReasonContentFilterAsAContentFilterError) {
  FakeAzureOpenAi fake({.api_key = kKey, .stream = false});
  auto reply = replies::completion("partial");
  auto body = json::parse(reply.body);
  body["choices"][0]["finish_reason"] = "content_filter";
  reply.body = body.dump();
  fake.script({reply});
  auto provider = fixture_.provider(options(fake, {{"stream", false}}));
  const auto result = fixture_.complete(*provider, lab_request());
  EXPECT_EQ(result.error, sdk::ErrorKind::content_filter);
  EXPECT_EQ(result.content, "partial");
  EXPECT_EQ(result.error_message,
            "the answer was cut by the content filter (finish_reason content_filter)");
}

TEST_F(AzureOpenAiProviderTest, ExposesDeploymentAndMaxInFlight) {
  FakeAzureOpenAi fake({.api_key = kKey});
  auto provider =
      fixture_.provider(options(fake, {{"max_in_flight", 7}, {"deployment", "gpt-4o-mini"}}));
  EXPECT_EQ(provider->max_in_flight(), 7);
  EXPECT_EQ(provider->deployment(), "gpt-4o-mini");
}

}  // namespace
}  // namespace modelcompare::testing
