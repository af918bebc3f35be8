#include "monitor_options.hpp"

#include <cctype>
#include <cmath>
#include <utility>

#include "close_name.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::azure_monitor {
namespace {

using nlohmann::json;

const std::vector<std::string> kKnownOptions = {"resource_id",
                                                "metric",
                                                "metrics",
                                                "api_version",
                                                "endpoint",
                                                "interval",
                                                "aggregation",
                                                "ingestion_wait_seconds",
                                                "poll_interval_seconds"};

// Azure Monitor's time grains for metrics, and their lengths.
const std::vector<std::pair<std::string, std::chrono::seconds>> kIntervals = {
    {"PT1M", std::chrono::minutes(1)},   {"PT5M", std::chrono::minutes(5)},
    {"PT15M", std::chrono::minutes(15)}, {"PT30M", std::chrono::minutes(30)},
    {"PT1H", std::chrono::hours(1)},     {"PT6H", std::chrono::hours(6)},
    {"PT12H", std::chrono::hours(12)},   {"P1D", std::chrono::hours(24)}};

class OptionReader {
 public:
  OptionReader(const std::string& instance_id, const json& options)
      : prefix_(message_prefix(instance_id)), options_(options) {
    if (!options_.is_object()) fail("options must be a JSON object (got " + options_.dump() + ")");
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw sdk::PluginError(prefix_ + message);
  }

  bool has(const char* key) const { return options_.contains(key) && !options_[key].is_null(); }

  std::string text(const char* key, const std::string& fallback, bool required = false) const {
    if (!has(key)) {
      if (required) fail("option '" + std::string(key) + "' is required");
      return fallback;
    }
    if (!options_[key].is_string())
      fail("option '" + std::string(key) + "' must be a string (got " + options_[key].dump() + ")");
    return options_[key].get<std::string>();
  }

  std::string choice(const char* key, const std::string& fallback,
                     const std::vector<std::string>& allowed) const {
    const auto value = text(key, fallback);
    for (const auto& candidate : allowed)
      if (value == candidate) return value;
    std::string list;
    for (const auto& candidate : allowed) list += (list.empty() ? "" : ", ") + candidate;
    fail("option '" + std::string(key) + "' must be one of " + list + " (got '" + value + "')");
  }

  std::chrono::milliseconds seconds(const char* key, double fallback, double min,
                                    double max) const {
    double value = fallback;
    if (has(key)) {
      if (!options_[key].is_number())
        fail("option '" + std::string(key) + "' must be a number of seconds (got " +
             options_[key].dump() + ")");
      value = options_[key].get<double>();
      if (!(value >= min && value <= max))
        fail("option '" + std::string(key) + "' must be between " + format(min) + " and " +
             format(max) + " seconds (got " + options_[key].dump() + ")");
    }
    return std::chrono::milliseconds(static_cast<long long>(std::llround(value * 1000)));
  }

  void reject_unknown() const {
    for (const auto& [key, value] : options_.items()) {
      bool known = false;
      for (const auto& name : kKnownOptions) known = known || key == name;
      if (known) continue;
      std::string message = "unknown option '" + key + "'";
      if (auto guess = close_name(key, kKnownOptions))
        message += " (did you mean '" + *guess + "'?)";
      else {
        std::string list;
        for (const auto& name : kKnownOptions) list += (list.empty() ? "" : ", ") + name;
        message += " (known: " + list + ")";
      }
      fail(message);
    }
  }

  const json& at(const char* key) const { return options_[key]; }

