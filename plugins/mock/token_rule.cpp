#include "mock/token_rule.hpp"

#include <algorithm>
#include <cmath>

#include "mock/image_size.hpp"

namespace modelcompare::mock {

std::int64_t text_tokens(std::string_view text) {
  return (static_cast<std::int64_t>(text.size()) + kBytesPerToken - 1) / kBytesPerToken;
}

std::int64_t image_tokens(std::string_view image_bytes) {
  const auto size = image_size(image_bytes);
  if (!size) return kUnknownImageTokens;
  double width = size->width;
  double height = size->height;
  if (width > 2048 || height > 2048) {
    const double scale = 2048 / std::max(width, height);
    width *= scale;
    height *= scale;
  }
  if (std::min(width, height) > 768) {
    const double scale = 768 / std::min(width, height);
    width *= scale;
    height *= scale;
  }
  const auto tiles = static_cast<std::int64_t>(std::ceil(std::round(width) / 512) *
                                               std::ceil(std::round(height) / 512));
  return kImageBaseTokens + kImageTileTokens * tiles;
}

std::int64_t prompt_tokens(const std::vector<sdk::Message>& messages) {
  std::int64_t total = kReplyPrimingTokens;
  for (const auto& message : messages) {
    total += kTokensPerMessage;
    for (const auto& part : message.content) {
      total += part.kind == sdk::ContentPart::Kind::image ? image_tokens(part.image_bytes)
                                                          : text_tokens(part.text);
    }
  }
  return total;
}

std::string_view truncate_to_tokens(std::string_view text, std::int64_t tokens) {
  const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(tokens, 0) * kBytesPerToken);
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace modelcompare::mock
