#include "mock/mock_provider.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>

#include "mock/case_draw.hpp"
#include "mock/token_rule.hpp"
#include "modelcompare/sdk/prompt_template.hpp"

namespace modelcompare::mock {
namespace {

using std::chrono::milliseconds;

// Waits on a timer of the coroutine's own executor (the host's io_context): the thread is free
// for other requests meanwhile. False when the wait was cancelled.
boost::asio::awaitable<bool> simulate_wait(milliseconds duration) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  timer.expires_after(duration);
  auto [error] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
  co_return !error;
}

milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

milliseconds scaled(double ms, double factor) {
  return milliseconds(static_cast<std::int64_t>(std::llround(std::max(0.0, ms * factor))));
}

// Cuts the answer at the first stop sequence, as the API does (the sequence is not returned).
bool apply_stop(std::string& content, const std::vector<std::string>& stop) {
  std::size_t cut = std::string::npos;
  for (const auto& sequence : stop) {
    if (sequence.empty()) continue;
    cut = std::min(cut, content.find(sequence));
  }
  if (cut == std::string::npos) return false;
  content.resize(cut);
  return true;
}

}  // namespace

MockProvider::MockProvider(const sdk::PluginContext& context)
    : id_(context.instance_id), options_(parse_mock_options(context)), host_(context.host) {
  if (options_.responses) {
    try {
      book_ = ResponseBook::load(*options_.responses);
    } catch (const sdk::PluginError& error) {
      throw sdk::PluginError("mock provider '" + id_ + "': option 'responses': " + error.what());
    }
  }
}

std::string MockProvider::answer_template(const sdk::ChatRequest& request,
                                          std::string& source) const {
  if (book_) {
    if (const auto* entry = book_->find(request.provider_id, request.scenario_id, request.turn + 1,
                                        request.repeat + 1)) {
      source = entry->origin;
      return entry->text;
    }
  }
  if (options_.answer_template) {
    source = "option 'template'";
    return *options_.answer_template;
  }
  if (book_ && book_->fallback()) {
    source = options_.responses->string() + ": fallback";
    return *book_->fallback();
  }
  source = "built-in template";
  return kDefaultTemplate;
}

std::optional<MockPlan> MockProvider::plan(const sdk::ChatRequest& request,
                                           std::string& problem) const {
  if (request.messages.empty() || request.messages.back().role != sdk::Role::user) {
    problem = "HTTP 400: the conversation must end with a user message (got " +
              std::to_string(request.messages.size()) + " messages)";
    return std::nullopt;
  }
  if (request.params.max_tokens && *request.params.max_tokens < 1) {
    problem = "HTTP 400: max_tokens must be at least 1, got " +
              std::to_string(*request.params.max_tokens);
    return std::nullopt;
  }

  MockPlan plan;
  int images = 0;
  for (const auto& message : request.messages) {
    for (const auto& part : message.content) images += part.kind == sdk::ContentPart::Kind::image;
  }
  const nlohmann::json vars = {{"provider", request.provider_id},
                               {"scenario", request.scenario_id},
                               {"case_key", request.case_key},
                               {"turn", request.turn + 1},
                               {"repeat", request.repeat + 1},
                               {"messages", request.messages.size()},
                               {"images", images},
                               {"prompt", request.messages.back().text()}};
  plan.content = sdk::render_template(answer_template(request, plan.source), vars);
  plan.finish_reason = "stop";
  apply_stop(plan.content, request.params.stop);
  if (request.params.max_tokens && text_tokens(plan.content) > *request.params.max_tokens) {
    plan.content = std::string(truncate_to_tokens(plan.content, *request.params.max_tokens));
    plan.finish_reason = "length";
  }

  plan.usage.prompt_tokens = prompt_tokens(request.messages);
  plan.usage.completion_tokens = text_tokens(plan.content);
  plan.usage.total_tokens = plan.usage.prompt_tokens + plan.usage.completion_tokens;

  // One factor per case scales both times, so a slow case is slow throughout, like a busy server.
  const double factor =
      1.0 + options_.jitter * (2.0 * case_draw(options_.seed, request, "latency") - 1.0);
  plan.ttft = scaled(static_cast<double>(options_.ttft.count()), factor);
  const double latency =
      options_.latency
          ? static_cast<double>(options_.latency->count())
          : static_cast<double>(options_.ttft.count()) +
                options_.ms_per_token * static_cast<double>(plan.usage.completion_tokens);
  plan.latency = std::max(plan.ttft, scaled(latency, factor));
  plan.failure = pick_failure(options_.failures, case_draw(options_.seed, request, "failure"));
  return plan;
}

boost::asio::awaitable<sdk::ChatResult> MockProvider::complete(const sdk::ChatRequest& request) {
  const auto start = std::chrono::steady_clock::now();
  sdk::ChatResult result;
  result.model = options_.model;

  std::string problem;
  const auto planned = plan(request, problem);
  if (!planned) {
    result.error = sdk::ErrorKind::bad_request;
    result.error_message = problem;
    result.latency = elapsed_since(start);
    co_return result;
  }

  bool finished = true;
  if (planned->failure != InjectedFailure::none) {
    // A 429 or 500 comes back about when the first token would have; a timeout hangs; a
    // malformed body arrives whole.
    milliseconds waited = planned->ttft;
    if (planned->failure == InjectedFailure::timeout)
      waited = options_.timeout.value_or(planned->latency);
    else if (planned->failure == InjectedFailure::malformed)
      waited = planned->latency;
    finished = co_await simulate_wait(waited);
    result.error = error_kind(planned->failure);
    result.error_message = failure_message(planned->failure, options_.deployment, waited);
    result.extra["injected_failure"] = to_string(planned->failure);
    if (planned->failure == InjectedFailure::rate_limited)
      result.extra["retry_after_ms"] = kRetryAfter.count();
  } else {
    const milliseconds first_token = planned->ttft;
    finished = co_await simulate_wait(first_token);
    if (finished) {
      result.time_to_first_token = elapsed_since(start);
      const milliseconds rest = planned->latency - planned->ttft;
      finished = co_await simulate_wait(rest);
    }
    if (finished) {
      result.content = planned->content;
      result.finish_reason = planned->finish_reason;
      result.usage = planned->usage;
      result.usage_reported = true;
    }
  }
  if (!finished) {
    result.error = sdk::ErrorKind::network;
    result.error_message = "request to deployment '" + options_.deployment + "' was cancelled";
    result.time_to_first_token.reset();
  }
  result.latency = elapsed_since(start);
  result.extra["mock"] = {{"source", planned->source},
                          {"simulated_ttft_ms", planned->ttft.count()},
                          {"simulated_latency_ms", planned->latency.count()}};
  if (host_) {
    host_->logger().debug(request.provider_id + " " + request.scenario_id + " turn " +
                          std::to_string(request.turn + 1) + " repeat " +
                          std::to_string(request.repeat + 1) + ": " + planned->source +
                          (result.ok() ? "" : std::string(", ") + sdk::to_string(result.error)));
  }
  co_return result;
}

}  // namespace modelcompare::mock
