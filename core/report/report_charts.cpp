#include "report/report_charts.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "catalog/catalog_axis.hpp"
#include "catalog/catalog_chart.hpp"
#include "charts/gnuplot_chart.hpp"

namespace modelcompare::report {
namespace {

constexpr std::size_t kLatencySteps = 1000;

}  // namespace

std::optional<charts::ChartSpec> score_vs_cost_chart(const nlohmann::json& summary) {
  const auto& recommendation = summary.value("recommendation", nlohmann::json());
  if (!recommendation.is_object()) return std::nullopt;
  const std::string evaluator = recommendation["rule"].value("score", std::string());
  bool all_priced = true;
  for (const auto& p : summary["providers"])
    if (!p["cost_per_case_usd"].is_number()) all_priced = false;

  charts::ChartSpec spec;
  spec.title = "Measured " + evaluator + " score against " +
               (all_priced ? std::string("cost per case") : std::string("tokens per case"));
  spec.x_label = all_priced ? "cost per case (USD)" : "tokens per case (no price known)";
  spec.y_label = "mean " + evaluator + " score, failures as 0 (95 % interval)";
  spec.y_min = 0;
  spec.y_max = 1.05;
  spec.x_min = 0;
  for (const auto& p : summary["providers"]) {
    const auto& scores = p["evaluators"].value(evaluator, nlohmann::json());
    if (!scores.is_object() || !scores["failures_as_zero"].is_object()) continue;
    const auto& interval = scores["failures_as_zero"];
    const double cases = std::max(1.0, p["cases"].get<double>());
    const double x = all_priced ? p["cost_per_case_usd"].get<double>()
                                : p["tokens"]["total"].get<double>() / cases;
    const auto id = p["id"].get<std::string>();
    spec.series.push_back({id,
                           charts::SeriesStyle::points,
                           {{x, interval["mean"].get<double>(), interval["ci95"][0].get<double>(),
                             interval["ci95"][1].get<double>(), id}}});
  }
  if (spec.series.empty()) return std::nullopt;
  return spec;
}

std::optional<charts::ChartSpec> latency_chart(const nlohmann::json& summary,
                                               const CaseTally& cases) {
  charts::ChartSpec spec;
  spec.title = "Latency: share of answers complete within a time";
  spec.x_label = "latency (ms)";
  spec.y_label = "share of answers";
  spec.y_min = 0;
  spec.y_max = 1.02;
  spec.x_min = 0;
  for (const auto& p : summary["providers"]) {
    const auto id = p["id"].get<std::string>();
    std::vector<double> values;
    for (const auto& [known, tally] : cases.providers())
      if (known == id) values = tally.latencies_ms;
    if (values.empty()) continue;
    std::sort(values.begin(), values.end());
    charts::ChartSeries series{id, charts::SeriesStyle::steps, {{0, 0, {}, {}, ""}}};
    // At most kLatencySteps steps (every stride-th answer and the last): a chart a few hundred
    // pixels wide shows no more, and gnuplot's time and memory grow with the points.
    const std::size_t stride = (values.size() + kLatencySteps - 1) / kLatencySteps;
    for (std::size_t i = stride - 1; i < values.size(); i += stride)
      series.points.push_back({values[i], double(i + 1) / double(values.size()), {}, {}, ""});
    if (values.size() % stride != 0) series.points.push_back({values.back(), 1.0, {}, {}, ""});
    spec.series.push_back(std::move(series));
  }
  if (spec.series.empty()) return std::nullopt;
  return spec;
}

std::optional<charts::ChartSpec> catalog_chart(const nlohmann::json& config,
                                               const catalog::ModelCatalog& catalog) {
  if (!config.is_object() || !config.contains("providers") || !config["providers"].is_array())
    return std::nullopt;
  std::vector<const catalog::CatalogEntry*> models;
  for (const auto& provider : config["providers"]) {
    if (!provider.is_object() || !provider.contains("catalog") || !provider["catalog"].is_string())
      continue;
    const auto* entry = catalog.try_find(provider["catalog"].get<std::string>());
    if (entry && entry->accuracy() && entry->portal_cost() &&
        std::find(models.begin(), models.end(), entry) == models.end())
      models.push_back(entry);
  }
  if (models.empty()) return std::nullopt;
  return catalog::compare_chart(models, catalog::catalog_axis("cost"),
                                catalog::catalog_axis("accuracy"));
}

std::vector<std::filesystem::path> draw_report_charts(const std::filesystem::path& run_dir,
                                                      const nlohmann::json& summary,
                                                      const CaseTally& cases,
                                                      const nlohmann::json& config,
                                                      const catalog::ModelCatalog* catalog) {
  return ReportCharts(run_dir, summary, cases, config, catalog).finish();
}

ReportCharts::ReportCharts(const std::filesystem::path& run_dir, const nlohmann::json& summary,
                           const CaseTally& cases, const nlohmann::json& config,
                           const catalog::ModelCatalog* catalog)
    : dir_(run_dir / "charts") {
  std::vector<std::pair<std::string, std::optional<charts::ChartSpec>>> wanted = {
      {"score-vs-cost", score_vs_cost_chart(summary)}, {"latency", latency_chart(summary, cases)}};
  if (catalog) wanted.emplace_back("catalog-accuracy-vs-cost", catalog_chart(config, *catalog));
  for (auto& [name, spec] : wanted)
    if (spec) charts_.emplace_back(name, std::move(*spec));
  // One gnuplot batch for every chart and format.
  std::vector<charts::ChartFile> files;
  for (const auto& [name, spec] : charts_) {
    files.push_back({spec, dir_ / (name + ".png")});
    files.push_back({spec, dir_ / (name + ".svg")});
  }
  try {
    std::filesystem::create_directories(dir_);
    batch_.emplace(files);
  } catch (const std::exception&) {
    // finish() draws each chart alone and names what fails.
  }
}

std::vector<std::filesystem::path> ReportCharts::finish() {
  std::vector<std::filesystem::path> written;
  if (batch_) {
    try {
      batch_->finish();
      batch_.reset();
      for (const auto& [name, spec] : charts_) written.push_back(dir_ / (name + ".png"));
      return written;
    } catch (const std::exception&) {
      batch_.reset();
    }
  }
  // When the batch failed, each chart alone, so one bad chart costs only itself and its warning
  // names it.
  for (const auto& [name, spec] : charts_) {
    try {
      std::filesystem::create_directories(dir_);
      charts::draw_chart(spec, dir_ / (name + ".png"));
      charts::draw_chart(spec, dir_ / (name + ".svg"));
      written.push_back(dir_ / (name + ".png"));
    } catch (const std::exception& e) {
      spdlog::warn("chart {} not drawn: {}", name, e.what());
    }
  }
  return written;
}

}  // namespace modelcompare::report
