// The plugin's one exported symbol.
#include "modelcompare/sdk/plugin.hpp"
#include "text_checks_evaluator.hpp"

MODELCOMPARE_PLUGIN(evaluator, modelcompare::text_checks::TextChecksEvaluator, "text-checks",
                    "0.1.0",
                    "weighted checks on an answer's text: contains, regex, equals, JSON, "
                    "JSON Schema, length")
