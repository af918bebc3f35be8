// The chart's lettering alone: grey or dark pixels keep their lightness, everything coloured
// (wedges, bars, lines) and the background turn white.
#pragma once

#include <opencv2/core.hpp>

#include "chart_image.hpp"

namespace modelcompare::chart_image_diff {

// CV_8U of the image's size: 8-bit lightness (L of CIELAB) where the pixel may be text, else 255.
cv::Mat text_layer(const ChartImage& image);

}  // namespace modelcompare::chart_image_diff
