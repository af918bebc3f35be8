// The time a run's requests took, as a metrics source is asked about it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/case_record.hpp"
#include "telemetry/utc_minute.hpp"

namespace modelcompare::telemetry {

struct MetricsWindow {
  TimePoint start;  // the first request's start
  TimePoint end;    // the last request's end
  std::vector<std::string>
      deployments;  // of the providers that sent something, in first-seen order
};

// nullopt when no case was sent (all skipped, or none). `deployments` maps provider id to
// deployment; a provider missing from it is its own deployment.
std::optional<MetricsWindow> metrics_window(const std::vector<store::CaseRecord>& cases,
                                            const std::map<std::string, std::string>& deployments);

// The same, one case at a time: widens `window` (made on the first sent case) to cover `record`.
void extend_metrics_window(std::optional<MetricsWindow>& window, const store::CaseRecord& record,
                           const std::map<std::string, std::string>& deployments);

}  // namespace modelcompare::telemetry
