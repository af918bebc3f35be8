// The Azure Monitor metrics request: GET {endpoint}{resource}/providers/Microsoft.Insights/metrics
// with api-version, metricnames, timespan, interval, aggregation and the deployment $filter.
#pragma once

#include <string>
#include <vector>

#include "modelcompare/sdk/metrics.hpp"
#include "monitor_options.hpp"
#include "utc_timestamp.hpp"

namespace modelcompare::azure_monitor {

// The window asked for: from a minute before the query's start (rounded down to the interval) to
// its end (rounded up), so the first and last partly used intervals are whole.
struct MetricsWindow {
  TimePoint start;
  TimePoint end;
};
MetricsWindow metrics_window(const sdk::MetricsQuery& query, std::chrono::seconds interval);

// "2024-05-01T00:00:00Z/2024-05-01T01:00:00Z"
std::string timespan(const MetricsWindow& window);

// "ModelDeploymentName eq 'a' or ModelDeploymentName eq 'b'", or "ModelDeploymentName eq '*'"
// (split by every deployment) when none is named. Quotes inside a name are doubled (OData).
std::string deployment_filter(const std::vector<std::string>& deployments);

// Percent-encodes a query value: everything but letters, digits, "-._~" and the ",:/" that Azure's
// own examples send as they are. Parentheses are encoded twice ("(" -> "%2528"), as Azure Monitor
// asks for dimension values.
std::string encode_query_value(std::string_view text);

// Azure's `top` (series per metric, 10 when not sent): enough for every named deployment, or 50
// when all are asked for.
std::size_t series_limit(const std::vector<std::string>& deployments);

// The whole URL.
std::string metrics_url(const MonitorOptions& options, const sdk::MetricsQuery& query);

}  // namespace modelcompare::azure_monitor
