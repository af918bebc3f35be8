// Colours in CIELAB (D65), where Euclidean distance (ΔE*76) follows perceived difference.
#pragma once

#include <opencv2/core.hpp>
#include <string>

namespace modelcompare::chart_image_diff {

struct LabColour {
  double l = 0;  // lightness 0..100
  double a = 0;
  double b = 0;

  double chroma() const;
};

LabColour to_lab(const cv::Vec3b& bgr);
double delta_e(const LabColour& x, const LabColour& y);

// 1 for the same colour, 0 from ΔE 100 on (ChartMimic's colour similarity).
double colour_similarity(const LabColour& x, const LabColour& y);

// "#rrggbb"
std::string to_hex(const cv::Vec3b& bgr);

}  // namespace modelcompare::chart_image_diff
