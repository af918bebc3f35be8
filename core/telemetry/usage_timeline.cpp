#include "telemetry/usage_timeline.hpp"

#include <algorithm>

namespace modelcompare::telemetry {
namespace {

void add_to(std::optional<double>& into, double value) {
  into = into.value_or(0) + value;
}

DeploymentUsage& deployment_named(UsageTimeline& timeline, const std::string& name) {
  for (auto& deployment : timeline.deployments)
    if (deployment.deployment == name) return deployment;
  auto& added = timeline.deployments.emplace_back();
  added.deployment = name;
  return added;
}

nlohmann::json value_or_null(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

enum class Quantity { prompt, generated, total, requests, other };

Quantity quantity_of(const std::string& metric) {
  if (metric == "ProcessedPromptTokens" || metric == "InputTokens") return Quantity::prompt;
  if (metric == "GeneratedTokens" || metric == "OutputTokens") return Quantity::generated;
  if (metric == "TokenTransaction" || metric == "TotalTokens") return Quantity::total;
  if (metric == "AzureOpenAIRequests" || metric == "ModelRequests") return Quantity::requests;
  return Quantity::other;
}

}  // namespace

UsageTimeline local_usage_timeline(
    const std::vector<store::CaseRecord>& cases,
    const std::function<std::string(const std::string& provider)>& deployment_of) {
  LocalUsageCounter counter(deployment_of);
  for (const auto& record : cases) counter.add(record);
  return counter.timeline();
}

LocalUsageCounter::LocalUsageCounter(
    std::function<std::string(const std::string& provider)> deployment_of)
    : deployment_of_(std::move(deployment_of)) {
  timeline_.source = "local";
}

void LocalUsageCounter::add(const store::CaseRecord& record) {
  if (record.status == store::CaseStatus::skipped) return;
  const auto started = parse_utc(record.started_at);
  const auto finished = parse_utc(record.finished_at);
  const auto at = finished ? finished : started;
  if (!at) return;  // a case with no time cannot be placed on the time axis
  first_ = std::min(first_.value_or(*at), started.value_or(*at));
  last_ = std::max(last_.value_or(*at), *at);

  auto& deployment = deployment_named(timeline_, deployment_of_(record.key.provider));
  if (std::find(deployment.providers.begin(), deployment.providers.end(), record.key.provider) ==
      deployment.providers.end())
    deployment.providers.push_back(record.key.provider);
  auto& minute = deployment.minutes[minute_of(*at)];
  add_to(minute.prompt_tokens, static_cast<double>(record.usage.prompt_tokens));
  add_to(minute.generated_tokens, static_cast<double>(record.usage.completion_tokens));
  add_to(minute.total_tokens,
         static_cast<double>(record.usage.prompt_tokens + record.usage.completion_tokens));
  add_to(minute.requests, 1.0 + record.retries);
  add_to(minute.failed_requests,
         record.retries + (record.status == store::CaseStatus::error ? 1.0 : 0.0));
}

UsageTimeline LocalUsageCounter::timeline() const {
  UsageTimeline timeline = timeline_;
  if (!first_) return timeline;
  // Idle minutes are real zeros in our own count.
  for (auto& deployment : timeline.deployments)
    for (TimePoint m = minute_of(*first_); m <= minute_of(*last_); m += std::chrono::minutes(1)) {
      auto& minute = deployment.minutes[m];
      for (auto* value : {&minute.prompt_tokens, &minute.generated_tokens, &minute.total_tokens,
                          &minute.requests, &minute.failed_requests})
        if (!*value) *value = 0;
    }
  return timeline;
}

UsageTimeline server_usage_timeline(const std::string& source,
                                    const std::vector<sdk::MetricSeries>& series,
                                    const std::vector<std::string>& deployment_order) {
  UsageTimeline timeline;
  timeline.source = source;
  for (const auto& name : deployment_order) deployment_named(timeline, name);
  for (const auto& one : series) {
    const auto quantity = quantity_of(one.metric);
    if (quantity == Quantity::other) continue;
    auto& deployment = deployment_named(timeline, one.deployment);
    for (const auto& point : one.points) {
      auto& minute = deployment.minutes[minute_of(point.time)];
      if (!point.value) continue;  // no data: stays empty
      switch (quantity) {
        case Quantity::prompt: add_to(minute.prompt_tokens, *point.value); break;
        case Quantity::generated: add_to(minute.generated_tokens, *point.value); break;
        case Quantity::total: add_to(minute.total_tokens, *point.value); break;
        case Quantity::requests: add_to(minute.requests, *point.value); break;
        case Quantity::other: break;
      }
    }
  }
  // A deployment of the run the server never mentioned stays listed, with no minutes.
  return timeline;
}

MinuteUsage usage_totals(const DeploymentUsage& deployment) {
  MinuteUsage totals;
  for (const auto& [time, minute] : deployment.minutes) {
    if (minute.prompt_tokens) add_to(totals.prompt_tokens, *minute.prompt_tokens);
    if (minute.generated_tokens) add_to(totals.generated_tokens, *minute.generated_tokens);
    if (minute.total_tokens) add_to(totals.total_tokens, *minute.total_tokens);
    if (minute.requests) add_to(totals.requests, *minute.requests);
    if (minute.failed_requests) add_to(totals.failed_requests, *minute.failed_requests);
  }
  return totals;
}

nlohmann::json to_json(const UsageTimeline& timeline) {
  nlohmann::json deployments = nlohmann::json::array();
  for (const auto& deployment : timeline.deployments) {
    nlohmann::json minutes = nlohmann::json::array();
    for (const auto& [time, minute] : deployment.minutes)
      minutes.push_back({{"minute", format_utc(time)},
                         {"prompt_tokens", value_or_null(minute.prompt_tokens)},
                         {"generated_tokens", value_or_null(minute.generated_tokens)},
                         {"total_tokens", value_or_null(minute.total_tokens)},
                         {"requests", value_or_null(minute.requests)},
                         {"failed_requests", value_or_null(minute.failed_requests)}});
    deployments.push_back({{"deployment", deployment.deployment},
                           {"providers", deployment.providers},
                           {"minutes", std::move(minutes)}});
  }
  return {{"source", timeline.source}, {"deployments", std::move(deployments)}};
}

}  // namespace modelcompare::telemetry
