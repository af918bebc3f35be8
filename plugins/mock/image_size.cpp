#include "mock/image_size.hpp"

#include <cstdint>

namespace modelcompare::mock {
namespace {

std::uint32_t byte_at(std::string_view b, std::size_t i) {
  return static_cast<unsigned char>(b[i]);
}
std::uint32_t big16(std::string_view b, std::size_t i) {
  return byte_at(b, i) << 8 | byte_at(b, i + 1);
}
std::uint32_t big32(std::string_view b, std::size_t i) {
  return big16(b, i) << 16 | big16(b, i + 2);
}
std::uint32_t little16(std::string_view b, std::size_t i) {
  return byte_at(b, i) | byte_at(b, i + 1) << 8;
}
std::uint32_t little24(std::string_view b, std::size_t i) {
  return little16(b, i) | byte_at(b, i + 2) << 16;
}

std::optional<ImageSize> make(std::uint32_t width, std::uint32_t height) {
  if (width == 0 || height == 0 || width > 1'000'000 || height > 1'000'000) return std::nullopt;
  return ImageSize{static_cast<int>(width), static_cast<int>(height)};
}

std::optional<ImageSize> png_size(std::string_view b) {
  // Signature, then the IHDR chunk: length, "IHDR", width, height.
  if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
  return make(big32(b, 16), big32(b, 20));
}

std::optional<ImageSize> jpeg_size(std::string_view b) {
  // Walk the marker segments up to the first start-of-frame, which holds the size.
  std::size_t pos = 2;
  while (pos + 4 <= b.size()) {
    if (byte_at(b, pos) != 0xFF) return std::nullopt;
    const std::uint32_t marker = byte_at(b, pos + 1);
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      pos += 2;  // markers without a length
      continue;
    }
    const std::uint32_t length = big16(b, pos + 2);
    const bool start_of_frame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (start_of_frame) {
      if (pos + 9 > b.size()) return std::nullopt;
      return make(big16(b, pos + 7), big16(b, pos + 5));
    }
    if (length < 2) return std::nullopt;
    pos += 2 + length;
  }
  return std::nullopt;
}

std::optional<ImageSize> webp_size(std::string_view b) {
  if (b.size() < 30) return std::nullopt;
  const auto chunk = b.substr(12, 4);
  if (chunk == "VP8X") return make(little24(b, 24) + 1, little24(b, 27) + 1);
  if (chunk == "VP8 ") return make(little16(b, 26) & 0x3FFF, little16(b, 28) & 0x3FFF);
  if (chunk == "VP8L") {
    const std::uint32_t bits = little16(b, 21) | little16(b, 23) << 16;
    return make((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageSize> image_size(std::string_view bytes) {
  if (bytes.size() >= 8 && bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n") return png_size(bytes);
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") return jpeg_size(bytes);
  if (bytes.size() >= 10 && (bytes.substr(0, 6) == "GIF87a" || bytes.substr(0, 6) == "GIF89a"))
    return make(little16(bytes, 6), little16(bytes, 8));
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP")
    return webp_size(bytes);
  return std::nullopt;
}

}  // namespace modelcompare::mock
