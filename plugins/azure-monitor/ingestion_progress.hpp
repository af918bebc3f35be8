// Whether Azure Monitor has ingested every interval of a run yet, and what it still lacks.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "modelcompare/sdk/metrics.hpp"
#include "utc_timestamp.hpp"

namespace modelcompare::azure_monitor {

struct MissingData {
  std::string deployment;  // empty: any deployment (none was named)
  std::vector<TimePoint> intervals;
};

// The intervals from the one holding `start` to the one holding `end` for which no series of
// `deployment` (any of the requested metrics) has a value yet, per deployment. Asking for no
// deployment means any series counts. Empty: everything has arrived.
std::vector<MissingData> missing_data(const std::vector<sdk::MetricSeries>& series,
                                      const std::vector<std::string>& deployments, TimePoint start,
                                      TimePoint end, std::chrono::seconds interval);

// "gpt-4o: 00:03, 00:04; gpt-4o-mini: 00:04" (UTC times of the missing intervals).
std::string describe(const std::vector<MissingData>& missing);

}  // namespace modelcompare::azure_monitor
