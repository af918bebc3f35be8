// A chart as data: titled axes and series of points, drawn by gnuplot (see gnuplot_chart.hpp).
// Value types only, so a chart can be built and checked in a test without drawing it.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace modelcompare::charts {

struct ChartPoint {
  double x = 0;
  double y = 0;
  std::optional<double> y_low;  // error bar, when both ends are set
  std::optional<double> y_high;
  std::string label;  // written beside the point when not empty
};

enum class SeriesStyle { lines, linespoints, points, steps };

struct ChartSeries {
  std::string title;  // legend entry
  SeriesStyle style = SeriesStyle::linespoints;
  std::vector<ChartPoint> points;
};

struct ChartSpec {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool x_is_time = false;  // x holds UTC seconds since the epoch, shown as HH:MM
  bool y_from_zero = false;
  std::optional<double> x_min, x_max, y_min, y_max;
  std::vector<ChartSeries> series;
};

}  // namespace modelcompare::charts
