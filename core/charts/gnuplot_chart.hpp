// Draws a ChartSpec with gnuplot (Debian's gnuplot-nox): PNG through pngcairo, SVG through svg,
// chosen by the output file's extension.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "charts/chart_spec.hpp"

namespace modelcompare::charts {

// The gnuplot program for `spec`, data inline; `output` picks the terminal (.png or .svg).
// Throws std::invalid_argument for another extension.
std::string gnuplot_script(const ChartSpec& spec, const std::filesystem::path& output);

// Runs gnuplot (GNUPLOT env var, else `gnuplot` on PATH) and writes `output` atomically. Throws
// std::runtime_error with gnuplot's first error line when it fails or is missing.
void draw_chart(const ChartSpec& spec, const std::filesystem::path& output);

// Several charts drawn by one gnuplot process: starting gnuplot costs more than drawing a chart.
// All files are written, or none (each written atomically); the error names the first output.
struct ChartFile {
  const ChartSpec& spec;
  std::filesystem::path output;
};
void draw_charts(const std::vector<ChartFile>& files);

// The same, in two steps, so the caller works while gnuplot draws: the constructor writes the
// script and hands it to the kept gnuplot (gnuplot_session.hpp); finish() waits and writes the
// files or throws as draw_charts does (without a session, it runs gnuplot then).
class ChartBatch {
 public:
  explicit ChartBatch(const std::vector<ChartFile>& files);
  ~ChartBatch();  // finishes an unfinished batch, its error ignored
  ChartBatch(const ChartBatch&) = delete;
  ChartBatch& operator=(const ChartBatch&) = delete;
  void finish();

 private:
  std::vector<std::filesystem::path> outputs_, partials_;
  std::filesystem::path script_;
  long session_batch_ = 0;  // 0: drawn by a gnuplot of its own in finish()
  bool finished_ = false;
};

}  // namespace modelcompare::charts
