// Reads Azure Monitor's 200 answer into series: one per metric and deployment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "modelcompare/sdk/metrics.hpp"

namespace modelcompare::azure_monitor {

// A metric the service could not give, reported inside a 200 ("errorCode" other than "Success").
struct MetricFailure {
  std::string metric;
  std::string code;
  std::string message;
};

struct MetricsAnswer {
  std::vector<sdk::MetricSeries> series;
  std::vector<MetricFailure> failures;
};

// `aggregation` names the data point field read ("Total" reads "total"); a point without it is
// "no data" (an empty value). The deployment comes from the "ModelDeploymentName" dimension,
// compared without regard to case. Throws std::runtime_error saying what is malformed.
MetricsAnswer parse_metrics_answer(std::string_view body, std::string_view aggregation);

}  // namespace modelcompare::azure_monitor
