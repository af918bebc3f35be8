// The chart-image-diff evaluator: compares the picture an answer drew (option `candidate`, or the
// first "image" artifact of the turn) with the reference chart (option `reference`).
#pragma once

#include <filesystem>
#include <memory>

#include "analysis_cache.hpp"
#include "chart_features.hpp"
#include "modelcompare/sdk/evaluator.hpp"
#include "scoring_options.hpp"
#include "text_reader.hpp"

namespace modelcompare::chart_image_diff {

class ChartImageDiffEvaluator : public sdk::Evaluator {
 public:
  // Reads and analyses the reference at once, so a bad reference fails at load, not per case.
  // Throws sdk::PluginError naming the option or file at fault.
  explicit ChartImageDiffEvaluator(const sdk::PluginContext& context);

  sdk::EvaluationResult evaluate(const sdk::EvaluationInput& input) override;

 private:
  // The picture's analysis, from the cache when its bytes were analysed before.
  std::shared_ptr<const ChartFeatures> analyse_file(const std::filesystem::path& path,
                                                    bool pin = false);

  ScoringOptions options_;
  std::filesystem::path reference_path_;
  std::filesystem::path candidate_path_;  // empty: take the turn's image artifact
  std::unique_ptr<TextReader> text_reader_;
  AnalysisCache cache_;
  std::shared_ptr<const ChartFeatures> reference_;
};

}  // namespace modelcompare::chart_image_diff
