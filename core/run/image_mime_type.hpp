// The MIME type of an image from its first bytes (never from the file name).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace modelcompare::run {

// "image/png", "image/jpeg", "image/gif" or "image/webp"; nothing for other bytes.
std::optional<std::string> image_mime_type(std::string_view bytes);

}  // namespace modelcompare::run
