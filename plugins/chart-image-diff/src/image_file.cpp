#include "image_file.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>

#include "image_error.hpp"

namespace modelcompare::chart_image_diff {
namespace {

std::uint32_t big_endian_32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

std::uint32_t big_endian_16(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 8) | std::uint32_t{p[1]};
}

std::string where(const ImageFile& file) {
  return "image " + file.path.string() + ": ";
}

// Walks the chunk list: the first must be IHDR, every chunk must fit in the file, IEND must come.
void check_png(ImageFile& file) {
  const auto& b = file.bytes;
  std::size_t pos = 8;
  bool first = true;
  while (true) {
    if (pos + 12 > b.size()) {
      throw ImageError(where(file) + "truncated PNG: the file ends before its IEND chunk");
    }
    const std::uint32_t length = big_endian_32(&b[pos]);
    const std::string type(reinterpret_cast<const char*>(&b[pos + 4]), 4);
    if (std::uint64_t{pos} + 12 + length > b.size()) {
      throw ImageError(where(file) + "truncated PNG: chunk " + type + " runs past the end of file");
    }
    if (first) {
      if (type != "IHDR" || length < 8) {
        throw ImageError(where(file) + "not a valid PNG: the first chunk is not IHDR");
      }
      file.width = big_endian_32(&b[pos + 8]);
      file.height = big_endian_32(&b[pos + 12]);
      first = false;
    }
    if (type == "IEND") return;
    pos += 12 + length;
  }
}

bool is_start_of_frame(unsigned char marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Walks the segments up to the start of scan for the frame size, then looks for the end marker
// (0xFF bytes inside entropy-coded data are always followed by 0x00 or a restart marker).
void check_jpeg(ImageFile& file) {
  const auto& b = file.bytes;
  std::size_t pos = 2;
  while (true) {
    while (pos < b.size() && b[pos] == 0xFF && pos + 1 < b.size() && b[pos + 1] == 0xFF) ++pos;
    if (pos + 4 > b.size()) {
      throw ImageError(where(file) + "truncated JPEG: the file ends inside its header");
    }
    if (b[pos] != 0xFF) {
      throw ImageError(where(file) + "not a valid JPEG: expected a marker at byte " +
                       std::to_string(pos));
    }
    const unsigned char marker = b[pos + 1];
    const std::uint32_t length = big_endian_16(&b[pos + 2]);
    if (pos + 2 + length > b.size()) {
      throw ImageError(where(file) + "truncated JPEG: a header segment runs past the end of file");
    }
    if (is_start_of_frame(marker) && length >= 7) {
      file.height = big_endian_16(&b[pos + 5]);
      file.width = big_endian_16(&b[pos + 7]);
    }
    pos += 2 + length;
    if (marker == 0xDA) break;  // start of scan: entropy-coded data follows
  }
  if (file.width == 0 && file.height == 0) {
    throw ImageError(where(file) + "not a valid JPEG: no frame header before the image data");
  }
  static constexpr std::array<unsigned char, 2> end_marker{0xFF, 0xD9};
  if (std::search(b.begin() + static_cast<std::ptrdiff_t>(pos), b.end(), end_marker.begin(),
                  end_marker.end()) == b.end()) {
    throw ImageError(where(file) + "truncated JPEG: the file ends before its end-of-image marker");
  }
}

}  // namespace

ImageFile read_image_file(const std::filesystem::path& path, std::uint64_t max_pixels) {
  ImageFile file;
  file.path = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw ImageError("image " + path.string() + ": file not found");
  }
  if (std::filesystem::is_directory(path, ec)) {
    throw ImageError("image " + path.string() + ": is a folder, not an image file");
  }
  // The cap on pixels bounds memory; a compressed file larger than this is no chart either.
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > 512ull * 1024 * 1024) {
    throw ImageError(where(file) + "file is larger than 512 MiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ImageError(where(file) + "cannot be opened for reading");
  file.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());

  static constexpr std::array<unsigned char, 8> png_signature{0x89, 'P',  'N',  'G',
                                                              '\r', '\n', 0x1A, '\n'};
  const auto& b = file.bytes;
  if (b.size() >= 8 && std::equal(png_signature.begin(), png_signature.end(), b.begin())) {
    file.format = ImageFormat::png;
    check_png(file);
  } else if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
    file.format = ImageFormat::jpeg;
    check_jpeg(file);
  } else if (b.empty()) {
    throw ImageError(where(file) + "file is empty, not an image");
  } else {
    throw ImageError(where(file) + "not an image: expected a PNG or JPEG file");
  }

  if (file.width == 0 || file.height == 0) {
    throw ImageError(where(file) + "has zero width or height");
  }
  const std::uint64_t pixels = std::uint64_t{file.width} * file.height;
  if (pixels > max_pixels) {
    throw ImageError(where(file) + std::to_string(file.width) + "x" + std::to_string(file.height) +
                     " is above the size cap of " + std::to_string(max_pixels) +
                     " pixels (option max_pixels); refused before decoding");
  }
  return file;
}

}  // namespace modelcompare::chart_image_diff
