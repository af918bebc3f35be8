#include <cstdio>
#include <iostream>
#include <set>

#include "cli/cli_error.hpp"
#include "cli/commands.hpp"
#include "config/close_match.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_search_path.hpp"
#include "store/run_store.hpp"
#include "telemetry/deployment_names.hpp"
#include "telemetry/metrics_window.hpp"
#include "telemetry/run_telemetry.hpp"
#include "telemetry/server_metrics_fetch.hpp"
#include "telemetry/server_metrics_file.hpp"
#include "telemetry/stored_metrics_plan.hpp"
#include "telemetry/usage_charts.hpp"

namespace modelcompare::cli {
namespace {

namespace fs = std::filesystem;
using telemetry::UsageTimeline;

std::string cell(const std::optional<double>& value) {
  if (!value) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", *value);
  return buffer;
}

void print_table(const UsageTimeline& timeline) {
  std::printf("%-17s  %-24s %10s %10s %10s %9s %7s\n", "minute (UTC)", "deployment", "prompt",
              "generated", "total", "requests", "failed");
  for (const auto& deployment : timeline.deployments)
    for (const auto& [time, minute] : deployment.minutes) {
      const auto iso = telemetry::format_utc(time);
      std::printf("%-17s  %-24s %10s %10s %10s %9s %7s\n", iso.substr(0, 16).c_str(),
                  deployment.deployment.c_str(), cell(minute.prompt_tokens).c_str(),
                  cell(minute.generated_tokens).c_str(), cell(minute.total_tokens).c_str(),
                  cell(minute.requests).c_str(), cell(minute.failed_requests).c_str());
    }
  for (const auto& deployment : timeline.deployments) {
    const auto totals = telemetry::usage_totals(deployment);
    std::printf("%-17s  %-24s %10s %10s %10s %9s %7s\n", "total", deployment.deployment.c_str(),
                cell(totals.prompt_tokens).c_str(), cell(totals.generated_tokens).c_str(),
                cell(totals.total_tokens).c_str(), cell(totals.requests).c_str(),
                cell(totals.failed_requests).c_str());
  }
}

// The server's series for `source`: saved ones first; else fetched now with the stored config's
// metrics entry, and saved. Throws UsageError with the one line to show.
UsageTimeline server_timeline(const fs::path& run_dir, const store::RunStore& store,
                              const std::string& source, const std::vector<fs::path>& plugin_dirs) {
  const auto saved = telemetry::load_server_metrics(run_dir);
  for (const auto& one : saved)
    if (one.instance == source || one.plugin == source)
      return telemetry::server_usage_timeline(one.instance, one.series, one.window.deployments);

  const auto plan = telemetry::stored_metrics_plan(store);
  const auto names = telemetry::metrics_instance_names(plan.metrics);
  bool configured = false;
  for (std::size_t i = 0; i < names.size(); ++i)
    configured = configured || names[i] == source || plan.metrics[i].plugin == source;
  if (!configured) {
    plugins::PluginRegistry registry;
    registry.scan(plugins::plugin_search_path(plugin_dirs));
    const auto installed = registry.names(sdk::PluginKind::metrics);
    if (std::find(installed.begin(), installed.end(), source) != installed.end())
      throw UsageError("metrics: no metrics plugin configured: " + run_dir.string() +
                       " was run from a config without a \"metrics\" entry for '" + source +
                       "' and has no saved series in metrics/ (add {\"plugin\": \"" + source +
                       "\", \"options\": {...}} to the config's \"metrics\" for the next run)");
    std::set<std::string> candidates = {"local"};
    candidates.insert(installed.begin(), installed.end());
    candidates.insert(names.begin(), names.end());
    for (const auto& one : saved) candidates.insert(one.instance);
    std::string list;
    for (const auto& name : candidates) list += (list.empty() ? "" : ", ") + name;
    const auto near = config::close_match(source, {candidates.begin(), candidates.end()});
    throw UsageError("metrics: unknown source '" + source + "'" +
                     (near ? " (did you mean '" + *near + "'?)" : std::string()) +
                     "; sources: " + list);
  }
  std::optional<telemetry::MetricsWindow> window;
  store.for_each_case([&](const store::CaseRecord& record) {
    telemetry::extend_metrics_window(window, record, plan.deployments);
  });
  if (!window)
    throw UsageError("metrics: " + run_dir.string() +
                     " sent no request, so there is no time window to ask '" + source + "' about");
  auto results = telemetry::fetch_server_metrics(plan, *window, plugin_dirs, source);
  auto& result = results.front();
  if (!result.fetched) throw UsageError("metrics: " + result.error);
  const auto file = telemetry::save_server_metrics(run_dir, *result.fetched);
  std::fprintf(stderr, "saved %s\n", file.c_str());
  return telemetry::server_usage_timeline(result.instance, result.fetched->series,
                                          window->deployments);
}

}  // namespace

int metrics_command(const Arguments& args) {
  po::options_description options(
      "usage: modelcompare metrics RUN_DIR [--source local|PLUGIN] [--out FILE.png|.svg] "
      "[--json]\n\n"
      "Tokens per minute per deployment (prompt and generated) and requests per minute: counted\n"
      "by modelcompare from run.db (--source local, the default) or reported by a metrics plugin\n"
      "(e.g. --source azure-monitor: the series saved in RUN_DIR/metrics/ after the run, fetched\n"
      "now with the run's config when none were saved). Draws the charts (default\n"
      "RUN_DIR/charts/tokens-over-time-SOURCE.png and .svg, requests beside them as\n"
      "...-requests.png) and prints the per-minute table.\n\noptions");
  options.add_options()("help,h", "show this help")(
      "source", po::value<std::string>()->default_value("local"),
      "local, or a metrics plugin of the run's config")(
      "out", po::value<std::string>(),
      "write the tokens chart to FILE (.png or .svg) and the requests chart beside it; "
      "no table")("json", "print the per-minute series as JSON instead of the table")(
      "run-dir", po::value<std::string>(), "the run folder");
  add_plugin_dir_option(options);
  po::positional_options_description positional;
  positional.add("run-dir", 1);
  const auto vm = parse_arguments("metrics", args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  if (!vm.count("run-dir"))
    throw UsageError("metrics: missing RUN_DIR (see `modelcompare metrics --help`)");
  const fs::path run_dir = vm["run-dir"].as<std::string>();
  const std::string source = vm["source"].as<std::string>();
  std::optional<fs::path> out;
  if (vm.count("out")) {
    out = vm["out"].as<std::string>();
    const auto extension = out->extension().string();
    if (extension != ".png" && extension != ".svg")
      throw UsageError("metrics: --out " + out->string() + ": a chart is written as .png or .svg" +
                       (extension.empty() ? std::string() : ", not '" + extension + "'"));
  }
  std::vector<fs::path> dirs;
  for (const auto& dir : plugin_dirs(vm)) dirs.emplace_back(dir);

  const auto store = store::RunStore::open(run_dir);
  UsageTimeline timeline;
  if (source == "local") {
    const auto plan = telemetry::stored_metrics_plan(store, false);
    telemetry::LocalUsageCounter counter(telemetry::deployment_lookup(plan.deployments));
    store.for_each_case([&](const store::CaseRecord& record) { counter.add(record); });
    timeline = counter.timeline();
  } else {
    timeline = server_timeline(run_dir, store, source, dirs);
  }

  std::vector<fs::path> written;
  try {
    written = out ? telemetry::draw_usage_charts(timeline, *out)
                  : telemetry::draw_run_charts(run_dir, timeline);
  } catch (const std::exception& e) {
    throw UsageError(std::string("metrics: ") + e.what());
  }
  if (vm.count("json"))
    std::cout << telemetry::to_json(timeline).dump(2) << "\n";
  else if (!out)
    print_table(timeline);
  for (const auto& file : written) std::fprintf(stderr, "wrote %s\n", file.c_str());
  return kSuccess;
}

}  // namespace modelcompare::cli
