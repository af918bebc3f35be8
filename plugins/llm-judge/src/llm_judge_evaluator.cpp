#include "llm_judge_evaluator.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>

#include "grade_reader.hpp"
#include "image_part.hpp"
#include "judge_prompt.hpp"
#include "modelcompare/sdk/host_services.hpp"

namespace modelcompare::llm_judge {

namespace asio = boost::asio;
using nlohmann::json;

namespace {

constexpr std::size_t kKeptReply = 4000;  // characters of the judge's reply kept in details

std::string shortened(const std::string& text) {
  if (text.size() <= kKeptReply) return text;
  std::size_t cut = kKeptReply;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return text.substr(0, cut) + "...";
}

}  // namespace

LlmJudgeEvaluator::LlmJudgeEvaluator(const sdk::PluginContext& context)
    : options_(parse_judge_options(context)), host_(context.host) {
  if (host_) judge_ = host_->provider(options_.judge);
  if (!judge_)
    throw sdk::PluginError("llm-judge: option 'judge': '" + options_.judge +
                           "' is not a provider of this config (the judge must be one of its "
                           "\"providers\" ids)");
  // A fixed reference is checked now, so a wrong path stops the run before anything is sent.
  if (!options_.reference_image.empty() && options_.reference_image.find("{{") == std::string::npos)
    image_part(context.resolve(options_.reference_image), "llm-judge: option 'reference_image'");
}

sdk::ChatResult LlmJudgeEvaluator::ask(const sdk::ChatRequest& request) const {
  auto& io = host_->io_context();
  // Waiting here on the io_context's own thread would wait forever.
  if (io.get_executor().running_in_this_thread())
    throw sdk::PluginError("llm-judge: evaluate() was called on the host's network thread");
  sdk::Provider* judge = judge_;
  // The request is copied into the coroutine's frame (no temporary crosses the co_await).
  auto future = asio::co_spawn(
      io,
      [judge, request]() -> asio::awaitable<sdk::ChatResult> {
        co_return co_await judge->complete(request);
      },
      asio::use_future);
  if (future.wait_for(options_.timeout) != std::future_status::ready) {
    sdk::ChatResult late;
    late.error = sdk::ErrorKind::timeout;
    late.error_message =
        "no grade within " + std::to_string(options_.timeout.count()) + " s (timeout_seconds)";
    return late;  // the request finishes on the io_context; its result is dropped
  }
  try {
    return future.get();
  } catch (const std::exception& e) {
    sdk::ChatResult failed;
    failed.error = sdk::ErrorKind::plugin_error;
    failed.error_message = std::string("the judge's provider threw: ") + e.what();
    return failed;
  }
}

sdk::EvaluationResult LlmJudgeEvaluator::evaluate(const sdk::EvaluationInput& input) {
  auto prompt = build_judge_prompt(options_, input);

  sdk::ChatRequest request;
  request.provider_id = options_.judge;
  request.scenario_id = input.scenario_id;
  request.case_key = "llm-judge:" + input.provider_id + ":" + input.case_key;
  request.turn = input.turn;
  request.repeat = input.repeat;
  request.messages = std::move(prompt.messages);
  request.params.max_tokens = options_.max_tokens;
  request.params.temperature = options_.temperature;

  // The judge's own cost, reported apart from the compared model's.
  json usage = {{"prompt_tokens", 0}, {"completion_tokens", 0}, {"total_tokens", 0}};
  json judge = {{"provider", options_.judge}, {"requests", 0}, {"latency_ms", 0}};
  std::string model, problem, reply, retry_reason;
  std::optional<Grade> grade;
  bool usage_reported = true;
  for (int attempt = 0; attempt < 2 && !grade; ++attempt) {
    if (attempt == 1) {
      retry_reason = problem;
      request.messages.push_back({sdk::Role::assistant, {sdk::ContentPart::from_text(reply)}});
      request.messages.push_back(ask_again(problem, options_.scale));
    }
    const sdk::ChatResult result = ask(request);
    judge["requests"] = judge["requests"].get<int>() + 1;
    judge["latency_ms"] = judge["latency_ms"].get<std::int64_t>() + result.latency.count();
    if (result.ok()) {
      usage["prompt_tokens"] =
          usage["prompt_tokens"].get<std::int64_t>() + result.usage.prompt_tokens;
      usage["completion_tokens"] =
          usage["completion_tokens"].get<std::int64_t>() + result.usage.completion_tokens;
      usage["total_tokens"] = usage["total_tokens"].get<std::int64_t>() + result.usage.total_tokens;
      usage_reported = usage_reported && result.usage_reported;
      if (!result.model.empty()) model = result.model;
    }
    if (!result.ok()) {
      problem = std::string("the judge '") + options_.judge + "' failed (" +
                sdk::to_string(result.error) + "): " + result.error_message;
      break;  // the provider already retried what was retryable
    }
    reply = result.content;
    auto reading = read_grade(reply, options_.scale);
    grade = std::move(reading.grade);
    problem = reading.problem;
  }
  if (!model.empty()) judge["model"] = model;
  judge["usage"] = usage;
  if (!usage_reported) judge["usage_reported"] = false;

  sdk::EvaluationResult result;
  result.details = {{"judge", judge}, {"scale", options_.scale}, {"pass", options_.pass}};
  if (!prompt.images.empty()) result.details["images"] = prompt.images;
  if (!reply.empty()) result.details["reply"] = shortened(reply);
  if (grade) {
    result.score = grade->points / options_.scale;
    result.passed = result.score + 1e-9 >= options_.pass;
    result.details["grade"] = grade->points;
    result.details["reason"] = shortened(grade->reason);
    if (!retry_reason.empty()) result.details["retried_because"] = retry_reason;
    result.details["findings"] = json::array();
    if (!result.passed)
      result.details["findings"].push_back("the judge gave " + plain_number(grade->points) + "/" +
                                           std::to_string(options_.scale) + ": " +
                                           shortened(grade->reason).substr(0, 300));
  } else {
    // No grade: the evaluation did not happen; the judge's tokens are still accounted for.
    result.score = 0;
    result.passed = false;
    const bool unreadable = problem.rfind("the judge '", 0) != 0;
    result.details["error"] =
        unreadable ? "no readable grade after one retry: " + problem : problem;
    result.details["findings"] = json::array({result.details["error"]});
  }
  return result;
}

}  // namespace modelcompare::llm_judge
