#include "report/run_exports.hpp"

#include <spdlog/spdlog.h>

#include <string>

#include "catalog/catalog_search_path.hpp"
#include "report/atomic_file.hpp"
#include "report/html_report.hpp"
#include "report/markdown_report.hpp"
#include "report/report_charts.hpp"
#include "report/results_csv.hpp"
#include "report/run_prices.hpp"
#include "report/run_summary.hpp"
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

}  // namespace

void write_run_exports(const std::filesystem::path& run_dir, const store::RunStore& store) {
  auto cases = store.cases();
  const auto info = store.all_info();
  const auto prices = run_prices_from_json(stored_json(info, "prices"));
  price_cases(cases, prices);

  std::string jsonl;
  for (const auto& record : cases)
    jsonl += record.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  write_file_atomically(run_dir / "results.jsonl", jsonl);
  write_file_atomically(run_dir / "results.csv", results_csv(cases));

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

  const auto config = stored_json(info, "config");
  const auto catalog = load_catalog();
  draw_report_charts(run_dir, summary, cases, config, catalog ? &*catalog : nullptr);
  const auto config_path = info.count("config_path") ? std::filesystem::path(info.at("config_path"))
                                                     : std::filesystem::path();
  write_file_atomically(run_dir / "report.html",
                        html_report({summary, cases, config, config_path.parent_path(), run_dir}));
}

}  // namespace modelcompare::report
