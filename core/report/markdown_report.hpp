// report.md: the summary as GitHub tables, then the failures and every case's scores.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "report/case_tally.hpp"

namespace modelcompare::report {

// The failures and cases tables list the tally's listed rows (at most CaseTally::kListedRows each)
// and say how many there were.
std::string markdown_report(const nlohmann::json& summary, const CaseTally& cases);

}  // namespace modelcompare::report
