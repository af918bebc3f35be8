#include "telemetry/run_telemetry.hpp"

#include <spdlog/spdlog.h>

#include "charts/gnuplot_chart.hpp"
#include "plugins/secret_redactor.hpp"
#include "store/run_store.hpp"
#include "telemetry/metrics_window.hpp"
#include "telemetry/server_metrics_file.hpp"
#include "telemetry/stored_metrics_plan.hpp"

namespace modelcompare::telemetry {

RunUsageCharts::RunUsageCharts(const std::filesystem::path& run_dir, const UsageTimeline& timeline)
    : tokens_(tokens_over_time_chart(timeline)), requests_(requests_over_time_chart(timeline)) {
  for (const char* extension : {".png", ".svg"}) {
    const auto tokens_chart = default_chart_path(run_dir, timeline.source, extension);
    files_.push_back({tokens_, tokens_chart});
    files_.push_back({requests_, requests_chart_path(tokens_chart)});
  }
}

std::vector<std::filesystem::path> draw_run_charts(const std::filesystem::path& run_dir,
                                                   const UsageTimeline& timeline) {
  // Both charts in both formats from one gnuplot batch (starting gnuplot is the costly part).
  const RunUsageCharts usage_charts(run_dir, timeline);
  const auto& files = usage_charts.files();
  std::filesystem::create_directories(files.front().output.parent_path());
  charts::draw_charts(files);
  std::vector<std::filesystem::path> written;
  for (const auto& file : files) written.push_back(file.output);
  return written;
}

void redraw_run_charts(const std::filesystem::path& run_dir) {
  try {
    for (const auto& saved : load_server_metrics(run_dir))
      draw_run_charts(
          run_dir, server_usage_timeline(saved.instance, saved.series, saved.window.deployments));
  } catch (const std::exception& e) {
    spdlog::warn("tokens-over-time charts not redrawn: {}", e.what());
  }
}

void record_run_telemetry(const std::filesystem::path& run_dir, const MetricsPlan& plan,
                          const std::vector<std::filesystem::path>& plugin_dirs,
                          bool fetch_server) {
  if (plan.metrics.empty()) return;
  if (!fetch_server) {
    spdlog::info(
        "server metrics not fetched (run interrupted); later: modelcompare metrics {} "
        "--source {}",
        run_dir.string(), plan.metrics.front().plugin);
    return;
  }
  // The run's time window, one case at a time: a large run's cases are never all in memory.
  std::optional<MetricsWindow> window;
  try {
    store::RunStore::open(run_dir).for_each_case([&](const store::CaseRecord& record) {
      extend_metrics_window(window, record, plan.deployments);
    });
  } catch (const std::exception& e) {
    spdlog::warn("telemetry: {}", e.what());
    return;
  }
  if (!window) {
    spdlog::warn("server metrics not fetched: no request was sent");
    return;
  }
  for (auto& result : fetch_server_metrics(plan, *window, plugin_dirs)) {
    if (!result.fetched) {
      spdlog::warn("metrics source '{}' failed (the run is kept): {}", result.instance,
                   result.error);
      continue;
    }
    try {
      const auto saved = save_server_metrics(run_dir, *result.fetched);
      spdlog::info("server metrics ({}): {} series saved to {}", result.instance,
                   result.fetched->series.size(), saved.string());
      draw_run_charts(run_dir, server_usage_timeline(result.instance, result.fetched->series,
                                                     window->deployments));
    } catch (const std::exception& e) {
      spdlog::warn("server metrics ({}) not saved: {}", result.instance,
                   plugins::global_redactor().redact(e.what()));
    }
  }
}

}  // namespace modelcompare::telemetry
