// The plugin's one exported symbol.
#include "llm_judge_evaluator.hpp"
#include "modelcompare/sdk/plugin.hpp"

MODELCOMPARE_PLUGIN(evaluator, modelcompare::llm_judge::LlmJudgeEvaluator, "llm-judge", "0.1.0",
                    "one of the run's models grades each answer against a rubric (images too)")
