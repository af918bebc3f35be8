// The azure-openai provider's options, read and validated from the config's "options" object.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "modelcompare/sdk/host_services.hpp"

namespace modelcompare::azure_openai {

// Which HTTP API the endpoint speaks (option "api").
enum class ApiStyle {
  azure,            // {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=
  azure_v1,         // {endpoint}/openai/v1/chat/completions, deployment as "model"
  model_inference,  // {endpoint}/models/chat/completions?api-version=, deployment as "model"
  openai,           // {endpoint}/chat/completions, any OpenAI-compatible server
};

const char* to_string(ApiStyle style);

enum class AuthMode { api_key, entra, none };

struct ProviderOptions {
  std::string endpoint;  // without a trailing slash
  std::string deployment;
  ApiStyle api = ApiStyle::azure;
  std::string api_version;  // empty: none sent
  AuthMode auth = AuthMode::api_key;
  std::string api_key;  // a secret: never logged, never in a message
  std::string entra_scope = "https://cognitiveservices.azure.com/.default";
  bool stream = true;
  bool include_usage = true;
  std::string detail = "auto";  // image detail: auto, low, high
  std::string max_tokens_field = "max_tokens";
  int rpm = 0;  // 0: no limit
  std::int64_t tpm = 0;
  int max_in_flight = 4;
  int max_retries = 3;
  std::chrono::milliseconds max_retry_wait{60'000};
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds read_timeout{120'000};
  std::chrono::milliseconds total_timeout{600'000};
  std::size_t max_response_bytes = 32 * 1024 * 1024;
};

// Throws sdk::PluginError naming the provider and the option at fault. Secrets found (api_key,
// or the variable api_key_env names) are registered with the host so they are masked everywhere.
ProviderOptions parse_provider_options(const std::string& provider_id,
                                       const nlohmann::json& options, sdk::HostServices& host);

}  // namespace modelcompare::azure_openai
