#include "structural_similarity.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "chart_image.hpp"
#include "synthetic_chart.hpp"

namespace modelcompare::chart_image_diff {
namespace {

cv::Mat gray_of(const cv::Mat& picture) {
  return normalised_gray(normalise_chart_image(picture, "test"));
}

TEST(StructuralSimilarity, IdenticalIsOne) {
  const cv::Mat gray = gray_of(testing::draw_pie({}));
  EXPECT_NEAR(structural_similarity(gray, gray), 1.0, 1e-6);
}

TEST(StructuralSimilarity, ScaleAndMarginDoNotCount) {
  const cv::Mat small = testing::draw_pie({});
  cv::Mat large;
  cv::resize(small, large, cv::Size(), 1.5, 1.5, cv::INTER_LINEAR);
  cv::Mat padded;
  cv::copyMakeBorder(large, padded, 40, 10, 70, 0, cv::BORDER_CONSTANT, cv::Scalar::all(255));
  EXPECT_GT(structural_similarity(gray_of(small), gray_of(padded)), 0.85);
}

TEST(StructuralSimilarity, RotationLowersIt) {
  testing::SyntheticPie rotated;
  rotated.start_deg = 90;
  const double similarity =
      structural_similarity(gray_of(testing::draw_pie({})), gray_of(testing::draw_pie(rotated)));
  EXPECT_LT(similarity, 0.9);
  EXPECT_GT(similarity, 0.0);
}

TEST(LayoutOverlap, IsIntersectionOverUnionOfContent) {
  cv::Mat left(kSsimSide, kSsimSide, CV_32F, cv::Scalar(255)), top = left.clone();
  left(cv::Rect(0, 0, kSsimSide / 2, kSsimSide)).setTo(0);
  top(cv::Rect(0, 0, kSsimSide, kSsimSide / 2)).setTo(0);
  EXPECT_DOUBLE_EQ(layout_overlap(left, 255, left, 255), 1.0);
  EXPECT_NEAR(layout_overlap(left, 255, top, 255), 1.0 / 3.0, 1e-9);
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
