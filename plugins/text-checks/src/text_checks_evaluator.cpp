#include "text_checks_evaluator.hpp"

#include <cmath>
#include <cstdlib>

#include "modelcompare/sdk/edit_distance.hpp"

namespace modelcompare::text_checks {

using nlohmann::json;

TextChecksEvaluator::TextChecksEvaluator(const sdk::PluginContext& context) {
  const auto& options = context.options;
  if (!options.is_object()) throw sdk::PluginError("text-checks: options must be an object");
  for (const auto& [key, value] : options.items()) {
    if (key == "checks" || key == "pass") continue;
    std::string hint;
    for (const char* known : {"checks", "pass"})
      if (sdk::edit_distance(key, known) <= 2)
        hint = std::string(" (did you mean '") + known + "'?)";
    throw sdk::PluginError("text-checks: unknown option '" + key + "'" + hint +
                           "; known: checks, pass");
  }
  if (!options.contains("checks"))
    throw sdk::PluginError(
        "text-checks: option 'checks' is missing: a list such as "
        "[{\"check\": \"contains\", \"value\": \"plt.pie\"}]");
  const auto& checks = options["checks"];
  if (!checks.is_array() || checks.empty())
    throw sdk::PluginError("text-checks: option 'checks' must be a non-empty list of checks, got " +
                           checks.dump());
  for (std::size_t i = 0; i < checks.size(); ++i)
    checks_.push_back(parse_text_check(checks[i], i, context));

  if (options.contains("pass")) {
    const auto& pass = options["pass"];
    double value = -1;
    if (pass.is_number()) {
      value = pass.get<double>();
    } else if (pass.is_string()) {  // --option pass=0.5 arrives as a number; "0.5" as text
      char* end = nullptr;
      const auto text = pass.get<std::string>();
      value = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size()) value = -1;
    }
    if (!(value >= 0 && value <= 1))
      throw sdk::PluginError(
          "text-checks: option 'pass' must be a number from 0 to 1 (the "
          "weighted share of checks that must pass), got " +
          pass.dump());
    pass_ = value;
  }
}

sdk::EvaluationResult TextChecksEvaluator::evaluate(const sdk::EvaluationInput& input) {
  double total = 0, passed_weight = 0;
  std::size_t passed_count = 0;
  json results = json::array(), findings = json::array();
  for (const auto& check : checks_) {
    const auto outcome = run_text_check(check, input.response, input.vars);
    json entry = check.describe();
    entry["passed"] = outcome.passed;
    if (!outcome.passed) {
      entry["finding"] = outcome.finding;
      findings.push_back(outcome.finding);
    }
    results.push_back(std::move(entry));
    total += check.weight;
    if (outcome.passed) {
      passed_weight += check.weight;
      ++passed_count;
    }
  }
  sdk::EvaluationResult result;
  result.score = total > 0 ? passed_weight / total : 0.0;
  // A tiny tolerance so that, e.g., 2 of 3 equal weights meets pass 0.6667 as written.
  result.passed = result.score + 1e-9 >= pass_;
  result.details = {{"checks", std::move(results)},
                    {"passed_checks", passed_count},
                    {"total_checks", checks_.size()},
                    {"pass", pass_},
                    {"findings", std::move(findings)}};
  return result;
}

}  // namespace modelcompare::text_checks
