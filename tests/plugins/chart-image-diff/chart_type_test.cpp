#include "chart_type.hpp"

#include <gtest/gtest.h>

#include "chart_image.hpp"
#include "image_file.hpp"
#include "synthetic_chart.hpp"

namespace modelcompare::chart_image_diff {
namespace {

ChartTypeReading classify(const std::string& fixture_name) {
  const ChartImage image = decode_chart_image(read_image_file(testing::fixture(fixture_name)));
  const Palette palette = extract_palette(image);
  return classify_chart(image, palette, read_pie(palette));
}

TEST(ChartType, Pie) {
  const auto reading = classify("pie_reference.png");
  EXPECT_EQ(reading.type, ChartType::pie);
  EXPECT_EQ(reading.evidence, "a disc of 4 slices");
}

TEST(ChartType, Bar) {
  const auto reading = classify("bar_same_numbers.png");
  EXPECT_EQ(reading.type, ChartType::bar) << reading.evidence;
  EXPECT_EQ(reading.evidence, "4 solid bars on one baseline");
}

TEST(ChartType, Line) {
  const auto reading = classify("line_chart.png");
  EXPECT_EQ(reading.type, ChartType::line) << reading.evidence;
}

TEST(ChartType, SolidSquareIsOther) {
  cv::Mat picture(300, 300, CV_8UC3, cv::Scalar(255, 255, 255));
  picture(cv::Rect(50, 50, 200, 200)).setTo(cv::Scalar(200, 100, 0));
  const ChartImage image = normalise_chart_image(picture, "square");
  const Palette palette = extract_palette(image);
  const auto reading = classify_chart(image, palette, read_pie(palette));
  EXPECT_EQ(reading.type, ChartType::other);
  EXPECT_NE(reading.evidence.find("the largest shape is not"), std::string::npos)
      << reading.evidence;
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
