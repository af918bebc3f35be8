#include "report/run_exports.hpp"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <string>

#include "catalog/catalog_search_path.hpp"
#include "report/atomic_file.hpp"
#include "report/case_tally.hpp"
#include "report/html_report.hpp"
#include "report/markdown_report.hpp"
#include "report/report_charts.hpp"
#include "report/results_csv.hpp"
#include "report/run_prices.hpp"
#include "report/run_summary.hpp"
#include "report/score_table.hpp"
#include "store/compact_case.hpp"
#include "telemetry/deployment_names.hpp"
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

// The server's token counts beside ours, when a metrics source saved any.
std::optional<telemetry::TokenComparison> token_comparison(const std::filesystem::path& run_dir) {
  try {
    return telemetry::TokenComparison(run_dir);
  } catch (const std::exception& e) {
    spdlog::warn("server token counts left out: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace

void write_run_exports(const std::filesystem::path& run_dir, const store::RunStore& store) {
  const auto info = store.all_info();
  const auto prices = run_prices_from_json(stored_json(info, "prices"));

  // The summary, report.md and the charts read a tally of the cases, taken in one pass over run.db
  // with the tokens per minute for the tokens-over-time charts and the server comparison: a run of
  // any size is held at a small cost a case.
  CaseTally tally;
  telemetry::LocalUsageCounter usage(telemetry::deployment_lookup(stored_deployments(store)));
  auto server_tokens = token_comparison(run_dir);
  store.for_each_case(
      [&](store::CaseRecord& record) {
        auto compact = store::compact_case(std::move(record));
        price_case(compact, prices);
        usage.add(compact);
        if (server_tokens) server_tokens->add(compact);
        tally.add(compact);
      },
      store::RunStore::CaseText::without_answer);
  // The whole records read in between left holes: give the free pages back before gnuplot runs
  // beside this process.
  malloc_trim(0);

  // gnuplot draws the charts while the summary, report.md, results.jsonl and results.csv are
  // written: each batch starts as soon as what it shows is known.
  UsageCharts usage_charts(run_dir, usage.timeline());
  auto summary = summarize_run(info, tally);
  const auto stored_prices = to_json(prices);
  for (auto& provider : summary["providers"]) {
    const auto id = provider["id"].get<std::string>();
    provider["price"] = stored_prices.contains(id) ? stored_prices[id] : nlohmann::json();
  }
  summary["server_tokens"] = server_tokens ? server_tokens->result() : nlohmann::json();
  server_tokens.reset();
  const auto config = stored_json(info, "config");
  const auto catalog = load_catalog();
  ReportCharts charts(run_dir, summary, tally, config, catalog ? &*catalog : nullptr);

  write_file_atomically(
      run_dir / "summary.json",
      summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  write_file_atomically(run_dir / "report.md", markdown_report(summary, tally));

  // results.jsonl and results.csv hold the whole records: read again one at a time and streamed.
  // The same pass keeps the whole records report.html shows.
  const auto config_path = info.count("config_path") ? std::filesystem::path(info.at("config_path"))
                                                     : std::filesystem::path();
  std::vector<store::CaseRecord> shown;
  HtmlReportInput html{summary, shown, config, config_path.parent_path(), run_dir};
  html.case_count = tally.cases();
  html.case_turn_count = tally.case_turn_count();
  {
    const auto shown_turns = tally.first_case_turns(html.max_case_groups);
    const auto& evaluators = tally.scores().evaluators();
    AtomicFileWriter jsonl(run_dir / "results.jsonl");
    AtomicFileWriter csv(run_dir / "results.csv");
    csv.append(results_csv_header(evaluators));
    std::string line;
    store.for_each_case([&](store::CaseRecord& record) {
      price_case(record, prices);
      line = record.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      line += '\n';
      jsonl.append(line);
      csv.append(results_csv_row(record, evaluators));
      if (shown_turns.count({record.key.scenario, record.key.case_key, 0, record.key.turn}))
        shown.push_back(std::move(record));
    });
    jsonl.commit();
    csv.commit();
  }
  // run.db is not read again here: its log is folded in while gnuplot draws, not at its close.
  store.checkpoint();
  charts.finish();
  usage_charts.finish();
  write_file_atomically(run_dir / "report.html", html_report(html));
}

}  // namespace modelcompare::report
