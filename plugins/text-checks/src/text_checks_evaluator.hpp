// The text-checks evaluator: a list of weighted checks on the answer's text; the score is the
// weighted share of checks passed.
#pragma once

#include <vector>

#include "modelcompare/sdk/evaluator.hpp"
#include "text_check.hpp"

namespace modelcompare::text_checks {

class TextChecksEvaluator final : public sdk::Evaluator {
 public:
  // Options: {"checks": [...], "pass": 0.75}. Throws sdk::PluginError on bad options.
  explicit TextChecksEvaluator(const sdk::PluginContext& context);

  sdk::EvaluationResult evaluate(const sdk::EvaluationInput& input) override;

 private:
  std::vector<TextCheck> checks_;
  double pass_ = 1.0;  // the weighted share needed; 1: every check
};

}  // namespace modelcompare::text_checks
