// Asks the config's metrics plugins for a run's server-side series: makes each instance the way
// `run` does (same search path, same secrets from the environment and the config's .env), runs
// its fetch (which polls, bounded, while the service ingests) and returns the series or its error.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "telemetry/metrics_window.hpp"
#include "telemetry/server_metrics_file.hpp"

namespace modelcompare::telemetry {

// What a run's config says about metrics, with ${VAR}s expanded.
struct MetricsPlan {
  std::vector<config::MetricsConfig> metrics;
  std::map<std::string, std::string> deployments;  // provider id -> deployment
  std::filesystem::path base_dir;                  // the config's folder (.env, relative paths)
};

// One name per metrics entry, as its files and messages call it: the plugin's name, then
// "<plugin>-2", "<plugin>-3" for more entries of the same plugin.
std::vector<std::string> metrics_instance_names(const std::vector<config::MetricsConfig>& metrics);

struct MetricsFetchResult {
  std::string instance;
  std::string plugin;
  std::optional<SavedServerMetrics> fetched;  // set when the fetch worked
  std::string error;                          // one line (secrets masked) when it did not
};

// Fetches from every entry of `plan` (only those whose instance or plugin name is `only`, when
// given). Never throws for a plugin's failure: that is the result's error.
std::vector<MetricsFetchResult> fetch_server_metrics(
    const MetricsPlan& plan, const MetricsWindow& window,
    const std::vector<std::filesystem::path>& plugin_dirs, const std::string& only = "");

}  // namespace modelcompare::telemetry