 private:
  static std::string format(double value) {
    auto text = std::to_string(value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
  }

  std::string prefix_;
  const json& options_;
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

// A segment goes into the URL path as it is (Azure's spec skips encoding the resource URI), so
// only the characters Azure allows in subscription, group and account names pass.
bool plain_segment(const std::string& segment) {
  if (segment.empty()) return false;
  for (const unsigned char c : segment)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.' && c != '(' && c != ')') return false;
  return true;
}

std::string check_resource_id(const OptionReader& read, std::string id) {
  while (id.size() > 1 && id.back() == '/') id.pop_back();
  const std::string expected =
      "/subscriptions/SUBSCRIPTION/resourceGroups/GROUP/providers/"
      "Microsoft.CognitiveServices/accounts/NAME";
  const auto parts = split(id, '/');
  // "", subscriptions, SUB, resourceGroups, RG, providers, Microsoft.CognitiveServices, accounts,
  // NAME
  const bool shape = parts.size() == 9 && parts[0].empty() && iequals(parts[1], "subscriptions") &&
                     iequals(parts[3], "resourceGroups") && iequals(parts[5], "providers") &&
                     iequals(parts[6], "Microsoft.CognitiveServices") &&
                     iequals(parts[7], "accounts");
  if (!shape) read.fail("option 'resource_id' must look like " + expected + " (got '" + id + "')");
  for (const std::size_t i : {2, 4, 8})
    if (!plain_segment(parts[i]))
      read.fail("option 'resource_id' has a bad name '" + parts[i] +
                "' (letters, digits, '-', '_', '.', '(' and ')' only)");
  return id;
}

std::string check_metric_name(const OptionReader& read, const char* key, const json& value) {
  if (!value.is_string())
    read.fail("option '" + std::string(key) + "' must name metrics as strings (got " +
              value.dump() + ")");
  const auto name = value.get<std::string>();
  bool plain = !name.empty();
  for (const unsigned char c : name) plain = plain && (std::isalnum(c) || c == '_' || c == '.');
  if (!plain)
    read.fail("option '" + std::string(key) + "' has a bad metric name '" + name +
              "' (letters, digits, '_' and '.' only, e.g. TokenTransaction)");
  return name;
}

bool local_host(const std::string& endpoint) {
  for (const char* prefix : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    const std::string p = prefix;
    if (endpoint.rfind(p, 0) == 0 &&
        (endpoint.size() == p.size() || endpoint[p.size()] == ':' || endpoint[p.size()] == '/'))
      return true;
  }
  return false;
}

}  // namespace

std::string message_prefix(const std::string& instance_id) {
  return instance_id.empty() ? "azure-monitor: "
                             : "metrics source '" + instance_id + "' (azure-monitor): ";
}

MonitorOptions parse_monitor_options(const std::string& instance_id, const json& options) {
  const OptionReader read(instance_id, options);
  read.reject_unknown();
  MonitorOptions out;

  out.resource_id = check_resource_id(read, read.text("resource_id", "", true));

  if (read.has("metric") && read.has("metrics"))
    read.fail("options 'metric' and 'metrics' exclude each other: give one");
  if (read.has("metric")) {
    out.metrics = {check_metric_name(read, "metric", read.at("metric"))};
  } else if (read.has("metrics")) {
    const auto& list = read.at("metrics");
    if (!list.is_array() || list.empty())
      read.fail("option 'metrics' must be a non-empty list of metric names (got " + list.dump() +
                ")");
    if (list.size() > 20)
      read.fail("option 'metrics' names " + std::to_string(list.size()) +
                " metrics; Azure Monitor takes at most 20 in one request");
    out.metrics.clear();
    for (const auto& item : list) out.metrics.push_back(check_metric_name(read, "metrics", item));
  }

  out.api_version = read.choice("api_version", out.api_version, {"2023-10-01", "2018-01-01"});

  auto endpoint = read.text("endpoint", out.endpoint);
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  if (endpoint.find_first_of("?# ") != std::string::npos)
    read.fail("option 'endpoint' must be a bare URL like https://management.azure.com (got '" +
              endpoint + "')");
  // The bearer token travels with every request: plain http only to this machine (tests).
  if (endpoint.rfind("https://", 0) != 0 && !local_host(endpoint))
    read.fail(
        "option 'endpoint' must start with https:// (plain http only for 127.0.0.1 or "
        "localhost) (got '" +
        endpoint + "')");
  if (endpoint == "https:/" || endpoint == "https:")
    read.fail("option 'endpoint' has no host (got '" + endpoint + "')");
  out.endpoint = endpoint;

  std::vector<std::string> grains;
  for (const auto& [name, length] : kIntervals) grains.push_back(name);
  out.interval = read.choice("interval", out.interval, grains);
  for (const auto& [name, length] : kIntervals)
    if (name == out.interval) out.interval_length = length;

  out.aggregation = read.choice("aggregation", out.aggregation,
                                {"Total", "Average", "Count", "Maximum", "Minimum"});
  out.ingestion_wait = read.seconds("ingestion_wait_seconds", 300, 0, 3600);
  out.poll_interval = read.seconds("poll_interval_seconds", 30, 0.001, 600);
  return out;
}

}  // namespace modelcompare::azure_monitor
