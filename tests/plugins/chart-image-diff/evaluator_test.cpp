// The evaluator end to end through the SDK interface, with the test host.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <opencv2/core.hpp>

#include "chart_image_diff_evaluator.hpp"
#include "support/temp_dir.hpp"
#include "support/test_host.hpp"
#include "synthetic_chart.hpp"

namespace modelcompare::chart_image_diff {
namespace {

using ::modelcompare::testing::TempDir;
using ::modelcompare::testing::TestHost;

class EvaluatorTest : public ::testing::Test {
 protected:
  sdk::PluginContext context(nlohmann::json options) {
    sdk::PluginContext c;
    c.instance_id = "chart-image-diff";
    c.options = std::move(options);
    c.base_dir = testing::fixture("");
    c.host = &host_;
    return c;
  }

  sdk::EvaluationResult evaluate(const std::string& candidate, nlohmann::json extra = {}) {
    nlohmann::json options = {{"reference", "pie_reference.png"}, {"candidate", candidate}};
    for (const auto& [key, value] : extra.items()) options[key] = value;
    ChartImageDiffEvaluator evaluator(context(options));
    return evaluator.evaluate(sdk::EvaluationInput{});
  }

  TestHost host_;
};

TEST_F(EvaluatorTest, IdenticalChartScoresOne) {
  const auto result = evaluate("pie_reference.png");
  EXPECT_DOUBLE_EQ(result.score, 1.0) << result.details.dump(2);
  EXPECT_TRUE(result.passed);
  const auto& s = result.details["subscores"];
  EXPECT_EQ(s["data"], 1.0);
  EXPECT_EQ(s["color"], 1.0);
  EXPECT_EQ(s["ssim"], 1.0);
  EXPECT_EQ(s["type"], 1.0);
#ifdef MODELCOMPARE_HAVE_TESSERACT
  EXPECT_EQ(s["text"], 1.0);
#else
  EXPECT_TRUE(s["text"].is_null());
#endif
  EXPECT_EQ(result.details["chart_type"], "pie");
  EXPECT_EQ(result.details["layout"], 1.0);
  ASSERT_EQ(result.details["slices"].size(), 4u);
  EXPECT_EQ(result.details["slices"], result.details["reference_slices"]);
  const auto& first = result.details["slices"][0];
  for (const char* key : {"fraction", "color", "start_deg", "end_deg"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_NEAR(first["fraction"].get<double>(), 0.349, 0.005);
  EXPECT_EQ(first["color"], "#bf00bf");
}

TEST_F(EvaluatorTest, ExplodedRotatedJpegKeepsTheData) {
  const auto result = evaluate("pie_exploded_rotated.jpg", {{"text", false}});
  const auto& s = result.details["subscores"];
  auto sorted_fractions = [](const nlohmann::json& slices) {
    std::vector<double> fractions;
    for (const auto& slice : slices) fractions.push_back(slice["fraction"].get<double>());
    std::sort(fractions.begin(), fractions.end());
    return fractions;
  };
  const auto read = sorted_fractions(result.details["slices"]);
  const auto reference = sorted_fractions(result.details["reference_slices"]);
  ASSERT_EQ(read.size(), reference.size()) << result.details.dump(2);
  for (std::size_t i = 0; i < read.size(); ++i) EXPECT_NEAR(read[i], reference[i], 0.005);
  // Under 1 pp summed error: at the default scale (8 pp to zero) well above 0.85.
  EXPECT_GE(s["data"].get<double>(), 0.85) << result.details.dump(2);
  EXPECT_TRUE(result.passed);
  EXPECT_EQ(s["type"], 1.0);
  EXPECT_LT(s["ssim"].get<double>(), 0.9);   // the pixels moved; what the chart says did not
  EXPECT_LT(s["color"].get<double>(), 0.9);  // pure colours instead of matplotlib's m/r/y/c
  EXPECT_TRUE(s["text"].is_null());
}

TEST_F(EvaluatorTest, WrongNumbersLowerTheDataSubscore) {
  const auto right = evaluate("pie_exploded_rotated.jpg", {{"text", false}});
  const auto wrong = evaluate("pie_wrong_numbers.png", {{"text", false}});
  EXPECT_LT(wrong.details["subscores"]["data"].get<double>(), 0.1) << wrong.details.dump(2);
  EXPECT_GT(right.details["subscores"]["data"].get<double>(),
            wrong.details["subscores"]["data"].get<double>() + 0.5);
  EXPECT_LT(wrong.score, right.score);
  const auto findings = wrong.details["findings"].dump();
  EXPECT_NE(findings.find("slice of 34.9 % reads 25.0 % (-9.9 pp)"), std::string::npos) << findings;
}

// The offline demo's mock-broken: the printed numbers a point off (33.9 / 28.8 / 20.3 / 16.9
// instead of 34.9 / 28.6 / 20.6 / 15.9) in other shades. A chart that says other numbers must not
// pass by default, while a faithful redraw (same numbers, rotated, exploded, JPEG) does.
TEST_F(EvaluatorTest, NumbersAPointOffFailByDefaultWhileAFaithfulRedrawPasses) {
  TempDir dir;
  const auto reference = testing::save(testing::draw_pie({}), dir / "reference.png");
  testing::SyntheticPie off_by_a_point;
  off_by_a_point.fractions = {0.339, 0.288, 0.203, 0.169};
  off_by_a_point.colours = {{128, 0, 128}, {0, 0, 255}, {0, 128, 128}, {255, 255, 0}};
  off_by_a_point.start_deg = 140;
  testing::SyntheticPie faithful;
  faithful.start_deg = 90;
  faithful.exploded = 0;
  auto score = [&](const testing::SyntheticPie& pie, const std::string& name) {
    ChartImageDiffEvaluator evaluator(
        context({{"reference", reference.string()},
                 {"candidate", testing::save(testing::draw_pie(pie), dir / name).string()},
                 {"text", false}}));
    return evaluator.evaluate(sdk::EvaluationInput{});
  };
  const auto broken = score(off_by_a_point, "broken.png");
  const auto redraw = score(faithful, "redraw.jpg");
  EXPECT_FALSE(broken.passed) << broken.details.dump(2);
  EXPECT_LT(broken.details["subscores"]["data"].get<double>(), 0.75);
  EXPECT_TRUE(redraw.passed) << redraw.details.dump(2);
  EXPECT_GT(redraw.details["subscores"]["data"].get<double>(), 0.85);
}

TEST_F(EvaluatorTest, BarChartOfTheSameNumbersScoresLowOnType) {
  const auto result = evaluate("bar_same_numbers.png", {{"text", false}});
  const auto& s = result.details["subscores"];
  EXPECT_EQ(s["type"], 0.0);
  EXPECT_EQ(s["data"], 0.0);
  EXPECT_EQ(result.details["chart_type"], "bar");
  EXPECT_LT(result.score, 0.4);
  EXPECT_FALSE(result.passed);
  EXPECT_EQ(result.details["findings"][0],
            "chart type differs: the candidate is a bar chart (4 solid bars on one baseline), the "
            "reference a pie chart (a disc of 4 slices)");
}

TEST_F(EvaluatorTest, TakesTheTurnsImageArtifactWhenNoCandidateOption) {
  ChartImageDiffEvaluator evaluator(context({{"reference", "pie_reference.png"}, {"text", false}}));
  sdk::EvaluationInput input;
  input.artifacts.push_back({"code", "answer.py", testing::fixture("make_fixtures.py")});
  input.artifacts.push_back({"image", "figure-1", testing::fixture("pie_exploded_rotated.jpg")});
  const auto result = evaluator.evaluate(input);
  EXPECT_EQ(result.details["candidate"], testing::fixture("pie_exploded_rotated.jpg").string());
  EXPECT_GT(result.score, 0.7) << result.details.dump(2);
}

TEST_F(EvaluatorTest, NoImageScoresZeroWithAReason) {
  ChartImageDiffEvaluator evaluator(context({{"reference", "pie_reference.png"}, {"text", false}}));
  const auto result = evaluator.evaluate(sdk::EvaluationInput{});
  EXPECT_EQ(result.score, 0.0);
  EXPECT_FALSE(result.passed);
  EXPECT_EQ(result.details["findings"],
            nlohmann::json::array({"no image to compare: the answer drew nothing"}));
  EXPECT_EQ(result.details["reference_slices"].size(), 4u);
}

TEST_F(EvaluatorTest, BlankPictureFromTheAnswerScoresZero) {
  TempDir dir;
  const auto blank =
      testing::save(cv::Mat(480, 640, CV_8UC3, cv::Scalar::all(255)), dir / "blank.png");
  ChartImageDiffEvaluator evaluator(context({{"reference", "pie_reference.png"}, {"text", false}}));
  sdk::EvaluationInput input;
  input.artifacts.push_back({"image", "figure-1", blank});
  const auto result = evaluator.evaluate(input);
  EXPECT_EQ(result.score, 0.0);
  EXPECT_EQ(result.details["findings"][0],
            "the answer's picture is unusable: image " + blank.string() +
                ": is empty: every pixel is the background colour (nothing was drawn)");
}

TEST_F(EvaluatorTest, MissingCandidateFileIsAnError) {
  ChartImageDiffEvaluator evaluator(
      context({{"reference", "pie_reference.png"}, {"candidate", "nowhere.png"}, {"text", false}}));
  try {
    evaluator.evaluate(sdk::EvaluationInput{});
    FAIL() << "no error";
  } catch (const sdk::PluginError& e) {
    EXPECT_EQ(std::string(e.what()), "chart-image-diff option candidate: image " +
                                         testing::fixture("nowhere.png").string() +
                                         ": file not found");
  }
}

TEST_F(EvaluatorTest, BadReferenceFailsAtCreation) {
  try {
    ChartImageDiffEvaluator evaluator(context({{"reference", "make_fixtures.py"}}));
    FAIL() << "no error";
  } catch (const sdk::PluginError& e) {
    EXPECT_EQ(std::string(e.what()), "chart-image-diff option reference: image " +
                                         testing::fixture("make_fixtures.py").string() +
                                         ": not an image: expected a PNG or JPEG file");
  }
}

TEST_F(EvaluatorTest, BadOptionFailsAtCreation) {
  EXPECT_THROW(
      {
        try {
          ChartImageDiffEvaluator evaluator(
              context({{"reference", "pie_reference.png"}, {"max_pixels", -1}}));
        } catch (const sdk::PluginError& e) {
          EXPECT_EQ(std::string(e.what()),
                    "chart-image-diff option max_pixels: expected a number from 1.0 to "
                    "10000000000.0, got -1");
          throw;
        }
      },
      sdk::PluginError);
}

TEST_F(EvaluatorTest, WeightsAndThresholdAreOptions) {
  // Only SSIM counts: the exploded pie then scores its SSIM and fails a 0.9 threshold.
  const auto result = evaluate("pie_exploded_rotated.jpg", {{"text", false},
                                                            {"weight_data", 0},
                                                            {"weight_color", 0},
                                                            {"weight_type", 0},
                                                            {"weight_text", 0},
                                                            {"pass_threshold", 0.9}});
  EXPECT_DOUBLE_EQ(result.score, result.details["subscores"]["ssim"].get<double>());
  EXPECT_FALSE(result.passed);
}

int thread_count() {
  int count = 0;
  for ([[maybe_unused]] const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    ++count;
  }
  return count;
}

// Evaluators run on the host's workers: no thread pool of their own (OpenCV's would start in
// cvtColor or resize, Tesseract's OpenMP teams in recognition).
TEST_F(EvaluatorTest, StartsNoThreads) {
  const int before = thread_count();
  const auto result = evaluate("pie_exploded_rotated.jpg");
  EXPECT_GT(result.score, 0.7);
  EXPECT_EQ(thread_count(), before);
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
