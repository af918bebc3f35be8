// Per deployment, the tokens we counted beside the tokens the server counted (from the series a
// metrics source saved in the run folder), with the difference. For summary.json and the reports.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "store/case_record.hpp"

namespace modelcompare::telemetry {

// null when no server series was saved (RUN_DIR/metrics/ empty or missing). Else
//   {"sources": [{"instance", "plugin", "fetched_at", "window": {"start", "end"}}],
//    "deployments": [{"deployment", "providers", "source",
//                     "local":  {"prompt_tokens", "generated_tokens", "total_tokens", "requests"},
//                     "server": {same keys; null where the source has no such metric or data},
//                     "difference": {same keys: {"absolute": server - local,
//                                                "percent": 100 * (server - local) / local}}}]}
// "percent" is null when our count is 0; both are null when the server value is. Throws
// std::runtime_error naming a saved file that cannot be read.
nlohmann::json token_comparison(const std::filesystem::path& run_dir,
                                const std::vector<store::CaseRecord>& cases);

}  // namespace modelcompare::telemetry
