// The llm-judge evaluator: one of the run's providers grades each answer against a rubric,
// optionally looking at the reference image and the image the answer's code drew.
#pragma once

#include "judge_options.hpp"
#include "modelcompare/sdk/evaluator.hpp"
#include "modelcompare/sdk/provider.hpp"

namespace modelcompare::llm_judge {

class LlmJudgeEvaluator final : public sdk::Evaluator {
 public:
  // Throws sdk::PluginError for bad options and for a judge that is not a provider of the run
  // (before any request is sent).
  explicit LlmJudgeEvaluator(const sdk::PluginContext& context);

  // Blocks this worker thread on the judge's answer, which runs on the host's io_context.
  sdk::EvaluationResult evaluate(const sdk::EvaluationInput& input) override;

 private:
  sdk::ChatResult ask(const sdk::ChatRequest& request) const;

  JudgeOptions options_;
  sdk::HostServices* host_ = nullptr;
  sdk::Provider* judge_ = nullptr;  // owned by the host, which outlives this evaluator
};

}  // namespace modelcompare::llm_judge
