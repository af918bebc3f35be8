// What `run` does with telemetry once the cases are done: the local tokens-over-time charts in
// RUN_DIR/charts/, and each configured metrics source's series fetched and saved in
// RUN_DIR/metrics/ (with its charts). Failures are warnings: the run is already safe in run.db.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "telemetry/server_metrics_fetch.hpp"
#include "telemetry/usage_charts.hpp"
#include "telemetry/usage_timeline.hpp"

namespace modelcompare::telemetry {

// Draws the timeline's charts as RUN_DIR/charts/tokens-over-time-<source>{,-requests}.{png,svg};
// returns the files written. Throws like draw_usage_charts.
std::vector<std::filesystem::path> draw_run_charts(const std::filesystem::path& run_dir,
                                                   const UsageTimeline& timeline);

// Redraws every chart of a finished run from its folder alone (run.db and the saved series in
// metrics/), e.g. for `modelcompare report`. Warns about what it cannot draw; never throws.
void redraw_run_charts(const std::filesystem::path& run_dir);

// The local charts, then (when `fetch_server` and the plan has metrics entries) every source's
// series, saved and charted. Logs what it wrote and warns about what failed; never throws.
void record_run_telemetry(const std::filesystem::path& run_dir, const MetricsPlan& plan,
                          const std::vector<std::filesystem::path>& plugin_dirs, bool fetch_server);

}  // namespace modelcompare::telemetry
