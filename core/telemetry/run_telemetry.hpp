// What `run` does with telemetry once the cases are done: each configured metrics source's series
// fetched and saved in RUN_DIR/metrics/, with its charts (the local tokens-over-time charts are
// drawn with the report's, by report::write_run_exports). Failures are warnings: the run is
// already safe in run.db.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "charts/gnuplot_chart.hpp"
#include "telemetry/server_metrics_fetch.hpp"
#include "telemetry/usage_charts.hpp"
#include "telemetry/usage_timeline.hpp"

namespace modelcompare::telemetry {

// The timeline's two charts and the four files draw_run_charts writes for them, to draw them in a
// batch of one's own. The files refer to the charts held here: not copyable.
class RunUsageCharts {
 public:
  RunUsageCharts(const std::filesystem::path& run_dir, const UsageTimeline& timeline);
  RunUsageCharts(const RunUsageCharts&) = delete;
  RunUsageCharts& operator=(const RunUsageCharts&) = delete;
  const std::vector<charts::ChartFile>& files() const { return files_; }

 private:
  charts::ChartSpec tokens_, requests_;
  std::vector<charts::ChartFile> files_;
};

// Draws the timeline's charts as RUN_DIR/charts/tokens-over-time-<source>{,-requests}.{png,svg};
// returns the files written. Throws like draw_usage_charts.
std::vector<std::filesystem::path> draw_run_charts(const std::filesystem::path& run_dir,
                                                   const UsageTimeline& timeline);

// Redraws the charts of the series saved in RUN_DIR/metrics/ (the local ones come with
// report::write_run_exports), e.g. for `modelcompare report`. Warns about what it cannot draw;
// never throws.
void redraw_run_charts(const std::filesystem::path& run_dir);

// When `fetch_server` and the plan has metrics entries: every source's series over the run's
// time window, saved and charted. Logs what it wrote and warns about what failed; never throws.
void record_run_telemetry(const std::filesystem::path& run_dir, const MetricsPlan& plan,
                          const std::vector<std::filesystem::path>& plugin_dirs, bool fetch_server);

}  // namespace modelcompare::telemetry
