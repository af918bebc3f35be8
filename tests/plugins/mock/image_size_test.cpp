#include "mock/image_size.hpp"

#include <gtest/gtest.h>

#include <string>

namespace modelcompare::mock {

// Shared with token_rule_test: the smallest headers the readers need, for a given size.
std::string fake_png(int width, int height);
std::string fake_jpeg(int width, int height);

std::string fake_png(int width, int height) {
  std::string bytes("\x89PNG\r\n\x1a\n", 8);
  bytes += std::string("\0\0\0\x0dIHDR", 8);
  for (int value : {width, height}) {
    for (int shift : {24, 16, 8, 0}) bytes += static_cast<char>((value >> shift) & 0xFF);
  }
  bytes += std::string("\x08\x06\0\0\0", 5);
  return bytes;
}

std::string fake_jpeg(int width, int height) {
  std::string bytes("\xFF\xD8", 2);
  // An APP0 segment to skip, then a baseline start-of-frame.
  bytes += std::string("\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 18);
  bytes += std::string("\xFF\xC0\x00\x11\x08", 5);
  bytes += static_cast<char>(height >> 8);
  bytes += static_cast<char>(height & 0xFF);
  bytes += static_cast<char>(width >> 8);
  bytes += static_cast<char>(width & 0xFF);
  bytes += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  return bytes;
}

namespace {

TEST(ImageSize, ReadsPngHeader) {
  const auto size = image_size(fake_png(426, 413));
  ASSERT_TRUE(size);
  EXPECT_EQ(size->width, 426);
  EXPECT_EQ(size->height, 413);
}

TEST(ImageSize, ReadsJpegStartOfFrameAfterOtherSegments) {
  const auto size = image_size(fake_jpeg(600, 480));
  ASSERT_TRUE(size);
  EXPECT_EQ(size->width, 600);
  EXPECT_EQ(size->height, 480);
}

TEST(ImageSize, ReadsGifAndWebp) {
  const auto gif = image_size(std::string("GIF89a\x20\x03\x58\x02", 10));
  ASSERT_TRUE(gif);
  EXPECT_EQ(gif->width, 800);
  EXPECT_EQ(gif->height, 600);

  std::string webp("RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0", 24);
  webp += std::string("\x1f\x03\x00\x57\x02\x00", 6);  // 799+1, 599+1
  const auto size = image_size(webp);
  ASSERT_TRUE(size);
  EXPECT_EQ(size->width, 800);
  EXPECT_EQ(size->height, 600);
}

TEST(ImageSize, RefusesUnknownOrTruncatedData) {
  EXPECT_FALSE(image_size(""));
  EXPECT_FALSE(image_size("not an image at all"));
  EXPECT_FALSE(image_size(fake_png(10, 10).substr(0, 20)));
  EXPECT_FALSE(image_size(fake_jpeg(10, 10).substr(0, 22)));
  EXPECT_FALSE(image_size(fake_png(0, 10)));
}

}  // namespace
}  // namespace modelcompare::mock
