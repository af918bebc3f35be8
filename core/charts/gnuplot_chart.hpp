// Draws a ChartSpec with gnuplot (Debian's gnuplot-nox): PNG through pngcairo, SVG through svg,
// chosen by the output file's extension.
#pragma once

#include <filesystem>
#include <string>

#include "charts/chart_spec.hpp"

namespace modelcompare::charts {

// The gnuplot program for `spec`, data inline; `output` picks the terminal (.png or .svg).
// Throws std::invalid_argument for another extension.
std::string gnuplot_script(const ChartSpec& spec, const std::filesystem::path& output);

// Runs gnuplot (GNUPLOT env var, else `gnuplot` on PATH) and writes `output` atomically. Throws
// std::runtime_error with gnuplot's first error line when it fails or is missing.
void draw_chart(const ChartSpec& spec, const std::filesystem::path& output);

}  // namespace modelcompare::charts
