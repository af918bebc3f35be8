// Which intervals of a run Azure Monitor has not ingested yet.
#include "ingestion_progress.hpp"

#include <gtest/gtest.h>

#include "utc_at.hpp"

namespace modelcompare::azure_monitor {
namespace {

using namespace std::chrono_literals;

sdk::MetricSeries series(const char* metric, const char* deployment,
                         std::vector<std::pair<const char*, std::optional<double>>> points) {
  sdk::MetricSeries out{metric, deployment, "Count", {}};
  for (const auto& [time, value] : points) out.points.push_back({at(time), value});
  return out;
}

TEST(IngestionProgress, ListsTheMinutesEachDeploymentLacks) {
  const std::vector<sdk::MetricSeries> data = {
      series("TokenTransaction", "gpt-4o",
             {{"2024-05-01T10:02:00Z", 10},
              {"2024-05-01T10:03:00Z", {}},
              {"2024-05-01T10:04:00Z", 5}}),
      // Another metric of the same deployment fills 10:03 in.
      series("AzureOpenAIRequests", "GPT-4O", {{"2024-05-01T10:03:00Z", 1}}),
      series("TokenTransaction", "gpt-4o-mini", {{"2024-05-01T10:02:00Z", 7}})};
  const auto start = at("2024-05-01T10:02:30Z");
  const auto end = at("2024-05-01T10:04:40Z");
  const auto missing = missing_data(data, {"gpt-4o", "gpt-4o-mini"}, start, end, 60s);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].deployment, "gpt-4o-mini");
  EXPECT_EQ(missing[0].intervals,
            (std::vector<TimePoint>{at("2024-05-01T10:03:00Z"), at("2024-05-01T10:04:00Z")}));
  EXPECT_EQ(describe(missing), "gpt-4o-mini: 10:03, 10:04");
  EXPECT_TRUE(missing_data(data, {"gpt-4o"}, start, end, 60s).empty());
}

TEST(IngestionProgress, AnEndOnABoundaryOpensNoNewMinute) {
  const std::vector<sdk::MetricSeries> data = {
      series("TokenTransaction", "gpt-4o", {{"2024-05-01T10:02:00Z", 10}})};
  EXPECT_TRUE(
      missing_data(data, {"gpt-4o"}, at("2024-05-01T10:02:10Z"), at("2024-05-01T10:03:00Z"), 60s)
          .empty());
}

TEST(IngestionProgress, WithoutNamedDeploymentsAnySeriesCounts) {
  const auto missing =
      missing_data({}, {}, at("2024-05-01T10:02:00Z"), at("2024-05-01T10:02:30Z"), 60s);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(describe(missing), "any deployment: 10:02");
  const auto found = missing_data({series("TokenTransaction", "x", {{"2024-05-01T10:02:00Z", 1}})},
                                  {}, at("2024-05-01T10:02:00Z"), at("2024-05-01T10:02:30Z"), 60s);
  EXPECT_TRUE(found.empty());
}

}  // namespace
}  // namespace modelcompare::azure_monitor
