#include "report/run_summary.hpp"

#include <algorithm>
#include <set>

#include "report/decision.hpp"
#include "report/statistics.hpp"

namespace modelcompare::report {
namespace {

nlohmann::json optional_number(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

nlohmann::json interval_json(const std::optional<MeanInterval>& interval) {
  if (!interval) return nullptr;
  return {{"n", interval->n}, {"mean", interval->mean}, {"ci95", {interval->low, interval->high}}};
}

nlohmann::json interval_json(const std::vector<double>& values) {
  return interval_json(mean_with_interval(values));
}

nlohmann::json rate_json(const std::optional<RateInterval>& rate) {
  if (!rate) return nullptr;
  return {{"passed", rate->passed},
          {"n", rate->n},
          {"rate", rate->rate},
          {"ci95", {rate->low, rate->high}}};
}

}  // namespace

nlohmann::json summarize_run(const std::map<std::string, std::string>& info,
                             const CaseTally& cases) {
  // Providers in the config's order (as the user listed them), then any others the store holds.
  std::vector<std::string> order;
  if (auto it = info.find("config"); it != info.end()) {
    const auto config = nlohmann::json::parse(it->second, nullptr, false);
    if (config.is_object() && config.contains("providers") && config["providers"].is_array())
      for (const auto& provider : config["providers"])
        if (provider.is_object() && provider.contains("id") && provider["id"].is_string())
          order.push_back(provider["id"].get<std::string>());
  }
  std::map<std::string, const ProviderTally*> by_provider;
  for (const auto& [id, tally] : cases.providers()) {
    if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
    by_provider[id] = &tally;
  }
  order.erase(std::remove_if(order.begin(), order.end(),
                             [&](const std::string& id) { return !by_provider.count(id); }),
              order.end());

  const ScoreTable& table = cases.scores();
  nlohmann::json providers = nlohmann::json::array();
  std::vector<Standing> standings;
  for (const auto& id : order) {
    const ProviderTally& tally = *by_provider[id];
    const bool has_cost = tally.cost_usd.has_value();
    const double cost = tally.cost_usd.value_or(0);
    const std::optional<double> cost_per_case =
        has_cost && tally.cases > 0 ? std::optional<double>(cost / double(tally.cases))
                                    : std::nullopt;

    nlohmann::json evaluators = nlohmann::json::object();
    for (const auto& name : table.evaluators()) {
      const auto answered = table.values(id, name, false);
      if (answered.empty() && table.values(id, name, true).empty()) continue;
      const auto pass_answered = table.pass_rate(id, name, false);
      const auto pass_all = table.pass_rate(id, name, true);
      const std::size_t passed = pass_answered ? pass_answered->passed : 0;
      evaluators[name] = {
          {"over_answers", interval_json(answered)},
          {"failures_as_zero", interval_json(table.values(id, name, true))},
          {"passed", passed},
          {"evaluated", answered.size()},
          {"pass_rate", pass_answered ? nlohmann::json(pass_answered->rate) : nullptr},
          {"pass_over_answers", rate_json(pass_answered)},
          {"pass_failures_as_zero", rate_json(pass_all)},
          {"cost_per_pass_usd",
           has_cost && passed > 0 ? nlohmann::json(cost / double(passed)) : nullptr},
      };
    }
    const auto latency_p50 = percentile(tally.latencies_ms, 50);
    providers.push_back({
        {"id", id},
        {"cases", tally.cases},
        {"ok", tally.ok},
        {"errors", tally.errors},
        {"skipped", tally.skipped},
        {"failures", tally.errors + tally.skipped},
        {"error_kinds", tally.error_kinds},
        {"retries", tally.retries},
        {"cached_answers", tally.cached},
        {"tokens",
         {{"prompt", tally.prompt_tokens},
          {"completion", tally.completion_tokens},
          {"total", tally.total_tokens},
          {"cached_prompt", tally.cached_prompt_tokens}}},
        {"judge_tokens",
         {{"prompt", tally.judge_prompt_tokens}, {"completion", tally.judge_completion_tokens}}},
        {"cost_usd", has_cost ? nlohmann::json(cost) : nullptr},
        {"cost_per_case_usd", optional_number(cost_per_case)},
        {"latency_ms",
         {{"p50", optional_number(latency_p50)},
          {"p90", optional_number(percentile(tally.latencies_ms, 90))},
          {"p99", optional_number(percentile(tally.latencies_ms, 99))}}},
        {"ttft_ms", {{"p50", optional_number(percentile(tally.ttfts_ms, 50))}}},
        {"generated_tokens_per_second",
         {{"p50", optional_number(percentile(tally.generated_tokens_per_second, 50))}}},
        {"evaluators", evaluators},
    });
    standings.push_back({id, std::nullopt, std::nullopt, cost_per_case, latency_p50});
  }

  // Every pair of providers on every evaluator, over the cases both have.
  nlohmann::json comparisons = nlohmann::json::array();
  std::vector<std::pair<std::string, PairComparison>> pairs;  // (evaluator, comparison)
  for (const auto& name : table.evaluators())
    for (std::size_t i = 0; i < order.size(); ++i)
      for (std::size_t j = i + 1; j < order.size(); ++j) {
        const auto difference = table.paired(order[i], order[j], name);
        if (!difference) continue;
        PairComparison pair{order[i], order[j], *difference};
        comparisons.push_back({{"evaluator", name},
                               {"a", pair.a},
                               {"b", pair.b},
                               {"n", difference->n},
                               {"mean_difference", difference->mean},
                               {"ci95", {difference->low, difference->high}},
                               {"verdict", pair.a_better()   ? pair.a + " better"
                                           : pair.b_better() ? pair.b + " better"
                                                             : "not separable"}});
        pairs.emplace_back(name, std::move(pair));
      }

  nlohmann::json config = nullptr;
  if (auto it = info.find("config"); it != info.end())
    config = nlohmann::json::parse(it->second, nullptr, false);
  nlohmann::json recommendation = nullptr;
  if (!table.evaluators().empty()) {
    const auto rule = decision_rule_from_config(config, table.evaluators().front());
    std::vector<PairComparison> on_rule;
    for (const auto& [evaluator, pair] : pairs)
      if (evaluator == rule.score) on_rule.push_back(pair);
    for (auto& standing : standings) {
      const auto all = table.values(standing.provider, rule.score, true);
      standing.score = mean_with_interval(all);
      standing.pass = table.pass_rate(standing.provider, rule.score, true);
    }
    recommendation = to_json(recommend(rule, standings, on_rule));
  }

  nlohmann::json summary = {
      {"name", info.count("name") ? info.at("name") : ""},
      {"started_at", info.count("started_at") ? info.at("started_at") : ""},
      {"finished_at", info.count("finished_at") ? nlohmann::json(info.at("finished_at")) : nullptr},
      {"state", info.count("state") ? info.at("state") : "unknown"},
      {"config_hash", info.count("config_hash") ? info.at("config_hash") : ""},
      {"cases", cases.cases()},
      {"providers", providers},
      {"comparisons", comparisons},
      {"recommendation", recommendation},
  };
  return summary;
}

}  // namespace modelcompare::report
