#include "report/run_summary.hpp"

#include <algorithm>
#include <set>

#include "report/statistics.hpp"

namespace modelcompare::report {
namespace {

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

nlohmann::json interval_json(const std::vector<double>& values) {
  auto interval = mean_with_interval(values);
  if (!interval) return nullptr;
  return {{"n", interval->n}, {"mean", interval->mean}, {"ci95", {interval->low, interval->high}}};
}

}  // namespace

nlohmann::json summarize_run(const std::map<std::string, std::string>& info,
                             const std::vector<store::CaseRecord>& cases) {
  // Providers in the config's order (as the user listed them), then any others the store holds.
  std::vector<std::string> order;
  if (auto it = info.find("config"); it != info.end()) {
    const auto config = nlohmann::json::parse(it->second, nullptr, false);
    if (config.is_object() && config.contains("providers") && config["providers"].is_array())
      for (const auto& provider : config["providers"])
        if (provider.is_object() && provider.contains("id") && provider["id"].is_string())
          order.push_back(provider["id"].get<std::string>());
  }
  std::map<std::string, std::vector<const store::CaseRecord*>> by_provider;
  for (const auto& record : cases) {
    if (!by_provider.count(record.key.provider) &&
        std::find(order.begin(), order.end(), record.key.provider) == order.end())
      order.push_back(record.key.provider);
    by_provider[record.key.provider].push_back(&record);
  }
  order.erase(std::remove_if(order.begin(), order.end(),
                             [&](const std::string& id) { return !by_provider.count(id); }),
              order.end());

  nlohmann::json providers = nlohmann::json::array();
  for (const auto& id : order) {
    const auto& records = by_provider[id];
    std::size_t ok = 0, errors = 0, skipped = 0, retries = 0;
    std::int64_t prompt = 0, completion = 0, total = 0;
    double cost = 0;
    bool has_cost = false;
    std::vector<double> latencies, ttfts;
    std::map<std::string, std::vector<double>> scores_answered, scores_all;
    std::map<std::string, std::pair<std::size_t, std::size_t>> passes;  // passed, evaluated
    std::set<std::string> evaluator_names;
    std::map<std::string, std::size_t> error_kinds;
    for (const auto* r : records) {
      retries += std::size_t(r->retries);
      prompt += r->usage.prompt_tokens;
      completion += r->usage.completion_tokens;
      total += r->usage.total_tokens;
      if (r->cost_usd) {
        cost += *r->cost_usd;
        has_cost = true;
      }
      switch (r->status) {
        case store::CaseStatus::ok:
          ++ok;
          latencies.push_back(r->latency_ms);
          if (r->ttft_ms) ttfts.push_back(*r->ttft_ms);
          break;
        case store::CaseStatus::error:
          ++errors;
          ++error_kinds[r->error_kind];
          break;
        case store::CaseStatus::skipped: ++skipped; break;
      }
      for (const auto& evaluation : r->evaluations) {
        const auto name = evaluation.value("plugin", std::string("?"));
        evaluator_names.insert(name);
        const double score = evaluation.value("score", 0.0);
        scores_answered[name].push_back(score);
        auto& [passed, evaluated] = passes[name];
        ++evaluated;
        if (evaluation.value("passed", false)) ++passed;
      }
    }
    // "failures count as 0": a case with no answer scores 0 on every evaluator of its turn.
    for (const auto& name : evaluator_names) {
      scores_all[name] = scores_answered[name];
      for (const auto* r : records)
        if (r->status != store::CaseStatus::ok) scores_all[name].push_back(0.0);
    }

    nlohmann::json evaluators = nlohmann::json::object();
    for (const auto& name : evaluator_names) {
      const auto [passed, evaluated] = passes[name];
      evaluators[name] = {
          {"over_answers", interval_json(scores_answered[name])},
          {"failures_as_zero", interval_json(scores_all[name])},
          {"passed", passed},
          {"evaluated", evaluated},
          {"pass_rate", evaluated ? nlohmann::json(double(passed) / double(evaluated)) : nullptr},
      };
    }
    providers.push_back({
        {"id", id},
        {"cases", records.size()},
        {"ok", ok},
        {"errors", errors},
        {"skipped", skipped},
        {"failures", errors + skipped},
        {"error_kinds", error_kinds},
        {"retries", retries},
        {"tokens", {{"prompt", prompt}, {"completion", completion}, {"total", total}}},
        {"cost_usd", has_cost ? nlohmann::json(cost) : nullptr},
        {"latency_ms",
         {{"p50", optional_number(percentile(latencies, 50))},
          {"p90", optional_number(percentile(latencies, 90))},
          {"p99", optional_number(percentile(latencies, 99))}}},
        {"ttft_ms", {{"p50", optional_number(percentile(ttfts, 50))}}},
        {"evaluators", evaluators},
    });
  }

  nlohmann::json summary = {
      {"name", info.count("name") ? info.at("name") : ""},
      {"started_at", info.count("started_at") ? info.at("started_at") : ""},
      {"finished_at", info.count("finished_at") ? nlohmann::json(info.at("finished_at")) : nullptr},
      {"state", info.count("state") ? info.at("state") : "unknown"},
      {"config_hash", info.count("config_hash") ? info.at("config_hash") : ""},
      {"cases", cases.size()},
      {"providers", providers},
      // The decision (catalog prices, paired comparisons, the rule from the config) is not
      // computed by this version; it stays null rather than guessed.
      {"recommendation", nullptr},
  };
  return summary;
}

}  // namespace modelcompare::report
