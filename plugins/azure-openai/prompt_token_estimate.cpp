#include "prompt_token_estimate.hpp"

namespace modelcompare::azure_openai {

std::int64_t estimate_prompt_tokens(const sdk::ChatRequest& request, const std::string& detail) {
  std::int64_t characters = 0;
  std::int64_t tokens = 3;  // the reply's priming
  for (const auto& message : request.messages) {
    tokens += 4;
    for (const auto& part : message.content) {
      if (part.kind == sdk::ContentPart::Kind::text) {
        characters += static_cast<std::int64_t>(part.text.size());
      } else {
        tokens += detail == "low" ? 85 : 765;
      }
    }
  }
  return tokens + (characters + 3) / 4;
}

std::int64_t rate_limit_tokens(const sdk::ChatRequest& request, const std::string& detail) {
  return estimate_prompt_tokens(request, detail) + request.params.max_tokens.value_or(4096);
}

}  // namespace modelcompare::azure_openai
