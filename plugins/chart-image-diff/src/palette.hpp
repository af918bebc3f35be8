// The dominant colours of a chart (in CIELAB) and, for every pixel, which of them it shows.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "chart_image.hpp"
#include "lab_colour.hpp"

namespace modelcompare::chart_image_diff {

struct PaletteColour {
  LabColour lab;
  cv::Vec3b bgr;
  int pixels = 0;
  double share = 0;  // of the content pixels
};

struct Palette {
  static constexpr int kBackground = -2;
  static constexpr int kUnassigned = -1;  // content too far from every dominant colour

  std::vector<PaletteColour> colours;  // most frequent first
  cv::Mat labels;                      // CV_8S, per pixel: an index into colours, or the above
  int content_pixels = 0;
};

// Groups the content colours (ΔE under ~14 is one colour, so JPEG noise and anti-aliasing do not
// split a colour) and keeps those covering at least 0.2 % of the content.
Palette extract_palette(const ChartImage& image);

// How well two palettes agree: dominant colours matched one-to-one (best assignment), each pair
// scoring 1 − ΔE/100, summed and divided by the larger palette's size. Colours below `min_share`
// of their picture's content are ignored (text anti-aliasing, specks).
double palette_similarity(const Palette& x, const Palette& y, double min_share = 0.01);

}  // namespace modelcompare::chart_image_diff
