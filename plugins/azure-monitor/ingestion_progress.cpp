#include "ingestion_progress.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace modelcompare::azure_monitor {
namespace {

bool same_name(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::vector<MissingData> missing_data(const std::vector<sdk::MetricSeries>& series,
                                      const std::vector<std::string>& deployments, TimePoint start,
                                      TimePoint end, std::chrono::seconds interval) {
  std::vector<std::string> wanted = deployments;
  if (wanted.empty()) wanted.push_back({});
  const auto first = floor_to(start, interval);
  // The interval holding the window's last instant (an end on a boundary opens no new one).
  const auto last = end > start ? floor_to(end - std::chrono::milliseconds(1), interval) : first;

  std::vector<MissingData> missing;
  for (const auto& deployment : wanted) {
    std::set<TimePoint> present;
    for (const auto& one : series) {
      if (!deployment.empty() && !same_name(one.deployment, deployment)) continue;
      for (const auto& point : one.points)
        if (point.value) present.insert(floor_to(point.time, interval));
    }
    MissingData gap{deployment, {}};
    for (auto at = first; at <= last; at += interval)
      if (!present.count(at)) gap.intervals.push_back(at);
    if (!gap.intervals.empty()) missing.push_back(std::move(gap));
  }
  return missing;
}

std::string describe(const std::vector<MissingData>& missing) {
  std::string text;
  for (const auto& gap : missing) {
    if (!text.empty()) text += "; ";
    text += (gap.deployment.empty() ? std::string("any deployment") : gap.deployment) + ": ";
    for (std::size_t i = 0; i < gap.intervals.size(); ++i) {
      if (i) text += ", ";
      if (i == 8) {
        text += "and " + std::to_string(gap.intervals.size() - 8) + " more";
        break;
      }
      const auto stamp = format_utc(gap.intervals[i]);  // "2024-05-01T00:03:00Z"
      text += stamp.substr(11, 5);
    }
  }
  return text;
}

}  // namespace modelcompare::azure_monitor
