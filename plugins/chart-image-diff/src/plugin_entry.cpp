// The plugin's one exported symbol.
#include "chart_image_diff_evaluator.hpp"
#include "modelcompare/sdk/plugin.hpp"

MODELCOMPARE_PLUGIN(evaluator, modelcompare::chart_image_diff::ChartImageDiffEvaluator,
                    "chart-image-diff", "0.1.0",
                    "compares a drawn chart with the reference image: pie slices, colour, SSIM, "
                    "text, type")
