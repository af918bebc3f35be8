// How the mock counts tokens. Not a tokenizer: a documented rule of thumb that lands near what
// GPT-4o's tokenizer and image pricing report for English text, code and charts, so token and
// cost figures in an offline run have realistic sizes (docs/plugins/mock.md).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::mock {

inline constexpr std::int64_t kBytesPerToken = 4;
inline constexpr std::int64_t kTokensPerMessage = 3;  // role and separators
inline constexpr std::int64_t kReplyPrimingTokens = 3;
inline constexpr std::int64_t kImageBaseTokens = 85;
inline constexpr std::int64_t kImageTileTokens = 170;
// An image whose size cannot be read is counted as a 1024×1024 one (4 tiles).
inline constexpr std::int64_t kUnknownImageTokens = kImageBaseTokens + 4 * kImageTileTokens;

// One token per started 4 bytes of UTF-8.
std::int64_t text_tokens(std::string_view text);

// 85 + 170 per 512-pixel tile after fitting the image in 2048×2048 and then its shorter side in
// 768 (OpenAI's "high detail" rule).
std::int64_t image_tokens(std::string_view image_bytes);

// Every message's parts, 3 tokens per message, and 3 for priming the reply.
std::int64_t prompt_tokens(const std::vector<sdk::Message>& messages);

// The longest prefix of `text` of at most `tokens` tokens, cut on a UTF-8 character boundary.
std::string_view truncate_to_tokens(std::string_view text, std::int64_t tokens);

}  // namespace modelcompare::mock
