// The tokens-over-time charts: what they show (as data) and that gnuplot really draws them.
#include "telemetry/usage_charts.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "utc_at.hpp"

namespace modelcompare::telemetry {
namespace {

UsageTimeline two_deployments() {
  UsageTimeline timeline;
  timeline.source = "local";
  auto& a = timeline.deployments.emplace_back();
  a.deployment = "gpt-4o";
  a.minutes[at("2026-11-27T10:00:00Z")] = {100.0, 10.0, 110.0, 2.0, 0.0};
  a.minutes[at("2026-11-27T10:01:00Z")] = {300.0, 30.0, 330.0, 3.0, 1.0};
  auto& b = timeline.deployments.emplace_back();
  b.deployment = "gpt-4o-mini";
  b.minutes[at("2026-11-27T10:00:00Z")] = {std::nullopt, std::nullopt, 70.0, 1.0, std::nullopt};
  b.minutes[at("2026-11-27T10:01:00Z")] = {};  // no data
  return timeline;
}

TEST(UsageCharts, TokensChartIsTitledLikeTheLabsPlot) {
  const auto spec = tokens_over_time_chart(two_deployments());
  EXPECT_EQ(spec.title,
            "Processed Inference Tokens Usage Over Time (counted by modelcompare, per "
            "ModelDeploymentName)");
  EXPECT_TRUE(spec.x_is_time);
  EXPECT_EQ(spec.y_label, "Tokens per minute");
  // ten minutes shown around the two of data (a one-minute run must not be a bare vertical line)
  EXPECT_EQ(spec.x_min, epoch_seconds(at("2026-11-27T09:56:00Z")));
  EXPECT_EQ(spec.x_max, epoch_seconds(at("2026-11-27T10:05:00Z")));
  ASSERT_EQ(spec.series.size(), 3u);
  EXPECT_EQ(spec.series[0].title, "gpt-4o prompt");
  EXPECT_EQ(spec.series[1].title, "gpt-4o generated");
  EXPECT_EQ(spec.series[2].title, "gpt-4o-mini prompt+generated");  // only a total
  ASSERT_EQ(spec.series[0].points.size(), 2u);
  EXPECT_EQ(spec.series[0].points[1].x, epoch_seconds(at("2026-11-27T10:01:00Z")));
  EXPECT_EQ(spec.series[0].points[1].y, 300);
  EXPECT_EQ(spec.series[2].points.size(), 1u);  // the minute without data is a gap, not 0
}

TEST(UsageCharts, RequestsChartHasFailuresWhereKnown) {
  auto timeline = two_deployments();
  timeline.source = "azure-monitor";
  const auto spec = requests_over_time_chart(timeline);
  EXPECT_EQ(spec.title, "Requests Over Time (reported by azure-monitor, per ModelDeploymentName)");
  ASSERT_EQ(spec.series.size(), 3u);
  EXPECT_EQ(spec.series[0].title, "gpt-4o requests");
  EXPECT_EQ(spec.series[1].title, "gpt-4o failed");
  EXPECT_EQ(spec.series[2].title, "gpt-4o-mini requests");
}

TEST(UsageCharts, PathsOfTheDefaultAndTheRequestsChart) {
  EXPECT_EQ(default_chart_path("/r", "local", ".png"), "/r/charts/tokens-over-time-local.png");
  EXPECT_EQ(requests_chart_path("/r/charts/tokens-over-time-local.svg"),
            "/r/charts/tokens-over-time-local-requests.svg");
  EXPECT_EQ(requests_chart_path("out.png"), "out-requests.png");
}

TEST(UsageCharts, DrawsPngAndSvgWithGnuplot) {
  testing::TempDir dir("charts");
  const auto files = draw_usage_charts(two_deployments(), dir / "sub/tokens.png");
  ASSERT_EQ(files.size(), 2u);
  for (const auto& file : files) {
    const auto bytes = testing::read_file(file);
    ASSERT_GE(bytes.size(), 8u) << file;
    EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << file;
  }
  EXPECT_EQ(files[1], dir / "sub/tokens-requests.png");
  draw_usage_charts(two_deployments(), dir / "tokens.svg");
  const auto svg = testing::read_file(dir / "tokens.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("Processed Inference Tokens Usage Over Time"), std::string::npos);
  EXPECT_NE(svg.find("gpt-4o-mini prompt+generated"), std::string::npos);
}

TEST(UsageCharts, RefusesAnotherExtension) {
  testing::TempDir dir("charts");
  try {
    draw_usage_charts(two_deployments(), dir / "tokens.jpg");
    FAIL() << "drew a .jpg";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "tokens.jpg").string() + ": a chart is written as .png or .svg, not '.jpg'");
  }
}

}  // namespace
}  // namespace modelcompare::telemetry
