#include "report/run_exports.hpp"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <iterator>
#include <set>
#include <string>

#include "catalog/catalog_search_path.hpp"
#include "report/atomic_file.hpp"
#include "report/html_report.hpp"
#include "report/markdown_report.hpp"
#include "report/report_charts.hpp"
#include "report/results_csv.hpp"
#include "report/run_prices.hpp"
#include "report/run_summary.hpp"
#include "report/score_table.hpp"
#include "store/compact_case.hpp"
#include "telemetry/run_telemetry.hpp"
#include "telemetry/stored_metrics_plan.hpp"
#include "telemetry/token_comparison.hpp"

namespace modelcompare::report {
namespace {

nlohmann::json stored_json(const std::map<std::string, std::string>& info, const std::string& key) {
  const auto it = info.find(key);
  return it == info.end() ? nlohmann::json() : nlohmann::json::parse(it->second, nullptr, false);
}

// The catalog for the catalog chart; a report is still written without one.
std::optional<catalog::ModelCatalog> load_catalog() {
  try {
    return catalog::ModelCatalog::load(catalog::default_catalog_dirs());
  } catch (const std::exception& e) {
    spdlog::warn("catalog chart not drawn: {}", e.what());
    return std::nullopt;
  }
}

// The deployment each provider sent to, for the local tokens-over-time charts; the provider ids
// when the stored config cannot say.
std::map<std::string, std::string> stored_deployments(const store::RunStore& store) {
  try {
    return telemetry::stored_metrics_plan(store, false).deployments;
  } catch (const std::exception& e) {
    spdlog::warn("tokens-over-time charts by provider id: {}", e.what());
    return {};
  }
}

// The local tokens-over-time charts, drawn in a gnuplot batch of their own beside the report's.
class UsageCharts {
 public:
  UsageCharts(const std::filesystem::path& run_dir, const telemetry::UsageTimeline& timeline) {
    try {
      charts_.emplace(run_dir, timeline);
      std::filesystem::create_directories(charts_->files().front().output.parent_path());
      batch_.emplace(charts_->files());
    } catch (const std::exception& e) {
      spdlog::warn("tokens-over-time chart not drawn: {}", e.what());
    }
  }

  void finish() {
    if (!batch_) return;
    try {
      batch_->finish();
      spdlog::debug("tokens over time (local): {}", charts_->files().front().output.string());
    } catch (const std::exception& e) {
      spdlog::warn("tokens-over-time chart not drawn: {}", e.what());
    }
    batch_.reset();
  }

 private:
  std::optional<telemetry::RunUsageCharts> charts_;
  std::optional<charts::ChartBatch> batch_;  // last: drawn from charts_
};

// report.html shows the whole answers of its first case groups (the cases of one scenario, row and
// turn, grouped as html_report groups them): those records come back whole from run.db.
void restore_shown_answers(std::vector<store::CaseRecord>& cases, const store::RunStore& store,
                           const RunPrices& prices, std::size_t max_case_groups) {
  std::set<CaseIdentity> groups;  // the first max_case_groups only
  for (const auto& r : cases) {
    groups.insert({r.key.scenario, r.key.case_key, 0, r.key.turn});
    if (groups.size() > max_case_groups) groups.erase(std::prev(groups.end()));
  }
  for (auto& r : cases) {
    if (!groups.count({r.key.scenario, r.key.case_key, 0, r.key.turn})) continue;
    if (auto whole = store.find(r.key)) {
      r = std::move(*whole);
      price_case(r, prices);
    }
  }
}

}  // namespace

void write_run_exports(const std::filesystem::path& run_dir, const store::RunStore& store) {
  const auto info = store.all_info();
  const auto prices = run_prices_from_json(stored_json(info, "prices"));

  // The summary, report.md and the charts read compact records (no answer text, no evaluator
  // details): a large run's cases fit in memory at a small cost each. The same pass counts the
  // tokens per minute for the tokens-over-time charts.
  std::vector<store::CaseRecord> cases;
  cases.reserve(store.case_count());  // growing by doubling would hold up to 1.5x at its peak
  telemetry::LocalUsageCounter usage(telemetry::deployment_lookup(stored_deployments(store)));
  store.for_each_case([&](const store::CaseRecord& record) {
    usage.add(record);
    cases.push_back(store::compact_case(record));
    price_case(cases.back(), prices);
  });
  // The whole records read in between left holes among the compact ones: give the free pages
  // back before gnuplot runs beside this process.
  malloc_trim(0);

  auto summary = summarize_run(info, cases);
  const auto stored_prices = to_json(prices);
  for (auto& provider : summary["providers"]) {
    const auto id = provider["id"].get<std::string>();
    provider["price"] = stored_prices.contains(id) ? stored_prices[id] : nlohmann::json();
  }
  try {
    summary["server_tokens"] = telemetry::token_comparison(run_dir, cases);
  } catch (const std::exception& e) {
    spdlog::warn("server token counts left out: {}", e.what());
    summary["server_tokens"] = nullptr;
  }
  write_file_atomically(
      run_dir / "summary.json",
      summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  write_file_atomically(run_dir / "report.md", markdown_report(summary, cases));

  // gnuplot draws the charts while results.jsonl and results.csv are written.
  const auto config = stored_json(info, "config");
  const auto catalog = load_catalog();
  ReportCharts charts(run_dir, summary, cases, config, catalog ? &*catalog : nullptr);
  UsageCharts usage_charts(run_dir, usage.timeline());

  // results.jsonl and results.csv hold the whole records: read again one at a time and streamed.
  {
    const auto evaluators = evaluator_columns(cases);
    AtomicFileWriter jsonl(run_dir / "results.jsonl");
    AtomicFileWriter csv(run_dir / "results.csv");
    csv.append(results_csv_header(evaluators));
    std::string line;
    store.for_each_case([&](const store::CaseRecord& stored) {
      auto record = stored;
      price_case(record, prices);
      line = record.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      line += '\n';
      jsonl.append(line);
      csv.append(results_csv_row(record, evaluators));
    });
    jsonl.commit();
    csv.commit();
  }
  charts.finish();
  usage_charts.finish();

  const auto config_path = info.count("config_path") ? std::filesystem::path(info.at("config_path"))
                                                     : std::filesystem::path();
  HtmlReportInput html{summary, cases, config, config_path.parent_path(), run_dir};
  restore_shown_answers(cases, store, prices, html.max_case_groups);
  write_file_atomically(run_dir / "report.html", html_report(html));
}

}  // namespace modelcompare::report
