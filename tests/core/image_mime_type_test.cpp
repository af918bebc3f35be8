#include "run/image_mime_type.hpp"

#include <gtest/gtest.h>

namespace modelcompare::run {
namespace {

TEST(ImageMimeType, ComesFromTheBytes) {
  EXPECT_EQ(image_mime_type(std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  EXPECT_EQ(image_mime_type("\xFF\xD8\xFF\xE0rest"), "image/jpeg");
  EXPECT_EQ(image_mime_type("GIF89a..."), "image/gif");
  EXPECT_EQ(image_mime_type("RIFF1234WEBPVP8 "), "image/webp");
  EXPECT_EQ(image_mime_type("print('hello')"), std::nullopt);
  EXPECT_EQ(image_mime_type(""), std::nullopt);
}

}  // namespace
}  // namespace modelcompare::run
