#include "chat_request_builder.hpp"

#include "image_data_url.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::azure_openai {
namespace {

using nlohmann::json;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

json message_content(const ProviderOptions& options, const sdk::Message& message) {
  const bool single_text =
      message.content.size() == 1 && message.content[0].kind == sdk::ContentPart::Kind::text;
  // System and assistant messages take text only; a lone text part goes as a plain string.
  if (message.role != sdk::Role::user || single_text) return message.text();
  json parts = json::array();
  for (const auto& part : message.content) {
    if (part.kind == sdk::ContentPart::Kind::text) {
      parts.push_back({{"type", "text"}, {"text", part.text}});
    } else {
      parts.push_back({{"type", "image_url"},
                       {"image_url", {{"url", image_data_url(part)}, {"detail", options.detail}}}});
    }
  }
  return parts;
}

}  // namespace

std::string chat_completions_url(const ProviderOptions& options) {
  const std::string& base = options.endpoint;
  std::string url;
  switch (options.api) {
    case ApiStyle::azure:
      url = base + "/openai/deployments/" + options.deployment + "/chat/completions";
      break;
    case ApiStyle::azure_v1:
      url = (ends_with(base, "/openai/v1") ? base : base + "/openai/v1") + "/chat/completions";
      break;
    case ApiStyle::model_inference:
      url = (ends_with(base, "/models") ? base : base + "/models") + "/chat/completions";
      break;
    case ApiStyle::openai: url = base + "/chat/completions"; break;
  }
  if (!options.api_version.empty()) url += "?api-version=" + options.api_version;
  return url;
}

json chat_completions_body(const ProviderOptions& options, const sdk::ChatRequest& request) {
  json body = json::object();
  if (options.api != ApiStyle::azure) body["model"] = options.deployment;
  json messages = json::array();
  for (const auto& message : request.messages)
    messages.push_back(
        {{"role", sdk::to_string(message.role)}, {"content", message_content(options, message)}});
  body["messages"] = std::move(messages);

  const auto& params = request.params;
  if (params.max_tokens) body[options.max_tokens_field] = *params.max_tokens;
  if (params.temperature) {
    const double limit = options.api == ApiStyle::model_inference ? 1.0 : 2.0;
    if (*params.temperature < 0 || *params.temperature > limit)
      throw sdk::PluginError("temperature " + json(*params.temperature).dump() +
                             " is outside the range 0 to " + json(limit).dump() + " that api '" +
                             to_string(options.api) + "' accepts");
    body["temperature"] = *params.temperature;
  }
  if (params.top_p) body["top_p"] = *params.top_p;
  if (params.seed) body["seed"] = *params.seed;
  if (!params.stop.empty()) body["stop"] = params.stop;
  if (options.stream) {
    body["stream"] = true;
    // The model-inference API rejects parameters it does not know; it has no stream_options.
    if (options.include_usage && options.api != ApiStyle::model_inference)
      body["stream_options"] = {{"include_usage", true}};
  }
  return body;
}

sdk::HttpHeaders chat_completions_headers(const ProviderOptions& options) {
  return {{"Content-Type", "application/json"},
          {"Accept", options.stream ? "text/event-stream" : "application/json"}};
}

}  // namespace modelcompare::azure_openai
