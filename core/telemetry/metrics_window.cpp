#include "telemetry/metrics_window.hpp"

#include <algorithm>

namespace modelcompare::telemetry {

std::optional<MetricsWindow> metrics_window(const std::vector<store::CaseRecord>& cases,
                                            const std::map<std::string, std::string>& deployments) {
  std::optional<MetricsWindow> window;
  for (const auto& record : cases) extend_metrics_window(window, record, deployments);
  return window;
}

void extend_metrics_window(std::optional<MetricsWindow>& window, const store::CaseRecord& record,
                           const std::map<std::string, std::string>& deployments) {
  if (record.status == store::CaseStatus::skipped) return;
  const auto started = parse_utc(record.started_at);
  const auto finished = parse_utc(record.finished_at);
  if (!started && !finished) return;
  const TimePoint start = started.value_or(*finished), end = finished.value_or(*started);
  if (!window) window = MetricsWindow{start, end, {}};
  window->start = std::min(window->start, start);
  window->end = std::max(window->end, end);
  const auto it = deployments.find(record.key.provider);
  const std::string name = it != deployments.end() ? it->second : record.key.provider;
  if (std::find(window->deployments.begin(), window->deployments.end(), name) ==
      window->deployments.end())
    window->deployments.push_back(name);
}

}  // namespace modelcompare::telemetry
