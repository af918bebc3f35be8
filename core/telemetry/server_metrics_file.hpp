// A metrics source's series for one run, saved in the run folder (metrics/<instance>.json) so
// reports and `modelcompare metrics` never need the network again.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "modelcompare/sdk/metrics.hpp"
#include "telemetry/metrics_window.hpp"

namespace modelcompare::telemetry {

struct SavedServerMetrics {
  std::string instance;                            // file name stem, e.g. "azure-monitor"
  std::string plugin;                              // e.g. "azure-monitor"
  std::string fetched_at;                          // UTC ISO 8601
  MetricsWindow window;                            // what was asked
  std::map<std::string, std::string> deployments;  // provider id -> deployment
  std::vector<sdk::MetricSeries> series;
};

std::filesystem::path server_metrics_path(const std::filesystem::path& run_dir,
                                          const std::string& instance);

// Writes metrics/<instance>.json atomically (a temporary file renamed over it).
std::filesystem::path save_server_metrics(const std::filesystem::path& run_dir,
                                          const SavedServerMetrics& saved);

// Every saved file of the run, by instance name; none when the folder is missing. Throws
// std::runtime_error naming the file for one that cannot be read.
std::vector<SavedServerMetrics> load_server_metrics(const std::filesystem::path& run_dir);

}  // namespace modelcompare::telemetry
