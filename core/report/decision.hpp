// The recommendation: which model to pick under the config's decision rule, and how sure we are.
// Works on value types (one Standing per provider, the paired comparisons between them), so every
// branch of the rule can be tested without a run.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "report/statistics.hpp"

namespace modelcompare::report {

// The config's `"decision": {"score": "code-correctness", "min": 0.8, "prefer": "cheapest"}`.
struct DecisionRule {
  std::string score;                // the evaluator whose score decides
  std::optional<double> min;        // the mean score (failures count as 0) a model must reach
  std::string prefer = "cheapest";  // cheapest, fastest or best
};

// Reads `decision` from the config as written; without one, the rule is "best on `fallback`".
DecisionRule decision_rule_from_config(const nlohmann::json& config, const std::string& fallback);

// One provider on the rule's evaluator. Scores and pass rates count a case without an answer as 0.
struct Standing {
  std::string provider;
  std::optional<MeanInterval> score;
  std::optional<RateInterval> pass;
  std::optional<double> cost_per_case;  // USD; nothing when the price is unknown
  std::optional<double> latency_p50_ms;
};

// Mean of score(a) - score(b) over the cases both answered, with its paired-bootstrap interval.
struct PairComparison {
  std::string a;
  std::string b;
  MeanInterval difference;
  bool a_better() const { return difference.low > 0; }
  bool b_better() const { return difference.high < 0; }
};

struct Recommendation {
  DecisionRule rule;
  std::optional<std::string> chosen;
  std::string rationale;                     // plain words, with the numbers and intervals
  std::vector<std::string> pareto_frontier;  // over (mean score, cost per case)
  // False when the run cannot tell the chosen model from the next best one: more repeats needed.
  bool separable = true;
};

// Providers no other provider beats on both mean score (higher) and cost per case (lower); a
// provider without a known cost competes on score alone.
std::vector<std::string> pareto_frontier(const std::vector<Standing>& standings);

Recommendation recommend(const DecisionRule& rule, const std::vector<Standing>& standings,
                         const std::vector<PairComparison>& comparisons);

nlohmann::json to_json(const Recommendation& recommendation);

}  // namespace modelcompare::report
