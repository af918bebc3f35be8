// Token usage per deployment and per UTC minute: counted by us from run.db (local) or reported by
// a metrics source (e.g. Azure Monitor). A value the source did not give is empty, not 0.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modelcompare/sdk/metrics.hpp"
#include "store/case_record.hpp"
#include "telemetry/utc_minute.hpp"

namespace modelcompare::telemetry {

struct MinuteUsage {
  std::optional<double> prompt_tokens;
  std::optional<double> generated_tokens;
  std::optional<double> total_tokens;
  std::optional<double> requests;
  std::optional<double> failed_requests;
};

struct DeploymentUsage {
  std::string deployment;                    // ModelDeploymentName (the provider id when unset)
  std::vector<std::string> providers;        // the config's provider ids sending to it
  std::map<TimePoint, MinuteUsage> minutes;  // keyed by the minute's start
};

struct UsageTimeline {
  std::string source;                        // "local" or the metrics source's instance id
  std::vector<DeploymentUsage> deployments;  // in first-seen order
};

// Our count. A case counts in the minute it finished (when the service had sent its last token):
// its prompt and completion tokens, 1 + retries requests, and as failed requests its retries plus
// itself when it got no answer. Skipped cases were never sent and count nowhere. Every minute from
// the first case's start to the last case's end is listed, idle ones with zeros.
// `deployment_of(provider)` names the deployment a provider sent to.
UsageTimeline local_usage_timeline(
    const std::vector<store::CaseRecord>& cases,
    const std::function<std::string(const std::string& provider)>& deployment_of);

// The same count taken one case at a time, so that a run's cases need not be held in memory.
class LocalUsageCounter {
 public:
  explicit LocalUsageCounter(std::function<std::string(const std::string& provider)> deployment_of);
  void add(const store::CaseRecord& record);
  UsageTimeline timeline() const;

 private:
  std::function<std::string(const std::string& provider)> deployment_of_;
  UsageTimeline timeline_;
  std::optional<TimePoint> first_, last_;
};

// A metrics source's series: ProcessedPromptTokens (or InputTokens), GeneratedTokens (or
// OutputTokens), TokenTransaction (or TotalTokens) and AzureOpenAIRequests (or ModelRequests);
// other metrics are ignored. `deployment_order` lists the run's deployments first.
UsageTimeline server_usage_timeline(const std::string& source,
                                    const std::vector<sdk::MetricSeries>& series,
                                    const std::vector<std::string>& deployment_order);

// Sums over all minutes of one deployment (empty when no minute had the value).
MinuteUsage usage_totals(const DeploymentUsage& deployment);

// {"source", "deployments": [{"deployment", "providers", "minutes": [{"minute", "prompt_tokens",
// "generated_tokens", "total_tokens", "requests", "failed_requests"}]}]}; missing values are null.
nlohmann::json to_json(const UsageTimeline& timeline);

}  // namespace modelcompare::telemetry
