#include "synthetic_chart.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace modelcompare::chart_image_diff::testing {

cv::Mat draw_pie(const SyntheticPie& pie) {
  cv::Mat image(pie.side, pie.side, CV_8UC3, cv::Scalar(255, 255, 255));
  const cv::Point2d centre(pie.side / 2.0, pie.side / 2.0);
  const double radius = pie.side * 0.35;
  double start = pie.start_deg;
  for (std::size_t i = 0; i < pie.fractions.size(); ++i) {
    const double end = start + pie.fractions[i] * 360.0;
    const double middle = (start + end) / 2 * std::numbers::pi / 180.0;
    cv::Point2d apex = centre;
    if (static_cast<int>(i) == pie.exploded) {
      apex += cv::Point2d(std::cos(middle), -std::sin(middle)) * (pie.explode * radius);
    }
    // OpenCV measures angles clockwise (y points down): negate and swap.
    constexpr int shift = 4;  // sub-pixel centre
    const cv::Point fixed(static_cast<int>(apex.x * 16), static_cast<int>(apex.y * 16));
    cv::ellipse(image, fixed,
                cv::Size(static_cast<int>(radius * 16), static_cast<int>(radius * 16)), 0, -end,
                -start, pie.colours[i % pie.colours.size()], cv::FILLED, cv::LINE_AA, shift);
    if (pie.percent_text) {
      char text[16];
      std::snprintf(text, sizeof text, "%.1f%%", pie.fractions[i] * 100);
      const cv::Point2d at = apex + cv::Point2d(std::cos(middle), -std::sin(middle)) * radius * 0.6;
      cv::putText(image, text, cv::Point(static_cast<int>(at.x) - 22, static_cast<int>(at.y) + 5),
                  cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
    }
    start = end;
  }
  return image;
}

std::filesystem::path fixture(const std::string& name) {
  return std::filesystem::path(MODELCOMPARE_SOURCE_DIR) / "tests" / "plugins" / "chart-image-diff" /
         "fixtures" / name;
}

std::filesystem::path save(const cv::Mat& image, const std::filesystem::path& path) {
  std::vector<int> params;
  if (path.extension() == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, 75};
  if (!cv::imwrite(path.string(), image, params)) {
    throw std::runtime_error("cannot write " + path.string());
  }
  return path;
}

}  // namespace modelcompare::chart_image_diff::testing
