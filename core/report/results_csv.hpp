// results.csv: one row per case, for spreadsheets: the results.jsonl fields flattened, and a
// score and passed column per evaluator.
#pragma once

#include <string>
#include <vector>

#include "store/case_record.hpp"

namespace modelcompare::report {

// RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or line break quoted.
std::string results_csv(const std::vector<store::CaseRecord>& cases);

}  // namespace modelcompare::report
