// The pure pieces: URLs, SSE decoding, answer parsing, error classification, retry hints,
// the token estimate.
#include <gtest/gtest.h>

#include "chat_request_builder.hpp"
#include "chat_response.hpp"
#include "error_classification.hpp"
#include "image_data_url.hpp"
#include "modelcompare/sdk/base64.hpp"
#include "prompt_token_estimate.hpp"
#include "provider_fixture.hpp"
#include "retry_delay.hpp"
#include "sse_decoder.hpp"

namespace modelcompare::azure_openai {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

ProviderOptions style(ApiStyle api, std::string endpoint, std::string version) {
  ProviderOptions options;
  options.api = api;
  options.endpoint = std::move(endpoint);
  options.deployment = "gpt-4o";
  options.api_version = std::move(version);
  return options;
}

TEST(ChatCompletionsUrl, FollowsTheApiStyle) {
  EXPECT_EQ(
      chat_completions_url(style(ApiStyle::azure, "https://lab.openai.azure.com", "2024-10-21")),
      "https://lab.openai.azure.com/openai/deployments/gpt-4o/chat/"
      "completions?api-version=2024-10-21");
  EXPECT_EQ(chat_completions_url(style(ApiStyle::azure_v1, "https://lab.openai.azure.com", "")),
            "https://lab.openai.azure.com/openai/v1/chat/completions");
  EXPECT_EQ(
      chat_completions_url(style(ApiStyle::azure_v1, "https://lab.openai.azure.com/openai/v1", "")),
      "https://lab.openai.azure.com/openai/v1/chat/completions");
  EXPECT_EQ(
      chat_completions_url(style(ApiStyle::model_inference, "https://lab.services.ai.azure.com",
                                 "2024-05-01-preview")),
      "https://lab.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview");
  EXPECT_EQ(chat_completions_url(style(ApiStyle::openai, "http://localhost:11434/v1", "")),
            "http://localhost:11434/v1/chat/completions");
}

TEST(ChatCompletionsBody, UsesMaxCompletionTokensWhenAskedAndLowDetail) {
  auto options = style(ApiStyle::azure, "https://x", "2024-10-21");
  options.max_tokens_field = "max_completion_tokens";
  options.detail = "low";
  const auto body = chat_completions_body(options, testing::lab_request());
  EXPECT_EQ(body["max_completion_tokens"], 2000);
  EXPECT_FALSE(body.contains("max_tokens"));
  EXPECT_EQ(body["messages"][0]["content"][1]["image_url"]["detail"], "low");
  EXPECT_EQ(body["stream_options"]["include_usage"], true);
}

TEST(ImageDataUrl, TakesTheMimeTypeFromTheBytes) {
  EXPECT_EQ(sniff_image_mime("\x89PNG\r\n\x1a\nrest"), "image/png");
  EXPECT_EQ(sniff_image_mime(testing::fake_jpeg()), "image/jpeg");
  EXPECT_EQ(sniff_image_mime("GIF89a..."), "image/gif");
  EXPECT_EQ(sniff_image_mime(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(sniff_image_mime("hello"), "");
  EXPECT_EQ(sdk::base64_encode("Man"), "TWFu");
  EXPECT_EQ(sdk::base64_encode("Ma"), "TWE=");
  EXPECT_EQ(sdk::base64_encode("M"), "TQ==");
  EXPECT_EQ(sdk::base64_encode(std::string("\xff\xfe\x00", 3)), "//4A");
  sdk::ContentPart text_file;
  text_file.kind = sdk::ContentPart::Kind::image;
  text_file.image_bytes = "not an image";
  text_file.image_source = "notes.txt";
  try {
    image_data_url(text_file);
    FAIL() << "expected an error";
  } catch (const sdk::PluginError& error) {
    EXPECT_STREQ(error.what(), "image notes.txt is not a PNG, JPEG, GIF, WebP or BMP file");
  }
}

TEST(SseDecoder, JoinsEventsSplitAnywhereWithAnyLineEnd) {
  std::vector<std::string> events;
  SseDecoder decoder([&](std::string_view data) { events.emplace_back(data); });
  const std::string stream =
      ": keep-alive\r\ndata: {\"a\":1}\r\n\r\nevent: x\ndata: line1\ndata: line2\n\ndata: [DONE]";
  for (char c : stream) decoder.feed(std::string_view(&c, 1));
  decoder.finish();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0], "{\"a\":1}");
  EXPECT_EQ(events[1], "line1\nline2");
  EXPECT_EQ(events[2], "[DONE]");
}

TEST(ChatResponse, ToleratesNullsAndMissingFieldsInUsage) {
  const auto usage = parse_usage(json::parse(
      R"({"prompt_tokens":10,"completion_tokens":null,"prompt_tokens_details":{"cached_tokens":null},"completion_tokens_details":{"reasoning_tokens":576}})"));
  EXPECT_EQ(usage.prompt_tokens, 10);
  EXPECT_EQ(usage.completion_tokens, 0);
  EXPECT_EQ(usage.total_tokens, 10);
  EXPECT_FALSE(usage.cached_prompt_tokens);
  EXPECT_EQ(usage.reasoning_tokens, 576);
}

TEST(ChatResponse, ReadsTheSpecExampleWithoutObjectOrModel) {
  sdk::ChatResult result;
  read_chat_completion(
      R"({"id":"chatcmpl-7R1","created":1686676106,"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Ahoy matey!"}}],"usage":{"completion_tokens":557,"prompt_tokens":33,"total_tokens":590}})",
      result);
  EXPECT_EQ(result.content, "Ahoy matey!");
  EXPECT_EQ(result.usage.total_tokens, 590);
  EXPECT_EQ(result.model, "");
}

TEST(ChatResponse, SaysWhatIsMissingFromAnAnswer) {
  sdk::ChatResult result;
  try {
    read_chat_completion(R"({"choices":[]})", result);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "the answer has no choices");
  }
}

