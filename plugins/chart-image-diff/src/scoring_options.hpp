// The evaluator's options, checked: unknown keys and bad values are refused with one line naming
// the option. Numbers and booleans may come as JSON values or as strings (`--option k=v`).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace modelcompare::chart_image_diff {

struct SubscoreWeights {
  double data = 0.40;
  double color = 0.15;
  double ssim = 0.10;
  double text = 0.15;
  double type = 0.20;
};

struct ScoringOptions {
  std::string reference;                 // required: the reference chart image
  std::optional<std::string> candidate;  // else the first "image" artifact of the turn
  SubscoreWeights weights;
  double pass_threshold = 0.8;
  // Summed absolute slice-fraction error at which the data sub-score reaches 0 (linear). Reading
  // a correct redraw errs by under 1 pp summed (JPEG, explode), so 8 pp keeps those at ≥ 0.88,
  // while numbers a point off in two slices (2.5 pp) fall to 0.69 and fail the default threshold.
  double data_error_at_zero = 0.08;
  std::uint64_t max_pixels = 40'000'000;
  bool read_text = true;
};

// Throws std::invalid_argument with the message the user reads.
ScoringOptions parse_scoring_options(const nlohmann::json& options);

}  // namespace modelcompare::chart_image_diff
