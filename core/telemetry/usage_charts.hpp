// The tokens-over-time charts of a UsageTimeline, titled like the lab's plot.py ("Processed
// Inference Tokens Usage Over Time", one line per ModelDeploymentName): tokens per minute (prompt
// and generated) and, beside it, requests per minute.
#pragma once

#include <filesystem>
#include <vector>

#include "charts/chart_spec.hpp"
#include "telemetry/usage_timeline.hpp"

namespace modelcompare::telemetry {

// Per deployment: prompt and generated tokens per minute (or the total, for a source that only
// reports TokenTransaction).
charts::ChartSpec tokens_over_time_chart(const UsageTimeline& timeline);
// Per deployment: requests per minute, and failed requests where the source knows them.
charts::ChartSpec requests_over_time_chart(const UsageTimeline& timeline);

// RUN_DIR/charts/tokens-over-time-<source>.png
std::filesystem::path default_chart_path(const std::filesystem::path& run_dir,
                                         const std::string& source, const std::string& extension);
// Where the requests chart goes beside a tokens chart: FILE.png -> FILE-requests.png.
std::filesystem::path requests_chart_path(const std::filesystem::path& tokens_chart);

// Draws both charts (tokens to `tokens_chart`, requests beside it); returns the files written.
// Throws std::invalid_argument for an extension other than .png/.svg, std::runtime_error when
// gnuplot fails.
std::vector<std::filesystem::path> draw_usage_charts(const UsageTimeline& timeline,
                                                     const std::filesystem::path& tokens_chart);

}  // namespace modelcompare::telemetry
