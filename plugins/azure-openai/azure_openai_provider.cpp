#include "azure_openai_provider.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>
#include <random>

#include "chat_request_builder.hpp"
#include "chat_response.hpp"
#include "default_credential.hpp"
#include "error_classification.hpp"
#include "modelcompare/sdk/host_services.hpp"
#include "prompt_token_estimate.hpp"
#include "sse_decoder.hpp"
#include "token_cache.hpp"

namespace modelcompare::azure_openai {
namespace {

namespace net = boost::asio;
using Clock = std::chrono::steady_clock;
using nlohmann::json;
using std::chrono::milliseconds;

milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

sdk::HostServices& require_host(const sdk::PluginContext& context) {
  if (!context.host) throw sdk::PluginError("azure-openai: the host gave no services");
  return *context.host;
}

// Response headers worth keeping with the result (request ids for support, region, quota left).
constexpr const char* kKeptHeaders[] = {"apim-request-id", "x-request-id", "x-ms-region",
                                        "x-ratelimit-remaining-requests",
                                        "x-ratelimit-remaining-tokens"};

// A random UUID (v4) naming one case's request and its retries, as Azure's
// x-ms-client-request-id header takes it: it lets support and server logs tie retries together.
std::string new_client_request_id() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  const std::uint64_t high = (random() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  const std::uint64_t low = (random() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

net::awaitable<void> sleep_for(milliseconds delay) {
  net::steady_timer timer(co_await net::this_coro::executor);
  timer.expires_after(delay);
  co_await timer.async_wait(net::as_tuple(net::use_awaitable));
}

}  // namespace

struct AzureOpenAiProvider::Attempt {
  sdk::ChatResult result;
  sdk::HttpResponse response;  // status and headers (for retry hints)
  bool retryable = false;
};

AzureOpenAiProvider::AzureOpenAiProvider(const sdk::PluginContext& context)
    : AzureOpenAiProvider(context, nullptr) {}

AzureOpenAiProvider::AzureOpenAiProvider(const sdk::PluginContext& context,
                                         std::unique_ptr<azure_auth::TokenCache> tokens)
    : id_(context.instance_id),
      host_(require_host(context)),
      options_(parse_provider_options(id_, context.options, host_)),
      limiter_(RateLimits{options_.rpm, options_.tpm, options_.max_in_flight},
               [this](const std::string& line) { host_.logger().info(id_ + ": " + line); }),
      backoff_(options_.initial_backoff, std::min(options_.max_retry_wait, milliseconds(30'000))),
      tokens_(std::move(tokens)) {
  if (options_.auth == AuthMode::entra && !tokens_)
    tokens_ =
        std::make_unique<azure_auth::TokenCache>(azure_auth::make_default_credential(host_), host_);
}

AzureOpenAiProvider::~AzureOpenAiProvider() = default;

net::awaitable<AzureOpenAiProvider::Attempt> AzureOpenAiProvider::attempt(
    const std::string& client_request_id, const std::string& url, const std::string& body,
    const std::string& token) {
  Attempt out;
  sdk::HttpRequest http;
  http.method = "POST";
  http.url = url;
  http.headers = chat_completions_headers(options_);
  http.headers.emplace_back("x-ms-client-request-id", client_request_id);
  if (!token.empty()) {
    const bool api_key_header =
        options_.auth == AuthMode::api_key &&
        (options_.api == ApiStyle::azure || options_.api == ApiStyle::model_inference);
    if (api_key_header) {
      http.headers.emplace_back("api-key", token);
    } else {
      http.headers.emplace_back("Authorization", "Bearer " + token);
    }
  }
  http.body = body;
  http.connect_timeout = options_.connect_timeout;
  http.read_timeout = options_.read_timeout;
  http.total_timeout = options_.total_timeout;
  http.max_response_bytes = options_.max_response_bytes;

  const auto start = Clock::now();
  ChatStreamAccumulator stream;
  std::string raw;  // kept in case the server ignored "stream" and answered with plain JSON
  std::string stream_error;
  std::optional<milliseconds> first_token;
  SseDecoder decoder([&](std::string_view data) {
    if (!stream_error.empty()) return;
    try {
      if (stream.add_event(data) && !first_token) first_token = since(start);
    } catch (const std::exception& error) {
      stream_error = std::string("malformed stream event: ") + error.what();
    }
  });
  if (options_.stream) {
    http.on_body_chunk = [&](std::string_view piece) {
      raw.append(piece);
      decoder.feed(piece);
      return stream_error.empty();
    };
  }

  out.response = co_await host_.http().send(http);
  sdk::ChatResult& result = out.result;
  result.latency = since(start);
  const auto& response = out.response;
  for (const char* name : kKeptHeaders)
    if (auto value = response.header(name)) result.extra["headers"][name] = *value;
  if (response.status != 0) result.extra["http_status"] = response.status;

  if (response.error != sdk::TransportError::none) {
    const auto failure = classify_transport(response);
    result.error = failure.kind;
    result.error_message = failure.message;
    out.retryable = failure.retryable;
    co_return out;
  }
  if (response.status / 100 != 2) {
    const auto failure = classify_http_status(response.status, response.body);
    result.error = failure.kind;
    result.error_message = failure.message;
    out.retryable = failure.retryable;
    co_return out;
  }

  const auto content_type = response.header("content-type").value_or("");
  const bool is_sse = content_type.find("text/event-stream") != std::string::npos;
  try {
    if (options_.stream && is_sse) {
      decoder.finish();
      if (!stream_error.empty()) throw std::runtime_error(stream_error);
      if (!stream.done() && !stream.finished())
        throw std::runtime_error("the stream ended without a finish_reason or [DONE]");
      stream.fill(result);
      result.time_to_first_token = first_token;
    } else {
      read_chat_completion(options_.stream ? raw : response.body, result);
    }
  } catch (const std::exception& error) {
    result.error = sdk::ErrorKind::bad_response;
    result.error_message = std::string("HTTP ") + std::to_string(response.status) + " with " +
                           (options_.stream && is_sse ? "a bad stream: " : "a bad JSON answer: ") +
                           error.what();
    co_return out;
  }
  if (result.finish_reason == "content_filter") {
    result.error = sdk::ErrorKind::content_filter;
    result.error_message =
        "the answer was cut by the content filter (finish_reason content_filter)";
  }
  co_return out;
}

net::awaitable<sdk::ChatResult> AzureOpenAiProvider::complete(const sdk::ChatRequest& request) {
  sdk::ChatResult result;
  const std::string url = chat_completions_url(options_);
  std::string body;
  try {
    body = chat_completions_body(options_, request).dump();
  } catch (const sdk::PluginError& error) {
    result.error = sdk::ErrorKind::bad_request;
    result.error_message = error.what();
    co_return result;
  }
  const std::int64_t estimate = rate_limit_tokens(request, options_.detail);
  const std::string where =
      id_ + " " + request.case_key + " turn " + std::to_string(request.turn + 1);
  const auto case_start = Clock::now();
  const std::string client_request_id = new_client_request_id();
  int retries = 0;
  int transient_retries = 0;
  bool token_refreshed = false;
  std::string rejected_token;
  json waits = json::array();

  for (;;) {
    std::string credential;
    if (options_.auth == AuthMode::entra) {
      auto outcome = co_await tokens_->get(options_.entra_scope, rejected_token);
      if (!outcome.token) {
        result.error = sdk::ErrorKind::auth;
        result.error_message = "Entra ID: " + outcome.error;
        result.retries = retries;
        co_return result;
      }
      credential = outcome.token->token;
    } else if (options_.auth == AuthMode::api_key) {
      credential = options_.api_key;
    }

    auto permit = co_await limiter_.acquire(estimate);
    Attempt attempt_result = co_await attempt(client_request_id, url, body, credential);
    permit.reset();
    sdk::ChatResult& answer = attempt_result.result;
    if (answer.error == sdk::ErrorKind::rate_limited) {
      limiter_.on_throttled();
    } else if (answer.ok()) {
      limiter_.on_success();
    }

    const bool unauthorized = attempt_result.response.status == 401;
    if (unauthorized && options_.auth == AuthMode::entra && !token_refreshed) {
      // The token may have been revoked or rotated early: one fresh token, one more try.
      token_refreshed = true;
      rejected_token = credential;
      ++retries;
      host_.logger().warn(
          where + ": 401, retrying once with a fresh Entra ID token: " + answer.error_message);
      continue;
    }
    if (!answer.ok() && attempt_result.retryable && transient_retries < options_.max_retries) {
      auto delay = server_retry_delay(attempt_result.response, host_.now());
      const char* source = delay ? "as the server asked" : "backoff";
      if (!delay) delay = backoff_.delay(transient_retries);
      delay = std::min(*delay, options_.max_retry_wait);
      ++transient_retries;
      ++retries;
      host_.logger().warn(where + ": retry " + std::to_string(transient_retries) + "/" +
                          std::to_string(options_.max_retries) + " in " +
                          std::to_string(delay->count()) + " ms (" + source + ") after " +
                          sdk::to_string(answer.error) + ": " + answer.error_message);
      const auto wait_start = Clock::now();
      co_await sleep_for(*delay);
      waits.push_back({{"after", sdk::to_string(answer.error)},
                       {"status", attempt_result.response.status},
                       {"planned_ms", delay->count()},
                       {"waited_ms", since(wait_start).count()},
                       {"source", source}});
      continue;
    }

    result = std::move(answer);
    result.retries = retries;
    if (!waits.empty()) result.extra["retry_waits"] = std::move(waits);
    result.extra["total_ms"] = since(case_start).count();
    result.extra["client_request_id"] = client_request_id;
    result.extra["api"] = to_string(options_.api);
    result.extra["stream"] = options_.stream;
    if (!result.ok() && retries > 0)
      result.error_message += " (after " + std::to_string(retries) + " retries)";
    co_return result;
  }
}

}  // namespace modelcompare::azure_openai
