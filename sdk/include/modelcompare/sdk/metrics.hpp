// A metrics source reports server-side time series for a run's window (e.g. Azure Monitor's
// TokenTransaction per deployment).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::sdk {

struct MetricsQuery {
  std::chrono::system_clock::time_point start;
  std::chrono::system_clock::time_point end;
  std::vector<std::string> deployments;  // the run's providers' deployment names
  std::chrono::seconds interval{60};
};

struct MetricPoint {
  std::chrono::system_clock::time_point time;
  std::optional<double> value;  // empty: the server has no data for this interval (yet)
};

struct MetricSeries {
  std::string metric;      // e.g. "TokenTransaction"
  std::string deployment;  // e.g. "gpt-4o"
  std::string unit;        // e.g. "Count"
  std::vector<MetricPoint> points;
};

class MODELCOMPARE_VISIBLE MetricsSource : public Plugin {
 public:
  virtual boost::asio::awaitable<std::vector<MetricSeries>> fetch(const MetricsQuery& query) = 0;
};

}  // namespace modelcompare::sdk
