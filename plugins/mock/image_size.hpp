// The pixel size of an image, read from its header without decoding it.
#pragma once

#include <optional>
#include <string_view>

namespace modelcompare::mock {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// PNG, JPEG, GIF and WebP (VP8, VP8L, VP8X); nullopt for anything else or a truncated header.
std::optional<ImageSize> image_size(std::string_view bytes);

}  // namespace modelcompare::mock
