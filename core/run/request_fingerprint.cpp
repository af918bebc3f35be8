#include "run/request_fingerprint.hpp"

#include "config/config_loader.hpp"
#include "config/sha256.hpp"
#include "plugins/secret_redactor.hpp"

namespace modelcompare::run {

nlohmann::json options_without_secrets(const nlohmann::json& options) {
  if (options.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : options) out.push_back(options_without_secrets(item));
    return out;
  }
  if (!options.is_object()) return options;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : options.items())
    if (!config::looks_secret(key)) out[key] = options_without_secrets(value);
  return out;
}

std::string request_fingerprint(const config::ProviderConfig& provider,
                                const sdk::ChatRequest& request) {
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& message : request.messages) {
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& part : message.content) {
      if (part.kind == sdk::ContentPart::Kind::text)
        parts.push_back({{"text", part.text}});
      else
        parts.push_back(
            {{"image", config::sha256_hex(part.image_bytes)}, {"mime", part.mime_type}});
    }
    messages.push_back({{"role", sdk::to_string(message.role)}, {"content", parts}});
  }
  const auto& p = request.params;
  nlohmann::json params = nlohmann::json::object();
  if (p.max_tokens) params["max_tokens"] = *p.max_tokens;
  if (p.temperature) params["temperature"] = *p.temperature;
  if (p.top_p) params["top_p"] = *p.top_p;
  if (p.seed) params["seed"] = *p.seed;
  if (!p.stop.empty()) params["stop"] = p.stop;
  const nlohmann::json key = {{"version", 1},
                              {"plugin", provider.plugin},
                              {"provider", provider.id},
                              {"options", options_without_secrets(provider.options)},
                              {"messages", messages},
                              {"params", params},
                              {"repeat", request.repeat}};
  // A secret that sits under an innocent key name (a URL with a token in it) is masked too.
  return config::sha256_hex(plugins::global_redactor().redact(
      key.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

}  // namespace modelcompare::run
