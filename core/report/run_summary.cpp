#include "report/run_summary.hpp"

#include <algorithm>
#include <set>

#include "report/decision.hpp"
#include "report/score_table.hpp"
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

bool from_cache(const store::CaseRecord& record) {
  return record.extra.is_object() && record.extra.value("cached", false);
}

// Tokens the llm-judge evaluator spent grading this answer (details.judge.usage), kept apart
// from the compared model's own tokens.
void add_judge_usage(const nlohmann::json& evaluation, std::int64_t& prompt,
                     std::int64_t& completion) {
  if (!evaluation.contains("details") || !evaluation["details"].is_object()) return;
  const auto& details = evaluation["details"];
  if (!details.contains("judge") || !details["judge"].is_object()) return;
  const auto& usage = details["judge"].value("usage", nlohmann::json::object());
  if (!usage.is_object()) return;
  prompt += usage.value("prompt_tokens", std::int64_t{0});
  completion += usage.value("completion_tokens", std::int64_t{0});
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

  const ScoreTable table(cases);
  nlohmann::json providers = nlohmann::json::array();
  std::vector<Standing> standings;
  for (const auto& id : order) {
    const auto& records = by_provider[id];
    std::size_t ok = 0, errors = 0, skipped = 0, retries = 0, cached = 0;
    std::int64_t prompt = 0, completion = 0, total = 0, cached_prompt = 0;
    std::int64_t judge_prompt = 0, judge_completion = 0;
    double cost = 0;
    bool has_cost = false;
    std::vector<double> latencies, ttfts, generation_rates;
    std::map<std::string, std::size_t> error_kinds;
    for (const auto* r : records) {
      retries += std::size_t(r->retries);
      prompt += r->usage.prompt_tokens;
      completion += r->usage.completion_tokens;
      total += r->usage.total_tokens;
      cached_prompt += r->usage.cached_prompt_tokens.value_or(0);
      if (from_cache(*r)) ++cached;
      if (r->cost_usd) {
        cost += *r->cost_usd;
        has_cost = true;
      }
      for (const auto& evaluation : r->evaluations)
        add_judge_usage(evaluation, judge_prompt, judge_completion);
      switch (r->status) {
        case store::CaseStatus::ok: {
          ++ok;
          latencies.push_back(r->latency_ms);
          if (r->ttft_ms) ttfts.push_back(*r->ttft_ms);
          // Generation speed: tokens over the time after the first token (all of it without TTFT).
          const double generating_ms = r->latency_ms - r->ttft_ms.value_or(0);
          if (r->usage.completion_tokens > 0 && generating_ms > 0)
            generation_rates.push_back(double(r->usage.completion_tokens) * 1000 / generating_ms);
          break;
        }
        case store::CaseStatus::error:
          ++errors;
          ++error_kinds[r->error_kind];
          break;
        case store::CaseStatus::skipped: ++skipped; break;
      }
    }
    const std::optional<double> cost_per_case =
        has_cost && !records.empty() ? std::optional<double>(cost / double(records.size()))
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
    const auto latency_p50 = percentile(latencies, 50);
    providers.push_back({
        {"id", id},
        {"cases", records.size()},
        {"ok", ok},
        {"errors", errors},
        {"skipped", skipped},
        {"failures", errors + skipped},
        {"error_kinds", error_kinds},
        {"retries", retries},
        {"cached_answers", cached},
        {"tokens",
         {{"prompt", prompt},
          {"completion", completion},
          {"total", total},
          {"cached_prompt", cached_prompt}}},
        {"judge_tokens", {{"prompt", judge_prompt}, {"completion", judge_completion}}},
        {"cost_usd", has_cost ? nlohmann::json(cost) : nullptr},
        {"cost_per_case_usd", optional_number(cost_per_case)},
        {"latency_ms",
         {{"p50", optional_number(latency_p50)},
          {"p90", optional_number(percentile(latencies, 90))},
          {"p99", optional_number(percentile(latencies, 99))}}},
        {"ttft_ms", {{"p50", optional_number(percentile(ttfts, 50))}}},
        {"generated_tokens_per_second",
         {{"p50", optional_number(percentile(generation_rates, 50))}}},
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
      {"cases", cases.size()},
      {"providers", providers},
      {"comparisons", comparisons},
      {"recommendation", recommendation},
  };
  return summary;
}

}  // namespace modelcompare::report
