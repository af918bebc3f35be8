// Reads a pie chart from its pixels: finds the pie (the largest disc of non-background colour),
// sweeps angles around its centre to find the slices, and measures each slice by its area, so an
// exploded or rotated pie reads the same fractions as the original.
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "chart_image.hpp"
#include "lab_colour.hpp"
#include "palette.hpp"

namespace modelcompare::chart_image_diff {

struct PieSlice {
  double fraction = 0;  // of the whole pie
  cv::Vec3b colour;
  LabColour lab;
  // Degrees counter-clockwise from 3 o'clock, as matplotlib counts them; end = start +
  // 360·fraction, so end may pass 360.
  double start_deg = 0;
  double end_deg = 0;
};

struct PieReading {
  bool found = false;
  std::string reason;  // why no pie was found, for a finding
  cv::Point2d centre;
  double radius = 0;
  double rim_share = 0;          // share of directions in which the outline meets the circle
  double disc_fill = 0;          // solid area / area of the fitted circle
  double angular_coverage = 0;   // share of sweep angles that meet a slice
  std::vector<PieSlice> slices;  // counter-clockwise from the first slice after 0°
};

PieReading read_pie(const Palette& palette);

}  // namespace modelcompare::chart_image_diff
