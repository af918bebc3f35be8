// The plugin's one exported symbol.
#include "code_correctness_evaluator.hpp"
#include "modelcompare/sdk/plugin.hpp"

MODELCOMPARE_PLUGIN(evaluator, modelcompare::code_correctness::CodeCorrectnessEvaluator,
                    "code-correctness", "0.1.0",
                    "runs each answer's Python in the sandbox and scores the chart it draws")
