// The run's own charts in RUN_DIR/charts/ (PNG and SVG, by gnuplot): measured score against cost
// per case with intervals, latency per provider, and the catalog's accuracy against cost for the
// models the run compared.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "catalog/model_catalog.hpp"
#include "charts/chart_spec.hpp"
#include "charts/gnuplot_chart.hpp"
#include "report/case_tally.hpp"

namespace modelcompare::report {

// Mean score (failures count as 0) of the recommendation's evaluator, with its 95 % interval,
// against cost per case; against tokens per case when no price is known. Nothing without scores.
std::optional<charts::ChartSpec> score_vs_cost_chart(const nlohmann::json& summary);

// Share of answers back within a time, per provider (an empirical CDF of latency).
std::optional<charts::ChartSpec> latency_chart(const nlohmann::json& summary,
                                               const CaseTally& cases);

// The catalog entries of the providers' `catalog` ids (config as written), accuracy against the
// portal's estimated cost. Nothing when fewer than one entry has both figures.
std::optional<charts::ChartSpec> catalog_chart(const nlohmann::json& config,
                                               const catalog::ModelCatalog& catalog);

// Draws every chart that has data into run_dir/charts/<name>.{png,svg}; returns the PNGs written.
// A chart that cannot be drawn (no gnuplot) is logged as a warning and skipped.
std::vector<std::filesystem::path> draw_report_charts(const std::filesystem::path& run_dir,
                                                      const nlohmann::json& summary,
                                                      const CaseTally& cases,
                                                      const nlohmann::json& config,
                                                      const catalog::ModelCatalog* catalog);

// The same in two steps, so the caller writes other files while gnuplot draws: the constructor
// computes the charts and starts drawing them all at once; finish() waits (and, when that batch
// failed, draws each chart alone, so one bad chart costs only itself) and returns the PNGs.
class ReportCharts {
 public:
  ReportCharts(const std::filesystem::path& run_dir, const nlohmann::json& summary,
               const CaseTally& cases, const nlohmann::json& config,
               const catalog::ModelCatalog* catalog);
  std::vector<std::filesystem::path> finish();

 private:
  std::filesystem::path dir_;
  std::vector<std::pair<std::string, charts::ChartSpec>> charts_;  // name, spec
  std::optional<charts::ChartBatch> batch_;
};

}  // namespace modelcompare::report
