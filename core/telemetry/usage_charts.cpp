#include "telemetry/usage_charts.hpp"

#include <algorithm>
#include <stdexcept>

#include "charts/gnuplot_chart.hpp"

namespace modelcompare::telemetry {
namespace {

std::string source_label(const UsageTimeline& timeline) {
  return timeline.source == "local" ? "counted by modelcompare" : "reported by " + timeline.source;
}

// The points of one quantity; minutes without a value are left out (no data is not zero).
charts::ChartSeries series_of(const DeploymentUsage& deployment, const std::string& title,
                              std::optional<double> MinuteUsage::*quantity) {
  charts::ChartSeries series;
  series.title = title;
  series.style = charts::SeriesStyle::linespoints;
  for (const auto& [time, minute] : deployment.minutes)
    if (minute.*quantity) {
      charts::ChartPoint point;
      point.x = epoch_seconds(time);
      point.y = *(minute.*quantity);
      series.points.push_back(point);
    }
  return series;
}

bool has_any(const DeploymentUsage& deployment, std::optional<double> MinuteUsage::*quantity) {
  for (const auto& [time, minute] : deployment.minutes)
    if (minute.*quantity) return true;
  return false;
}

charts::ChartSpec time_chart(const UsageTimeline& timeline, const std::string& title,
                             const std::string& y_label) {
  charts::ChartSpec spec;
  // At least ten minutes shown, the data centred: gnuplot cannot autoscale a run that fits in
  // one minute, and over a span this wide its HH:MM time ticks fall on whole minutes.
  std::optional<TimePoint> first, last;
  for (const auto& deployment : timeline.deployments)
    if (!deployment.minutes.empty()) {
      first = std::min(first.value_or(deployment.minutes.begin()->first),
                       deployment.minutes.begin()->first);
      last = std::max(last.value_or(deployment.minutes.rbegin()->first),
                      deployment.minutes.rbegin()->first);
    }
  if (first) {
    const auto pad =
        std::max(std::chrono::minutes(1), std::chrono::floor<std::chrono::minutes>(
                                              (std::chrono::minutes(10) - (*last - *first)) / 2));
    spec.x_min = epoch_seconds(*first - pad);
    spec.x_max = epoch_seconds(*last + pad);
  }
  spec.title = title;
  spec.x_label = "Time (UTC)";
  spec.y_label = y_label;
  spec.x_is_time = true;
  spec.y_from_zero = true;
  return spec;
}

}  // namespace

charts::ChartSpec tokens_over_time_chart(const UsageTimeline& timeline) {
  auto spec = time_chart(timeline,
                         "Processed Inference Tokens Usage Over Time (" + source_label(timeline) +
                             ", per ModelDeploymentName)",
                         "Tokens per minute");
  for (const auto& deployment : timeline.deployments) {
    const bool split = has_any(deployment, &MinuteUsage::prompt_tokens) ||
                       has_any(deployment, &MinuteUsage::generated_tokens);
    if (split) {
      spec.series.push_back(
          series_of(deployment, deployment.deployment + " prompt", &MinuteUsage::prompt_tokens));
      spec.series.push_back(series_of(deployment, deployment.deployment + " generated",
                                      &MinuteUsage::generated_tokens));
    } else if (has_any(deployment, &MinuteUsage::total_tokens)) {
      spec.series.push_back(series_of(deployment, deployment.deployment + " prompt+generated",
                                      &MinuteUsage::total_tokens));
    }
  }
  return spec;
}

charts::ChartSpec requests_over_time_chart(const UsageTimeline& timeline) {
  auto spec = time_chart(
      timeline, "Requests Over Time (" + source_label(timeline) + ", per ModelDeploymentName)",
      "Requests per minute");
  for (const auto& deployment : timeline.deployments) {
    if (has_any(deployment, &MinuteUsage::requests))
      spec.series.push_back(
          series_of(deployment, deployment.deployment + " requests", &MinuteUsage::requests));
    if (has_any(deployment, &MinuteUsage::failed_requests))
      spec.series.push_back(
          series_of(deployment, deployment.deployment + " failed", &MinuteUsage::failed_requests));
  }
  return spec;
}

std::filesystem::path default_chart_path(const std::filesystem::path& run_dir,
                                         const std::string& source, const std::string& extension) {
  return run_dir / "charts" / ("tokens-over-time-" + source + extension);
}

std::filesystem::path requests_chart_path(const std::filesystem::path& tokens_chart) {
  auto path = tokens_chart;
  path.replace_filename(tokens_chart.stem().string() + "-requests" +
                        tokens_chart.extension().string());
  return path;
}

std::vector<std::filesystem::path> draw_usage_charts(const UsageTimeline& timeline,
                                                     const std::filesystem::path& tokens_chart) {
  const auto extension = tokens_chart.extension().string();
  if (extension != ".png" && extension != ".svg")
    throw std::invalid_argument(tokens_chart.string() +
                                ": a chart is written as .png or .svg, not '" + extension + "'");
  if (tokens_chart.has_parent_path())
    std::filesystem::create_directories(tokens_chart.parent_path());
  const auto requests_chart = requests_chart_path(tokens_chart);
  const auto tokens = tokens_over_time_chart(timeline);
  const auto requests = requests_over_time_chart(timeline);
  charts::draw_charts({{tokens, tokens_chart}, {requests, requests_chart}});
  return {tokens_chart, requests_chart};
}

}  // namespace modelcompare::telemetry
