#include "text_layer.hpp"

#include <opencv2/imgproc.hpp>

namespace modelcompare::chart_image_diff {
namespace {

constexpr int kTextChroma = 25;    // text is black or grey; coloured wedges are not text
constexpr int kTextDarkness = 90;  // 8-bit L (≈ 35 of 100)

}  // namespace

cv::Mat text_layer(const ChartImage& image) {
  cv::Mat lab;
  cv::cvtColor(image.bgr, lab, cv::COLOR_BGR2Lab);
  cv::Mat layer(image.bgr.size(), CV_8U);
  for (int y = 0; y < lab.rows; ++y) {
    const auto* row = lab.ptr<cv::Vec3b>(y);
    auto* out = layer.ptr<uchar>(y);
    for (int x = 0; x < lab.cols; ++x) {
      const int a = row[x][1] - 128, b = row[x][2] - 128;
      // Grey, or dark enough to be a glyph's edge blended into a coloured wedge.
      const bool text = a * a + b * b < kTextChroma * kTextChroma || row[x][0] < kTextDarkness;
      out[x] = text ? row[x][0] : 255;
    }
  }
  return layer;
}

}  // namespace modelcompare::chart_image_diff
