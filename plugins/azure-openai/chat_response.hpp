// Reading chat completion answers, whole or streamed, into sdk::ChatResult fields.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::azure_openai {

// Usage as the API reports it; absent or null numbers count as zero / unknown.
sdk::Usage parse_usage(const nlohmann::json& usage);

// A non-streamed answer. Fills content, finish_reason, usage, model and extra
// (id, system_fingerprint, content filter results). Throws nlohmann::json::exception or
// std::runtime_error when the body is not a chat completion.
void read_chat_completion(std::string_view body, sdk::ChatResult& result);

// A streamed answer, one SSE event at a time. Tolerates Azure's quirks: a first event with empty
// choices and prompt filter results, content filter events after the finish event, unknown
// fields, no usage event.
class ChatStreamAccumulator {
 public:
  // Returns true when this event carried answer text (the first such event gives TTFT).
  // Throws nlohmann::json::exception on malformed JSON.
  bool add_event(std::string_view data);

  bool done() const { return done_; }  // [DONE] seen
  bool finished() const { return !finish_reason_.empty(); }
  bool has_usage() const { return usage_.has_value(); }

  // Copies what was gathered into `result`.
  void fill(sdk::ChatResult& result) const;

 private:
  std::string content_;
  std::string finish_reason_;
  std::string model_;
  std::string id_;
  std::optional<sdk::Usage> usage_;
  nlohmann::json system_fingerprint_;
  nlohmann::json prompt_filter_results_;
  nlohmann::json content_filter_results_;
  bool done_ = false;
  int events_ = 0;
};

}  // namespace modelcompare::azure_openai
