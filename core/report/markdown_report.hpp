// report.md: the summary as GitHub tables, then the failures and every case's scores.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/case_record.hpp"

namespace modelcompare::report {

std::string markdown_report(const nlohmann::json& summary,
                            const std::vector<store::CaseRecord>& cases);

}  // namespace modelcompare::report
