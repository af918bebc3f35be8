// Per deployment, the tokens we counted beside the tokens the server counted (from the series a
// metrics source saved in the run folder), with the difference. For summary.json and the reports.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "store/case_record.hpp"
#include "telemetry/server_metrics_file.hpp"
#include "telemetry/usage_timeline.hpp"

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

// The same, taken one case at a time so that a run's cases need not be held in memory. The saved
// series are read when it is made (and it throws then, as above).
class TokenComparison {
 public:
  explicit TokenComparison(const std::filesystem::path& run_dir);
  void add(const store::CaseRecord& record);
  nlohmann::json result() const;

 private:
  std::vector<SavedServerMetrics> saved_;
  std::vector<LocalUsageCounter> ours_;  // one per saved source: its own provider→deployment map
};

}  // namespace modelcompare::telemetry
