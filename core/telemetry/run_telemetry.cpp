#include "telemetry/run_telemetry.hpp"

#include <spdlog/spdlog.h>

#include "charts/gnuplot_chart.hpp"
#include "plugins/secret_redactor.hpp"
#include "store/compact_case.hpp"
#include "store/run_store.hpp"
#include "telemetry/server_metrics_file.hpp"
#include "telemetry/stored_metrics_plan.hpp"

namespace modelcompare::telemetry {
namespace {

// The run's cases without their answers and evaluator details: the timeline and the metrics window
// read only keys, usage, status and times, and a large run's answers need not be in memory.
std::vector<store::CaseRecord> compact_cases(const store::RunStore& store) {
  std::vector<store::CaseRecord> cases;
  store.for_each_case(
      [&](const store::CaseRecord& record) { cases.push_back(store::compact_case(record)); });
  return cases;
}

}  // namespace

std::vector<std::filesystem::path> draw_run_charts(const std::filesystem::path& run_dir,
                                                   const UsageTimeline& timeline) {
  // Both charts in both formats from one gnuplot process (starting it is the costly part).
  const auto tokens = tokens_over_time_chart(timeline);
  const auto requests = requests_over_time_chart(timeline);
  std::vector<charts::ChartFile> files;
  for (const char* extension : {".png", ".svg"}) {
    const auto tokens_chart = default_chart_path(run_dir, timeline.source, extension);
    files.push_back({tokens, tokens_chart});
    files.push_back({requests, requests_chart_path(tokens_chart)});
  }
  std::filesystem::create_directories(files.front().output.parent_path());
  charts::draw_charts(files);
  std::vector<std::filesystem::path> written;
  for (const auto& file : files) written.push_back(file.output);
  return written;
}

void redraw_run_charts(const std::filesystem::path& run_dir) {
  try {
    const auto store = store::RunStore::open(run_dir);
    const auto plan = stored_metrics_plan(store, false);
    draw_run_charts(run_dir,
                    local_usage_timeline(compact_cases(store), [&](const std::string& provider) {
                      const auto it = plan.deployments.find(provider);
                      return it != plan.deployments.end() ? it->second : provider;
                    }));
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
  std::vector<store::CaseRecord> cases;
  try {
    cases = compact_cases(store::RunStore::open(run_dir));
  } catch (const std::exception& e) {
    spdlog::warn("telemetry: {}", e.what());
    return;
  }
  const auto deployment_of = [&](const std::string& provider) {
    const auto it = plan.deployments.find(provider);
    return it != plan.deployments.end() ? it->second : provider;
  };
  try {
    const auto files = draw_run_charts(run_dir, local_usage_timeline(cases, deployment_of));
    spdlog::info("tokens over time (local): {}", files.front().string());
  } catch (const std::exception& e) {
    spdlog::warn("tokens-over-time chart not drawn: {}", e.what());
  }

  if (plan.metrics.empty()) return;
  if (!fetch_server) {
    spdlog::info(
        "server metrics not fetched (run interrupted); later: modelcompare metrics {} "
        "--source {}",
        run_dir.string(), plan.metrics.front().plugin);
    return;
  }
  const auto window = metrics_window(cases, plan.deployments);
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
