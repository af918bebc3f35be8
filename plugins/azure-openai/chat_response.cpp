#include "chat_response.hpp"

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace modelcompare::azure_openai {
namespace {

using nlohmann::json;

std::optional<std::int64_t> number(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  // A count no int64 holds (1e30, NaN, 2^64 - 1) is as good as absent; converting it would be
  // undefined behaviour (found by the azure_stream fuzz target).
  if (it->is_number_float()) {
    const double value = it->get<double>();
    if (!(value > -9.2e18 && value < 9.2e18)) return std::nullopt;
    return static_cast<std::int64_t>(value);
  }
  if (it->is_number_unsigned() &&
      it->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  return it->get<std::int64_t>();
}

std::string text(const json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool non_empty(const json& value) {
  return !value.is_null() && !value.empty();
}

// Merges one choice's content filter results (they may come in several events).
void merge_filters(json& into, const json& results) {
  if (!results.is_object()) return;
  if (!into.is_object()) into = json::object();
  for (const auto& [category, verdict] : results.items()) into[category] = verdict;
}

}  // namespace

sdk::Usage parse_usage(const json& usage) {
  sdk::Usage out;
  out.prompt_tokens = number(usage, "prompt_tokens").value_or(0);
  out.completion_tokens = number(usage, "completion_tokens").value_or(0);
  out.total_tokens =
      number(usage, "total_tokens").value_or(out.prompt_tokens + out.completion_tokens);
  if (usage.is_object()) {
    if (auto it = usage.find("prompt_tokens_details"); it != usage.end())
      out.cached_prompt_tokens = number(*it, "cached_tokens");
    if (auto it = usage.find("completion_tokens_details"); it != usage.end())
      out.reasoning_tokens = number(*it, "reasoning_tokens");
  }
  return out;
}

void read_chat_completion(std::string_view body, sdk::ChatResult& result) {
  const json answer = json::parse(body);
  if (!answer.is_object()) throw std::runtime_error("the answer is not a JSON object");
  const auto choices = answer.find("choices");
  if (choices == answer.end() || !choices->is_array() || choices->empty())
    throw std::runtime_error("the answer has no choices");
  const json& choice = choices->front();
  if (!choice.is_object()) throw std::runtime_error("choices[0] is not an object");
  if (auto message = choice.find("message"); message != choice.end())
    result.content = text(*message, "content");
  result.finish_reason = text(choice, "finish_reason");
  if (auto usage = answer.find("usage"); usage != answer.end() && usage->is_object()) {
    result.usage = parse_usage(*usage);
    result.usage_reported = true;
  }
  result.model = text(answer, "model");
  if (auto id = text(answer, "id"); !id.empty()) result.extra["id"] = id;
  if (auto it = answer.find("system_fingerprint"); it != answer.end())
    result.extra["system_fingerprint"] = *it;
  if (auto it = answer.find("prompt_filter_results"); it != answer.end() && non_empty(*it))
    result.extra["prompt_filter_results"] = *it;
  if (auto it = choice.find("content_filter_results"); it != choice.end() && non_empty(*it))
    result.extra["content_filter_results"] = *it;
}

bool ChatStreamAccumulator::add_event(std::string_view data) {
  if (data == "[DONE]") {
    done_ = true;
    return false;
  }
  const json event = json::parse(data);
  if (!event.is_object()) throw std::runtime_error("a stream event is not a JSON object");
  ++events_;
  if (auto model = text(event, "model"); !model.empty()) model_ = model;
  if (auto id = text(event, "id"); !id.empty()) id_ = id;
  if (auto it = event.find("system_fingerprint"); it != event.end() && !it->is_null())
    system_fingerprint_ = *it;
  if (auto it = event.find("prompt_filter_results"); it != event.end() && non_empty(*it))
    prompt_filter_results_ = *it;
  if (auto it = event.find("usage"); it != event.end() && it->is_object())
    usage_ = parse_usage(*it);

  bool carried_text = false;
  const auto choices = event.find("choices");
  if (choices == event.end() || !choices->is_array()) return false;
  for (const auto& choice : *choices) {
    if (!choice.is_object() || number(choice, "index").value_or(0) != 0) continue;
    if (auto it = choice.find("content_filter_results"); it != choice.end())
      merge_filters(content_filter_results_, *it);
    if (auto reason = text(choice, "finish_reason"); !reason.empty()) finish_reason_ = reason;
    const auto delta = choice.find("delta");
    if (delta == choice.end()) continue;
    const auto piece = text(*delta, "content");
    if (!piece.empty()) {
      content_ += piece;
      carried_text = true;
    }
  }
  return carried_text;
}

void ChatStreamAccumulator::fill(sdk::ChatResult& result) const {
  result.content = content_;
  result.finish_reason = finish_reason_;
  result.model = model_;
  if (usage_) {
    result.usage = *usage_;
    result.usage_reported = true;
  }
  if (!id_.empty()) result.extra["id"] = id_;
  if (!system_fingerprint_.is_null()) result.extra["system_fingerprint"] = system_fingerprint_;
  if (non_empty(prompt_filter_results_))
    result.extra["prompt_filter_results"] = prompt_filter_results_;
  if (non_empty(content_filter_results_))
    result.extra["content_filter_results"] = content_filter_results_;
  result.extra["stream_events"] = events_;
}

}  // namespace modelcompare::azure_openai
