// Azure's own way of counting a request against tokens-per-minute: an estimate of the prompt
// (from its characters) plus max_tokens, taken when the request arrives.
#pragma once

#include <cstdint>
#include <string>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::azure_openai {

// ~4 characters per token, 4 tokens of framing per message, and per image 85 tokens at detail
// "low" or 765 otherwise (a 1024x1024 image at "high": 85 + 4 tiles x 170).
std::int64_t estimate_prompt_tokens(const sdk::ChatRequest& request, const std::string& detail);

// What the request counts against tpm: the prompt estimate plus max_tokens (4096, GPT-4o's
// default output limit, when the request sets none).
std::int64_t rate_limit_tokens(const sdk::ChatRequest& request, const std::string& detail);

}  // namespace modelcompare::azure_openai
