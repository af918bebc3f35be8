#include "analysis_cache.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "chart_image.hpp"
#include "support/temp_dir.hpp"
#include "synthetic_chart.hpp"

namespace modelcompare::chart_image_diff {
namespace {

class AnalysisCacheTest : public ::testing::Test {
 protected:
  // Counts the analyses really made; each reads the pie of the picture.
  ChartFeatures analyse(const ImageFile& file) {
    ++analyses_;
    return analyse_chart(decode_chart_image(file), nullptr);
  }
  std::shared_ptr<const ChartFeatures> get(AnalysisCache& cache, const std::filesystem::path& p,
                                           bool pin = false) {
    return cache.get(
        read_image_file(p), [this](const ImageFile& f) { return analyse(f); }, pin);
  }
  std::filesystem::path copy(const std::string& fixture, const std::string& name) {
    const auto target = dir_.path() / name;
    std::filesystem::copy_file(testing::fixture(fixture), target);
    return target;
  }

  ::modelcompare::testing::TempDir dir_;
  int analyses_ = 0;
};

TEST_F(AnalysisCacheTest, SameBytesUnderAnotherPathAreNotAnalysedAgain) {
  AnalysisCache cache(4);
  const auto first = get(cache, copy("pie_reference.png", "reference.png"), true);
  const auto again = get(cache, copy("pie_reference.png", "answer-of-another-model.png"));
  EXPECT_EQ(analyses_, 1);
  EXPECT_EQ(again, first);  // the very same analysis
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(again->pie.slices.size(), 4u);
}

TEST_F(AnalysisCacheTest, OtherBytesUnderTheSamePathAreAnalysed) {
  AnalysisCache cache(4);
  const auto path = copy("pie_reference.png", "answer.png");
  const auto first = get(cache, path);
  std::filesystem::copy_file(testing::fixture("pie_wrong_numbers.png"), path,
                             std::filesystem::copy_options::overwrite_existing);
  const auto second = get(cache, path);
  EXPECT_EQ(analyses_, 2);
  EXPECT_NE(first, second);
  auto largest = [](const ChartFeatures& f) {
    double largest = 0;
    for (const auto& slice : f.pie.slices) largest = std::max(largest, slice.fraction);
    return largest;
  };
  EXPECT_NEAR(largest(*first), 0.349, 0.01);
  EXPECT_NEAR(largest(*second), 0.25, 0.01);  // the new picture's four equal slices
}

TEST_F(AnalysisCacheTest, KeepsThePinnedReferenceAndTheMostRecentAnswers) {
  AnalysisCache cache(1);
  const auto reference = copy("pie_reference.png", "reference.png");
  get(cache, reference, true);
  get(cache, copy("pie_wrong_numbers.png", "a.png"));
  get(cache, copy("bar_same_numbers.png", "b.png"));  // evicts a.png, not the reference
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(analyses_, 3);
  get(cache, reference);
  get(cache, dir_.path() / "b.png");
  EXPECT_EQ(analyses_, 3);
  get(cache, dir_.path() / "a.png");
  EXPECT_EQ(analyses_, 4);
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
