// The lab's real pictures (../shared/lab beside the repository): read only when present.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "chart_image_diff_evaluator.hpp"
#include "support/test_host.hpp"

namespace modelcompare::chart_image_diff {
namespace {

const std::filesystem::path kLab =
    std::filesystem::path(MODELCOMPARE_SOURCE_DIR).parent_path() / "shared" / "lab";

class LabImages : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kLab / "demo.png")) {
      GTEST_SKIP() << "no lab pictures at " << kLab << " (they are not part of the repository)";
    }
  }

  sdk::EvaluationResult evaluate(const std::string& candidate) {
    sdk::PluginContext context;
    context.options = {{"reference", "demo.png"}, {"candidate", candidate}};
    context.base_dir = kLab;
    context.host = &host_;
    return ChartImageDiffEvaluator(context).evaluate(sdk::EvaluationInput{});
  }

  static std::vector<double> fractions(const nlohmann::json& slices) {
    std::vector<double> result;
    for (const auto& s : slices) result.push_back(s["fraction"].get<double>());
    std::sort(result.rbegin(), result.rend());
    return result;
  }

  static void expect_near(const nlohmann::json& slices, const std::vector<double>& expected,
                          double tolerance) {
    const auto read = fractions(slices);
    ASSERT_EQ(read.size(), expected.size()) << slices.dump();
    for (std::size_t i = 0; i < read.size(); ++i) EXPECT_NEAR(read[i], expected[i], tolerance);
  }

  ::modelcompare::testing::TestHost host_;
};

const std::vector<double> kDemo{0.349, 0.286, 0.206, 0.159};

TEST_F(LabImages, DemoAgainstItselfScoresOne) {
  const auto result = evaluate("demo.png");
  EXPECT_DOUBLE_EQ(result.score, 1.0) << result.details.dump(2);
  expect_near(result.details["slices"], kDemo, 0.01);
}

TEST_F(LabImages, Gpt4oReadsTheSameFractions) {
  const auto result = evaluate("gpt4o.jpg");
  expect_near(result.details["slices"], kDemo, 0.015);
  EXPECT_EQ(result.details["chart_type"], "pie");
}

TEST_F(LabImages, Phi3ReadsItsOwnNumbersAndScoresLowerOnData) {
  const auto phi = evaluate("phi-3-vision.jpg");
  expect_near(phi.details["slices"], {0.339, 0.288, 0.203, 0.169}, 0.015);
  const auto gpt = evaluate("gpt4o.jpg");
  EXPECT_LT(phi.details["subscores"]["data"].get<double>(),
            gpt.details["subscores"]["data"].get<double>());
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
