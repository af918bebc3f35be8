#include "telemetry/token_comparison.hpp"

#include <cmath>

#include "telemetry/deployment_names.hpp"

namespace modelcompare::telemetry {
namespace {

using nlohmann::json;

json number_or_null(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json difference(const std::optional<double>& local, const std::optional<double>& server) {
  if (!local || !server) return {{"absolute", nullptr}, {"percent", nullptr}};
  const double absolute = *server - *local;
  json percent = nullptr;
  if (*local != 0) percent = std::round(10000.0 * absolute / *local) / 100.0;  // 2 decimals
  return {{"absolute", absolute}, {"percent", percent}};
}

}  // namespace

json token_comparison(const std::filesystem::path& run_dir,
                      const std::vector<store::CaseRecord>& cases) {
  TokenComparison comparison(run_dir);
  for (const auto& record : cases) comparison.add(record);
  return comparison.result();
}

TokenComparison::TokenComparison(const std::filesystem::path& run_dir)
    : saved_(load_server_metrics(run_dir)) {
  ours_.reserve(saved_.size());
  for (const auto& one : saved_) ours_.emplace_back(deployment_lookup(one.deployments));
}

void TokenComparison::add(const store::CaseRecord& record) {
  for (auto& counter : ours_) counter.add(record);
}

json TokenComparison::result() const {
  if (saved_.empty()) return nullptr;
  json sources = json::array();
  json rows = json::array();
  for (std::size_t i = 0; i < saved_.size(); ++i) {
    const auto& one = saved_[i];
    sources.push_back(
        {{"instance", one.instance},
         {"plugin", one.plugin},
         {"fetched_at", one.fetched_at},
         {"window",
          {{"start", format_utc(one.window.start)}, {"end", format_utc(one.window.end)}}}});
    const auto local = ours_[i].timeline();
    const auto server = server_usage_timeline(one.instance, one.series, one.window.deployments);
    for (const auto& ours : local.deployments) {
      const auto mine = usage_totals(ours);
      MinuteUsage theirs;
      for (const auto& candidate : server.deployments)
        if (candidate.deployment == ours.deployment) theirs = usage_totals(candidate);
      // A source without TokenTransaction still has a total when it has both halves.
      if (!theirs.total_tokens && theirs.prompt_tokens && theirs.generated_tokens)
        theirs.total_tokens = *theirs.prompt_tokens + *theirs.generated_tokens;
      const auto side = [](const MinuteUsage& usage) {
        return json{{"prompt_tokens", number_or_null(usage.prompt_tokens)},
                    {"generated_tokens", number_or_null(usage.generated_tokens)},
                    {"total_tokens", number_or_null(usage.total_tokens)},
                    {"requests", number_or_null(usage.requests)}};
      };
      rows.push_back(
          {{"deployment", ours.deployment},
           {"providers", ours.providers},
           {"source", one.instance},
           {"local", side(mine)},
           {"server", side(theirs)},
           {"difference",
            {{"prompt_tokens", difference(mine.prompt_tokens, theirs.prompt_tokens)},
             {"generated_tokens", difference(mine.generated_tokens, theirs.generated_tokens)},
             {"total_tokens", difference(mine.total_tokens, theirs.total_tokens)},
             {"requests", difference(mine.requests, theirs.requests)}}}});
    }
  }
  return {{"sources", std::move(sources)}, {"deployments", std::move(rows)}};
}

}  // namespace modelcompare::telemetry
