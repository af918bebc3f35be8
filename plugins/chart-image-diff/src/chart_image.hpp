// A decoded chart picture, normalised for analysis: 8-bit BGR, transparency flattened onto white,
// cropped to its content (everything that differs from the background) and scaled down when big.
#pragma once

#include <opencv2/core.hpp>

#include "image_file.hpp"

namespace modelcompare::chart_image_diff {

struct ChartImage {
  cv::Mat bgr;               // CV_8UC3, cropped to content plus a small margin
  cv::Vec3b background;      // the colour of the picture's border (white for matplotlib)
  cv::Size original_size;    // before cropping and scaling
  double content_share = 0;  // content pixels / all pixels of the original picture
};

// The longest side analysis works at; bigger crops are scaled down (area averaging).
inline constexpr int kMaxAnalysisSide = 1200;

// Decodes a checked file. Throws ImageError (naming the file) if the decoder fails or the picture
// is empty: every pixel the background colour, as an all-white figure is.
ChartImage decode_chart_image(const ImageFile& file);

// Wraps an in-memory picture (tests, bench) the same way; `name` appears in errors.
ChartImage normalise_chart_image(const cv::Mat& decoded, const std::string& name);

}  // namespace modelcompare::chart_image_diff
