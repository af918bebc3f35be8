#include "metrics_response.hpp"

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "json_text.hpp"
#include "utc_timestamp.hpp"

namespace modelcompare::azure_monitor {
namespace {

using nlohmann::json;

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Azure writes names as {"value": "...", "localizedValue": "..."}; older answers as a string.
std::string name_of(const json& name) {
  if (name.is_string()) return name.get<std::string>();
  if (name.is_object() && name.contains("value") && name["value"].is_string())
    return name["value"].get<std::string>();
  return {};
}

std::string deployment_of(const json& timeseries) {
  if (!timeseries.contains("metadatavalues") || !timeseries["metadatavalues"].is_array()) return {};
  for (const auto& dimension : timeseries["metadatavalues"]) {
    if (!dimension.is_object() || !dimension.contains("name")) continue;
    if (lower(name_of(dimension["name"])) == "modeldeploymentname")
      return text_field(dimension, "value");
  }
  return {};
}

}  // namespace

MetricsAnswer parse_metrics_answer(std::string_view body, std::string_view aggregation) {
  json root;
  try {
    root = json::parse(body);
  } catch (const json::parse_error& error) {
    throw std::runtime_error(std::string("the metrics answer is not JSON (") + error.what() + ")");
  }
  if (!root.is_object() || !root.contains("value") || !root["value"].is_array())
    throw std::runtime_error("the metrics answer has no \"value\" list");
  const std::string field = lower(aggregation);

  MetricsAnswer answer;
  for (const auto& metric : root["value"]) {
    if (!metric.is_object()) throw std::runtime_error("a metric in \"value\" is not an object");
    const std::string name = metric.contains("name") ? name_of(metric["name"]) : std::string();
    if (name.empty()) throw std::runtime_error("a metric in \"value\" has no name");
    const std::string code = text_field(metric, "errorCode");
    if (!code.empty() && code != "Success") {
      answer.failures.push_back({name, code, text_field(metric, "errorMessage")});
      continue;
    }
    const std::string unit = text_field(metric, "unit");
    if (!metric.contains("timeseries")) continue;
    if (!metric["timeseries"].is_array())
      throw std::runtime_error("metric " + name + ": \"timeseries\" is not a list");
    for (const auto& timeseries : metric["timeseries"]) {
      sdk::MetricSeries series;
      series.metric = name;
      series.unit = unit;
      series.deployment = deployment_of(timeseries);
      if (timeseries.contains("data") && timeseries["data"].is_array()) {
        for (const auto& point : timeseries["data"]) {
          const std::string stamp = point.is_object() ? text_field(point, "timeStamp") : "";
          const auto time = parse_utc(stamp);
          if (!time)
            throw std::runtime_error("metric " + name + ": a data point has no valid timeStamp (" +
                                     point.dump() + ")");
          sdk::MetricPoint out{*time, std::nullopt};
          // Azure leaves the aggregation out for intervals it has no data for (yet).
          for (const auto& [key, value] : point.items())
            if (lower(key) == field && value.is_number()) out.value = value.get<double>();
          series.points.push_back(out);
        }
      }
      answer.series.push_back(std::move(series));
    }
  }
  return answer;
}

}  // namespace modelcompare::azure_monitor
