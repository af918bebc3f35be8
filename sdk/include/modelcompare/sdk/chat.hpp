// The value types of a chat completion: what the host asks a provider, and what it gets back.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace modelcompare::sdk {

enum class Role { system, user, assistant };

inline const char* to_string(Role role) {
  switch (role) {
    case Role::system: return "system";
    case Role::user: return "user";
    case Role::assistant: return "assistant";
  }
  return "user";
}

// One piece of a message: text, or an image already read by the host.
struct ContentPart {
  enum class Kind { text, image };
  Kind kind = Kind::text;
  std::string text;          // Kind::text
  std::string image_bytes;   // Kind::image: the file's bytes
  std::string mime_type;     // Kind::image: sniffed from the bytes, e.g. "image/png"
  std::string image_source;  // Kind::image: where it came from (for logs and reports)

  static ContentPart from_text(std::string text) {
    ContentPart part;
    part.text = std::move(text);
    return part;
  }
};

struct Message {
  Role role = Role::user;
  std::vector<ContentPart> content;

  // The message's text parts joined by newlines (what an assistant message usually is).
  std::string text() const {
    std::string out;
    for (const auto& part : content) {
      if (part.kind != ContentPart::Kind::text) continue;
      if (!out.empty()) out += '\n';
      out += part.text;
    }
    return out;
  }
};

struct GenerationParams {
  std::optional<int> max_tokens;
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<std::int64_t> seed;
  std::vector<std::string> stop;
};

// One turn of one conversation: `messages` is the whole conversation so far, the model's own
// earlier answers included, ending with this turn's user message.
struct ChatRequest {
  std::string provider_id;
  std::string scenario_id;
  std::string case_key;  // stable identity of the case (scenario + row), for logs and caching
  int turn = 0;          // 0-based
  int repeat = 0;        // 0-based
  std::vector<Message> messages;
  GenerationParams params;
};

struct Usage {
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  std::int64_t total_tokens = 0;
  std::optional<std::int64_t> cached_prompt_tokens;
  std::optional<std::int64_t> reasoning_tokens;
};

// How a request failed. The host retries nothing by itself; providers retry what is retryable.
enum class ErrorKind {
  none,
  auth,
  not_found,
  content_filter,
  bad_request,
  rate_limited,
  server_error,
  timeout,
  network,
  bad_response,
  plugin_error,  // the plugin threw; set by the host
};

inline const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::none: return "none";
    case ErrorKind::auth: return "auth";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::content_filter: return "content_filter";
    case ErrorKind::bad_request: return "bad_request";
    case ErrorKind::rate_limited: return "rate_limited";
    case ErrorKind::server_error: return "server_error";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::network: return "network";
    case ErrorKind::bad_response: return "bad_response";
    case ErrorKind::plugin_error: return "plugin_error";
  }
  return "unknown";
}

struct ChatResult {
  ErrorKind error = ErrorKind::none;
  std::string error_message;  // the server's own message where there is one; never a secret
  std::string content;
  std::string finish_reason;
  Usage usage;
  bool usage_reported = false;  // false when the server sent no usage
  std::chrono::milliseconds latency{0};
  std::optional<std::chrono::milliseconds> time_to_first_token;
  int retries = 0;
  std::string model;  // the model (version) the server says answered
  // Anything else worth keeping: system_fingerprint, content filter results, response headers.
  nlohmann::json extra = nlohmann::json::object();

  bool ok() const { return error == ErrorKind::none; }
};

}  // namespace modelcompare::sdk