TEST(ErrorClassification, ReadsTheSpecSpellingOfTheContentFilterToo) {
  const auto error = classify_http_status(
      400,
      R"({"error":{"code":"BadRequest","message":"filtered","inner_error":{"code":"ResponsibleAIPolicyViolation","content_filter_results":{"violence":{"filtered":true,"severity":"medium"}}}}})");
  EXPECT_EQ(error.kind, sdk::ErrorKind::content_filter);
  EXPECT_EQ(error.message, "HTTP 400 BadRequest: filtered (filtered: violence (medium))");
  EXPECT_FALSE(error.retryable);
}

TEST(ErrorClassification, KeepsTheStartOfANonJsonBody) {
  const auto error = classify_http_status(502, "<html>Bad Gateway</html>");
  EXPECT_EQ(error.kind, sdk::ErrorKind::server_error);
  EXPECT_EQ(error.message, "HTTP 502: <html>Bad Gateway</html>");
  EXPECT_TRUE(error.retryable);
  EXPECT_TRUE(classify_http_status(408, "").retryable);
  EXPECT_EQ(classify_http_status(408, "").kind, sdk::ErrorKind::timeout);
}

sdk::HttpResponse with_headers(sdk::HttpHeaders headers) {
  sdk::HttpResponse response;
  response.status = 429;
  response.headers = std::move(headers);
  return response;
}

TEST(RetryDelay, PrefersMillisecondsThenSecondsThenDateThenTokenReset) {
  const auto now =
      std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(
      server_retry_delay(with_headers({{"Retry-After-Ms", "300"}, {"retry-after", "9"}}), now),
      300ms);
  EXPECT_EQ(server_retry_delay(with_headers({{"retry-after", "2.5"}}), now), 2500ms);
  EXPECT_EQ(
      server_retry_delay(with_headers({{"retry-after", "Wed, 21 Oct 2015 07:28:07 GMT"}}), now),
      7000ms);
  EXPECT_EQ(server_retry_delay(with_headers({{"x-rate-limit-reset-tokens", "55"}}), now), 55000ms);
  EXPECT_EQ(server_retry_delay(with_headers({{"x-ratelimit-reset-tokens", "1m30s"}}), now),
            90000ms);
  EXPECT_FALSE(server_retry_delay(with_headers({{"retry-after", "soon"}}), now));
  EXPECT_FALSE(server_retry_delay(with_headers({}), now));
  EXPECT_EQ(parse_reset_duration("250ms"), 250ms);
  EXPECT_FALSE(parse_reset_duration("5 parsecs"));
}

TEST(RetryDelay, BackoffDoublesUpToTheCapWithJitterBelow) {
  Backoff backoff(100ms, 1000ms);
  for (int retry = 0; retry < 6; ++retry) {
    const auto base = std::min(1000.0, 100.0 * (1 << retry));
    const auto delay = backoff.delay(retry).count();
    EXPECT_GE(delay, static_cast<long>(base * 0.75) - 1) << retry;
    EXPECT_LE(delay, static_cast<long>(base)) << retry;
  }
}

TEST(PromptTokenEstimate, CountsTextImagesAndMaxTokensAsAzureDoes) {
  const auto request = testing::lab_request();
  const auto prompt = estimate_prompt_tokens(request, "auto");
  std::int64_t characters = 0;
  for (const auto& m : request.messages) characters += static_cast<std::int64_t>(m.text().size());
  EXPECT_EQ(prompt, 3 + 3 * 4 + 765 + (characters + 3) / 4);
  EXPECT_EQ(estimate_prompt_tokens(request, "low"), prompt - 765 + 85);
  EXPECT_EQ(rate_limit_tokens(request, "auto"), prompt + 2000);
}

}  // namespace
}  // namespace modelcompare::azure_openai
