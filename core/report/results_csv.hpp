// results.csv: one row per case, for spreadsheets: the results.jsonl fields flattened, and a
// score and passed column per evaluator.
#pragma once

#include <string>
#include <vector>

#include "store/case_record.hpp"

namespace modelcompare::report {

// RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or line break quoted.
std::string results_csv(const std::vector<store::CaseRecord>& cases);

// The same file in pieces, for a run written row by row: the evaluators that have columns (in
// order of first appearance), the header line, then one line per case.
std::vector<std::string> evaluator_columns(const std::vector<store::CaseRecord>& cases);
std::string results_csv_header(const std::vector<std::string>& evaluators);
std::string results_csv_row(const store::CaseRecord& record,
                            const std::vector<std::string>& evaluators);

}  // namespace modelcompare::report
