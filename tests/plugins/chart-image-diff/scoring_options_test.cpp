#include "scoring_options.hpp"

#include <gtest/gtest.h>

namespace modelcompare::chart_image_diff {
namespace {

std::string options_error_of(const nlohmann::json& options) {
  try {
    parse_scoring_options(options);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(ScoringOptions, DefaultsAndStringsFromTheCommandLine) {
  const auto options = parse_scoring_options({{"reference", "demo.png"},
                                              {"pass_threshold", "0.9"},
                                              {"text", "false"},
                                              {"weight_ssim", 0}});
  EXPECT_EQ(options.reference, "demo.png");
  EXPECT_DOUBLE_EQ(options.pass_threshold, 0.9);
  EXPECT_FALSE(options.read_text);
  EXPECT_DOUBLE_EQ(options.weights.ssim, 0);
  EXPECT_DOUBLE_EQ(options.weights.data, 0.40);
  EXPECT_EQ(options.max_pixels, 40'000'000u);
}

TEST(ScoringOptions, ReferenceIsRequired) {
  EXPECT_EQ(options_error_of(nlohmann::json::object()),
            "chart-image-diff option reference: required (the reference chart, a PNG or JPEG)");
}

TEST(ScoringOptions, UnknownKeyIsNamed) {
  EXPECT_EQ(
      options_error_of({{"reference", "a.png"}, {"treshold", 0.5}}),
      "chart-image-diff: unknown option 'treshold' (known: reference, candidate, weight_data, "
      "weight_color, weight_ssim, weight_text, weight_type, pass_threshold, "
      "data_error_at_zero, max_pixels, text)");
}

TEST(ScoringOptions, BadValuesAreNamed) {
  EXPECT_EQ(options_error_of({{"reference", "a.png"}, {"pass_threshold", "high"}}),
            "chart-image-diff option pass_threshold: expected a number, got \"high\"");
  EXPECT_EQ(options_error_of({{"reference", "a.png"}, {"pass_threshold", 1.5}}),
            "chart-image-diff option pass_threshold: expected a number from 0.0 to 1.0, got 1.5");
  EXPECT_EQ(options_error_of({{"reference", "a.png"}, {"text", "maybe"}}),
            "chart-image-diff option text: expected true or false, got \"maybe\"");
  EXPECT_EQ(options_error_of({{"reference", 3}}),
            "chart-image-diff option reference: expected a file path, got 3");
  EXPECT_EQ(options_error_of({{"reference", "a.png"},
                              {"weight_data", 0},
                              {"weight_color", 0},
                              {"weight_ssim", 0},
                              {"weight_text", 0},
                              {"weight_type", 0}}),
            "chart-image-diff options weight_*: at least one must be above 0");
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
