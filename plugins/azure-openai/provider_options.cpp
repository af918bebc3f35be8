#include "provider_options.hpp"

#include <set>

#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::azure_openai {
namespace {

using nlohmann::json;

class OptionReader {
 public:
  OptionReader(const std::string& provider_id, const json& options)
      : prefix_("provider '" + provider_id + "' (azure-openai): "), options_(options) {
    if (!options_.is_object()) fail("options must be a JSON object");
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw sdk::PluginError(prefix_ + message);
  }

  bool has(const char* key) const { return options_.contains(key) && !options_[key].is_null(); }

  std::string text(const char* key, const std::string& fallback, bool required = false) const {
    if (!has(key)) {
      if (required) fail("option '" + std::string(key) + "' is required");
      return fallback;
    }
    if (!options_[key].is_string())
      fail("option '" + std::string(key) + "' must be a string (got " + options_[key].dump() + ")");
    return options_[key].get<std::string>();
  }

  // Like text() but never echoes the value (it is a secret).
  std::string secret_text(const char* key) const {
    if (!options_[key].is_string()) fail("option '" + std::string(key) + "' must be a string");
    return options_[key].get<std::string>();
  }

  std::string choice(const char* key, const std::string& fallback,
                     const std::vector<std::string>& allowed) const {
    const auto value = text(key, fallback);
    for (const auto& candidate : allowed)
      if (value == candidate) return value;
    std::string list;
    for (const auto& candidate : allowed) list += (list.empty() ? "" : ", ") + candidate;
    fail("option '" + std::string(key) + "' must be one of " + list + " (got '" + value + "')");
  }

  bool boolean(const char* key, bool fallback) const {
    if (!has(key)) return fallback;
    if (!options_[key].is_boolean())
      fail("option '" + std::string(key) + "' must be true or false (got " + options_[key].dump() +
           ")");
    return options_[key].get<bool>();
  }

