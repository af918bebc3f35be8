// report.html: one self-contained page (no external URL; charts and pictures inlined as data
// URLs) that a person reads in a browser: the recommendation first, the summary table, the
// comparisons, the charts, then per case the prompt, each model's answer, the picture its code drew
// beside the reference, and the evaluators' findings.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/case_record.hpp"

namespace modelcompare::report {

struct HtmlReportInput {
  const nlohmann::json& summary;
  // Whole records (with the answers) of the cases to show: all of them, or only those of the first
  // max_case_groups case turns, with the run's totals below.
  const std::vector<store::CaseRecord>& cases;
  nlohmann::json config;             // as written (run.db info "config"); null when unknown
  std::filesystem::path config_dir;  // where the config's relative image paths start
  std::filesystem::path run_dir;     // charts/ and artifacts/ are read from here
  std::size_t max_case_groups = 40;  // the rest are in results.jsonl and results.csv
  // The run's cases and case turns (scenario, row, turn) when `cases` holds only the shown ones.
  std::optional<std::size_t> case_count = std::nullopt;
  std::optional<std::size_t> case_turn_count = std::nullopt;
};

std::string html_report(const HtmlReportInput& input);

// &, <, >, " and ' as entities.
std::string html_escape(const std::string& text);

}  // namespace modelcompare::report
