// summary.json: per provider the cases, failures, tokens, latency percentiles and each
// evaluator's mean score with its 95 % interval.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "report/case_tally.hpp"

namespace modelcompare::report {

// `info` is the run store's run-level facts (name, started_at, ...).
nlohmann::json summarize_run(const std::map<std::string, std::string>& info,
                             const CaseTally& cases);

}  // namespace modelcompare::report
