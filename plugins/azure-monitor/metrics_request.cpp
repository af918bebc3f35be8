#include "metrics_request.hpp"

#include <algorithm>
#include <cctype>

namespace modelcompare::azure_monitor {

MetricsWindow metrics_window(const sdk::MetricsQuery& query, std::chrono::seconds interval) {
  MetricsWindow window;
  window.start = floor_to(query.start - std::chrono::minutes(1), interval);
  window.end = floor_to(query.end, interval);
  if (window.end < query.end) window.end += interval;
  if (window.end <= window.start) window.end = window.start + interval;
  return window;
}

std::string timespan(const MetricsWindow& window) {
  return format_utc(window.start) + "/" + format_utc(window.end);
}

std::string deployment_filter(const std::vector<std::string>& deployments) {
  if (deployments.empty()) return "ModelDeploymentName eq '*'";
  std::string filter;
  for (const auto& name : deployments) {
    std::string quoted;
    for (const char c : name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    filter +=
        (filter.empty() ? "" : " or ") + std::string("ModelDeploymentName eq '") + quoted + "'";
  }
  return filter;
}

std::string encode_query_value(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == ',' ||
        c == ':' || c == '/') {
      out += c;
    } else if (c == '(' || c == ')') {
      out += c == '(' ? "%2528" : "%2529";
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

std::size_t series_limit(const std::vector<std::string>& deployments) {
  return deployments.empty() ? 50 : std::max<std::size_t>(10, deployments.size());
}

std::string metrics_url(const MonitorOptions& options, const sdk::MetricsQuery& query) {
  std::string names;
  for (const auto& metric : options.metrics) names += (names.empty() ? "" : ",") + metric;
  const auto window = metrics_window(query, options.interval_length);
  return options.endpoint + options.resource_id +
         "/providers/Microsoft.Insights/metrics?api-version=" +
         encode_query_value(options.api_version) + "&metricnames=" + encode_query_value(names) +
         "&timespan=" + encode_query_value(timespan(window)) +
         "&interval=" + encode_query_value(options.interval) +
         "&aggregation=" + encode_query_value(options.aggregation) +
         "&$filter=" + encode_query_value(deployment_filter(query.deployments)) +
         "&top=" + std::to_string(series_limit(query.deployments));
}

}  // namespace modelcompare::azure_monitor
