// An image file read into memory and checked before decoding: its format (PNG or JPEG), its
// dimensions from the header, that it is complete, and that it fits the size cap.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace modelcompare::chart_image_diff {

enum class ImageFormat { png, jpeg };

struct ImageFile {
  std::filesystem::path path;
  ImageFormat format = ImageFormat::png;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<unsigned char> bytes;
};

// Refuses pictures above this many pixels before any pixel is decoded (a 20000×20000 image would
// need 1.2 GB decoded). 40 megapixels covers an 8K screenshot.
inline constexpr std::uint64_t kDefaultMaxPixels = 40'000'000;

// Reads and checks `path`. Throws ImageError with one line naming the file and the fault: missing,
// not a PNG or JPEG, truncated, zero-sized, or above `max_pixels`.
ImageFile read_image_file(const std::filesystem::path& path,
                          std::uint64_t max_pixels = kDefaultMaxPixels);

}  // namespace modelcompare::chart_image_diff
