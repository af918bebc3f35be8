// Scores a candidate chart against the reference: data (pie slice fractions), colour, SSIM, text
// and type sub-scores, their weighted mean, and findings a person can read. A sub-score that
// cannot be measured is empty and leaves the mean, never invented.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chart_features.hpp"
#include "scoring_options.hpp"

namespace modelcompare::chart_image_diff {

struct Subscores {
  std::optional<double> data;
  std::optional<double> color;
  std::optional<double> ssim;
  std::optional<double> text;
  std::optional<double> type;
};

struct ChartComparison {
  Subscores subscores;
  double score = 0;   // weighted mean of the available sub-scores, in [0, 1]
  double layout = 0;  // overlap of where both pictures have content; informational
  std::vector<std::string> findings;
};

ChartComparison compare_charts(const ChartFeatures& reference, const ChartFeatures& candidate,
                               const ScoringOptions& options);

}  // namespace modelcompare::chart_image_diff
