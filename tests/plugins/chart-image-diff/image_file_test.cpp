// Bad input: each refused with one line naming the file and the fault, before decoding.
#include "image_file.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

#include "chart_image.hpp"
#include "image_error.hpp"
#include "support/temp_dir.hpp"
#include "synthetic_chart.hpp"

namespace modelcompare::chart_image_diff {
namespace {

using ::modelcompare::testing::TempDir;
using ::modelcompare::testing::write_file;

std::string error_of(const std::filesystem::path& path,
                     std::uint64_t max_pixels = kDefaultMaxPixels) {
  try {
    decode_chart_image(read_image_file(path, max_pixels));
  } catch (const ImageError& e) {
    return e.what();
  }
  return "no error";
}

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void append_chunk(std::string& png, const std::string& type, const std::string& data) {
  auto put32 = [&](std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((v >> shift) & 0xFF);
  };
  put32(static_cast<std::uint32_t>(data.size()));
  const std::string body = type + data;
  png += body;
  put32(static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

// A complete, valid 1-bit greyscale PNG of width × height: small on disk (rows of zeros deflate
// well) but 1.2 GB once decoded to colour.
std::string huge_png(std::uint32_t width, std::uint32_t height) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string header;
  for (std::uint32_t v : {width, height}) {
    for (int shift = 24; shift >= 0; shift -= 8) header += static_cast<char>((v >> shift) & 0xFF);
  }
  header += std::string("\x01\x00\x00\x00\x00", 5);  // bit depth 1, greyscale, no interlace
  append_chunk(png, "IHDR", header);

  std::vector<unsigned char> row(1 + (width + 7) / 8, 0);
  std::vector<unsigned char> out(1 << 16);
  std::string compressed;
  z_stream stream{};
  deflateInit(&stream, Z_BEST_COMPRESSION);
  for (std::uint32_t y = 0; y <= height; ++y) {
    const bool last = y == height;
    stream.next_in = last ? nullptr : row.data();
    stream.avail_in = last ? 0 : static_cast<uInt>(row.size());
    do {
      stream.next_out = out.data();
      stream.avail_out = static_cast<uInt>(out.size());
      deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
      compressed.append(reinterpret_cast<char*>(out.data()), out.size() - stream.avail_out);
    } while (stream.avail_out == 0);
  }
  deflateEnd(&stream);
  append_chunk(png, "IDAT", compressed);
  append_chunk(png, "IEND", "");
  return png;
}

TEST(ImageFile, MissingFileIsNamed) {
  TempDir dir;
  const auto path = dir / "nowhere.png";
  EXPECT_EQ(error_of(path), "image " + path.string() + ": file not found");
}

TEST(ImageFile, TextFileIsNotAnImage) {
  TempDir dir;
  const auto path = dir / "answer.png";
  write_file(path, "plt.savefig('answer.png')\n");
  EXPECT_EQ(error_of(path),
            "image " + path.string() + ": not an image: expected a PNG or JPEG file");
}

TEST(ImageFile, EmptyFileIsNotAnImage) {
  TempDir dir;
  const auto path = dir / "empty.png";
  write_file(path, "");
  EXPECT_EQ(error_of(path), "image " + path.string() + ": file is empty, not an image");
}

TEST(ImageFile, TruncatedPngIsRefused) {
  TempDir dir;
  const std::string whole = bytes_of(testing::fixture("pie_reference.png"));
  const auto path = dir / "truncated.png";
  write_file(path, whole.substr(0, whole.size() / 2));
  const std::string message = error_of(path);
  EXPECT_NE(
      message.find("image " + path.string() + ": truncated PNG: chunk IDAT runs past the end"),
      std::string::npos)
      << message;
}

TEST(ImageFile, PngWithoutEndChunkIsTruncated) {
  TempDir dir;
  const std::string whole = bytes_of(testing::fixture("pie_reference.png"));
  const auto path = dir / "no-iend.png";
  write_file(path, whole.substr(0, whole.size() - 12));  // IEND is the last 12 bytes
  EXPECT_EQ(error_of(path),
            "image " + path.string() + ": truncated PNG: the file ends before its IEND chunk");
}

TEST(ImageFile, TruncatedJpegIsRefused) {
  TempDir dir;
  const std::string whole = bytes_of(testing::fixture("pie_exploded_rotated.jpg"));
  const auto path = dir / "truncated.jpg";
  write_file(path, whole.substr(0, whole.size() * 2 / 3));
  EXPECT_EQ(error_of(path), "image " + path.string() +
                                ": truncated JPEG: the file ends before its end-of-image marker");
}

TEST(ImageFile, AllWhiteImageIsEmpty) {
  TempDir dir;
  const auto path =
      testing::save(cv::Mat(400, 400, CV_8UC3, cv::Scalar(255, 255, 255)), dir / "white.png");
  EXPECT_EQ(error_of(path),
            "image " + path.string() +
                ": is empty: every pixel is the background colour (nothing was drawn)");
}

TEST(ImageFile, TransparentImageIsEmptyOnWhite) {
  TempDir dir;
  const auto path =
      testing::save(cv::Mat(300, 300, CV_8UC4, cv::Scalar(0, 0, 0, 0)), dir / "clear.png");
  EXPECT_NE(error_of(path).find(": is empty: every pixel is the background colour"),
            std::string::npos);
}

TEST(ImageFile, HugeImageIsRefusedByTheSizeCapBeforeDecoding) {
  TempDir dir;
  const auto path = dir / "huge.png";
  write_file(path, huge_png(20000, 20000));
  EXPECT_LT(std::filesystem::file_size(path), 1u << 20);  // small file, enormous picture
  const ImageFile header_only = [&] {
    try {
      return read_image_file(path, std::uint64_t{1} << 40);  // cap lifted: header is read fine
    } catch (const ImageError& e) {
      ADD_FAILURE() << e.what();
      return ImageFile{};
    }
  }();
  EXPECT_EQ(header_only.width, 20000u);
  EXPECT_EQ(header_only.height, 20000u);
  EXPECT_EQ(error_of(path), "image " + path.string() +
                                ": 20000x20000 is above the size cap of 40000000 pixels (option "
                                "max_pixels); refused before decoding");
}

TEST(ImageFile, JpegHeaderGivesDimensions) {
  const ImageFile file = read_image_file(testing::fixture("pie_exploded_rotated.jpg"));
  EXPECT_EQ(file.format, ImageFormat::jpeg);
  EXPECT_EQ(file.width, 450u);
  EXPECT_EQ(file.height, 450u);
}

TEST(ImageFile, TransparencyIsFlattenedOntoWhiteAndCropped) {
  cv::Mat rgba(200, 200, CV_8UC4, cv::Scalar(0, 0, 0, 0));
  rgba(cv::Rect(50, 60, 40, 30)).setTo(cv::Scalar(0, 0, 255, 255));
  const ChartImage image = normalise_chart_image(rgba, "test");
  EXPECT_EQ(image.background, cv::Vec3b(255, 255, 255));
  EXPECT_EQ(image.bgr.cols, 40 + 4);  // content plus a 2-pixel margin each side
  EXPECT_EQ(image.bgr.rows, 30 + 4);
  EXPECT_EQ(image.bgr.at<cv::Vec3b>(15, 20), cv::Vec3b(0, 0, 255));
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
