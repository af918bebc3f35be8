// Pie charts drawn by the tests themselves with OpenCV, so each case controls exactly one thing:
// rotation, explode, text inside wedges, JPEG noise.
#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace modelcompare::chart_image_diff::testing {

struct SyntheticPie {
  std::vector<double> fractions{0.349, 0.286, 0.206, 0.159};
  std::vector<cv::Scalar> colours{{191, 0, 191}, {0, 0, 255}, {0, 191, 191}, {191, 191, 0}};
  double start_deg = 0;      // counter-clockwise from 3 o'clock, like matplotlib's startangle
  int exploded = -1;         // index of the slice pushed out, or -1
  double explode = 0.1;      // of the radius
  bool percent_text = true;  // "34.9%" in black inside each wedge
  int side = 600;
};

cv::Mat draw_pie(const SyntheticPie& pie);

// A fixture committed beside the tests (drawn by fixtures/make_fixtures.py).
std::filesystem::path fixture(const std::string& name);

// Writes `image` (PNG or JPEG by extension) and returns the path.
std::filesystem::path save(const cv::Mat& image, const std::filesystem::path& path);

}  // namespace modelcompare::chart_image_diff::testing