  std::int64_t integer(const char* key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const {
    if (!has(key)) return fallback;
    const auto& value = options_[key];
    if (!value.is_number_integer())
      fail("option '" + std::string(key) + "' must be an integer (got " + value.dump() + ")");
    const auto number = value.get<std::int64_t>();
    if (number < min || number > max)
      fail("option '" + std::string(key) + "' must be between " + std::to_string(min) + " and " +
           std::to_string(max) + " (got " + std::to_string(number) + ")");
    return number;
  }

  void reject_unknown(const std::set<std::string>& known) const {
    for (const auto& [key, value] : options_.items())
      if (!known.count(key)) fail("unknown option '" + key + "'");
  }

 private:
  std::string prefix_;
  const json& options_;
};

std::string strip_trailing_slashes(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

const char* to_string(ApiStyle style) {
  switch (style) {
    case ApiStyle::azure: return "azure";
    case ApiStyle::azure_v1: return "azure-v1";
    case ApiStyle::model_inference: return "model-inference";
    case ApiStyle::openai: return "openai";
  }
  return "azure";
}

ProviderOptions parse_provider_options(const std::string& provider_id, const json& options,
                                       sdk::HostServices& host) {
  const OptionReader read(provider_id, options);
  read.reject_unknown({"endpoint",
                       "deployment",
                       "api",
                       "api_version",
                       "auth",
                       "api_key",
                       "api_key_env",
                       "entra_scope",
                       "stream",
                       "include_usage",
                       "detail",
                       "max_tokens_field",
                       "rpm",
                       "tpm",
                       "max_in_flight",
                       "max_retries",
                       "max_retry_wait_ms",
                       "initial_backoff_ms",
                       "connect_timeout_ms",
                       "read_timeout_ms",
                       "total_timeout_ms",
                       "max_response_bytes"});
  ProviderOptions out;

  out.endpoint = strip_trailing_slashes(read.text("endpoint", "", true));
  if (out.endpoint.rfind("https://", 0) != 0 && out.endpoint.rfind("http://", 0) != 0)
    read.fail("option 'endpoint' must start with https:// or http:// (got '" + out.endpoint + "')");
  if (out.endpoint.find('?') != std::string::npos)
    read.fail("option 'endpoint' must not contain a query (got '" + out.endpoint + "')");
  out.deployment = read.text("deployment", "", true);
  if (out.deployment.empty()) read.fail("option 'deployment' is empty");
  if (out.deployment.find_first_of("/?#& ") != std::string::npos)
    read.fail("option 'deployment' must not contain '/', '?', '#', '&' or spaces (got '" +
              out.deployment + "')");

  const auto api = read.choice("api", "azure", {"azure", "azure-v1", "model-inference", "openai"});
  out.api = api == "azure-v1"          ? ApiStyle::azure_v1
            : api == "model-inference" ? ApiStyle::model_inference
            : api == "openai"          ? ApiStyle::openai
                                       : ApiStyle::azure;
  const char* default_version = out.api == ApiStyle::azure             ? "2024-10-21"
                                : out.api == ApiStyle::model_inference ? "2024-05-01-preview"
                                                                       : "";
  out.api_version = read.text("api_version", default_version);
  if (out.api_version.empty() &&
      (out.api == ApiStyle::azure || out.api == ApiStyle::model_inference))
    read.fail("option 'api_version' must not be empty for api '" + api + "'");
  if (out.api_version.find_first_of("&?# ") != std::string::npos)
    read.fail("option 'api_version' is not a valid version (got '" + out.api_version + "')");

  // The key: given directly (usually "${AZURE_OPENAI_API_KEY}" in the config) or by variable name.
  std::string key;
  bool key_given = false;
  if (read.has("api_key") && read.has("api_key_env"))
    read.fail("options 'api_key' and 'api_key_env' exclude each other");
  if (read.has("api_key")) {
    key = read.secret_text("api_key");
    if (key.empty()) read.fail("option 'api_key' is empty (is the variable it names set?)");
    host.register_secret(key);
    key_given = true;
  } else if (read.has("api_key_env")) {
    const auto name = read.text("api_key_env", "");
    auto value = host.secret(name);
    if (!value || value->empty())
      read.fail("option 'api_key_env' names the variable " + name + ", which is not set");
    key = *value;
    host.register_secret(key);
    key_given = true;
  }
  const auto auth = read.choice("auth",
                                key_given                     ? "key"
                                : out.api == ApiStyle::openai ? "none"
                                                              : "key",
                                {"key", "entra", "none"});
  if (auth == "key") {
    if (!key_given)
      read.fail(
          "option 'api_key' is required with auth 'key' (or set 'api_key_env', or auth 'entra')");
    out.auth = AuthMode::api_key;
    out.api_key = std::move(key);
  } else {
    if (key_given) read.fail("option 'api_key' makes no sense with auth '" + auth + "'");
    out.auth = auth == "entra" ? AuthMode::entra : AuthMode::none;
  }
  out.entra_scope = read.text("entra_scope", out.entra_scope);
  if (out.entra_scope.empty()) read.fail("option 'entra_scope' is empty");

  out.stream = read.boolean("stream", true);
  out.include_usage = read.boolean("include_usage", true);
  out.detail = read.choice("detail", "auto", {"auto", "low", "high"});
  out.max_tokens_field =
      read.choice("max_tokens_field", "max_tokens", {"max_tokens", "max_completion_tokens"});
  if (out.api == ApiStyle::model_inference && out.max_tokens_field != "max_tokens")
    read.fail("option 'max_tokens_field' must be 'max_tokens' for api 'model-inference'");

  out.rpm = static_cast<int>(read.integer("rpm", 0, 0, 1'000'000));
  out.tpm = read.integer("tpm", 0, 0, 1'000'000'000);
  out.max_in_flight = static_cast<int>(read.integer("max_in_flight", 4, 1, 256));
  out.max_retries = static_cast<int>(read.integer("max_retries", 3, 0, 20));
  out.max_retry_wait =
      std::chrono::milliseconds(read.integer("max_retry_wait_ms", 60'000, 0, 600'000));
  out.initial_backoff =
      std::chrono::milliseconds(read.integer("initial_backoff_ms", 500, 1, 60'000));
  out.connect_timeout =
      std::chrono::milliseconds(read.integer("connect_timeout_ms", 10'000, 1, 600'000));
  out.read_timeout =
      std::chrono::milliseconds(read.integer("read_timeout_ms", 120'000, 1, 3'600'000));
  out.total_timeout =
      std::chrono::milliseconds(read.integer("total_timeout_ms", 600'000, 1, 3'600'000));
  out.max_response_bytes = static_cast<std::size_t>(
      read.integer("max_response_bytes", 32 * 1024 * 1024, 1024, 1024LL * 1024 * 1024));
  return out;
}

}  // namespace modelcompare::azure_openai
