// What kind of chart a picture shows: pie, bar, line or other, with the evidence in words.
#pragma once

#include <string>

#include "chart_image.hpp"
#include "palette.hpp"
#include "pie_reader.hpp"

namespace modelcompare::chart_image_diff {

enum class ChartType { pie, bar, line, other };

const char* to_string(ChartType type);

struct ChartTypeReading {
  ChartType type = ChartType::other;
  std::string evidence;  // e.g. "4 solid bars on one baseline"
};

// Pie when the pie reader found one; bar when solid axis-aligned rectangles share a baseline;
// line when the coloured marks are thin strokes spread across the width; other otherwise.
ChartTypeReading classify_chart(const ChartImage& image, const Palette& palette,
                                const PieReading& pie);

}  // namespace modelcompare::chart_image_diff
