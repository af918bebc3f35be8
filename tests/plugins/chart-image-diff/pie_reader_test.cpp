// Reading slice fractions from pixels: drawn pies (rotated, exploded, JPEG) and matplotlib ones.
#include "pie_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "chart_image.hpp"
#include "image_file.hpp"
#include "palette.hpp"
#include "support/temp_dir.hpp"
#include "synthetic_chart.hpp"

namespace modelcompare::chart_image_diff {
namespace {

using testing::draw_pie;
using testing::SyntheticPie;

PieReading read(const cv::Mat& picture) {
  const ChartImage image = normalise_chart_image(picture, "test");
  return read_pie(extract_palette(image));
}

PieReading read(const std::filesystem::path& path) {
  const ChartImage image = decode_chart_image(read_image_file(path));
  return read_pie(extract_palette(image));
}

std::vector<double> sorted_fractions(const PieReading& pie) {
  std::vector<double> fractions;
  for (const auto& s : pie.slices) fractions.push_back(s.fraction);
  std::sort(fractions.rbegin(), fractions.rend());
  return fractions;
}

void expect_fractions(const PieReading& pie, std::vector<double> expected, double tolerance) {
  ASSERT_TRUE(pie.found) << pie.reason;
  std::sort(expected.rbegin(), expected.rend());
  const auto read = sorted_fractions(pie);
  ASSERT_EQ(read.size(), expected.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_NEAR(read[i], expected[i], tolerance) << "slice " << i;
  }
}

const std::vector<double> kLabFractions{0.349, 0.286, 0.206, 0.159};

TEST(PieReader, ReadsDrawnFractionsWithinHalfAPoint) {
  const SyntheticPie pie;
  expect_fractions(read(draw_pie(pie)), pie.fractions, 0.005);
}

TEST(PieReader, ReportsColoursAndAnglesCounterClockwise) {
  SyntheticPie pie;
  pie.percent_text = false;
  const PieReading reading = read(draw_pie(pie));
  ASSERT_TRUE(reading.found) << reading.reason;
  ASSERT_EQ(reading.slices.size(), 4u);
  // First slice starts at 0° (3 o'clock) and spans 34.9 % of the turn.
  const auto& first = reading.slices.front();
  EXPECT_EQ(first.colour, cv::Vec3b(191, 0, 191));
  EXPECT_NEAR(first.start_deg, 0.0, 2.0);
  EXPECT_NEAR(first.end_deg, 0.349 * 360, 2.0);
  EXPECT_NEAR(reading.slices[1].start_deg, 0.349 * 360, 2.0);
  EXPECT_EQ(reading.slices[1].colour, cv::Vec3b(0, 0, 255));
}

TEST(PieReader, RotatedPieReadsTheSameFractions) {
  SyntheticPie pie;
  pie.start_deg = 137;
  expect_fractions(read(draw_pie(pie)), pie.fractions, 0.005);
}

TEST(PieReader, ExplodedSliceReadsTheSameFractions) {
  SyntheticPie pie;
  pie.exploded = 0;
  pie.explode = 0.15;
  pie.start_deg = 90;
  expect_fractions(read(draw_pie(pie)), pie.fractions, 0.008);
}

TEST(PieReader, JpegNoiseDoesNotSplitSlices) {
  ::modelcompare::testing::TempDir dir;
  SyntheticPie pie;
  pie.exploded = 2;
  const auto path = testing::save(draw_pie(pie), dir / "pie.jpg");
  expect_fractions(read(path), pie.fractions, 0.01);
}

TEST(PieReader, TwoSlicesOfOneColourAreTwoSlices) {
  SyntheticPie pie;
  pie.fractions = {0.4, 0.1, 0.4, 0.1};
  pie.colours = {{191, 0, 191}, {0, 0, 255}, {191, 0, 191}, {0, 191, 191}};
  expect_fractions(read(draw_pie(pie)), pie.fractions, 0.008);
}

TEST(PieReader, MatplotlibReference) {
  expect_fractions(read(testing::fixture("pie_reference.png")), kLabFractions, 0.005);
}

TEST(PieReader, MatplotlibExplodedRotatedJpeg) {
  expect_fractions(read(testing::fixture("pie_exploded_rotated.jpg")), kLabFractions, 0.01);
}

TEST(PieReader, WhiteEdgesAndLegendPatchesDoNotCount) {
  expect_fractions(read(testing::fixture("pie_legend_white_edges.png")), kLabFractions, 0.01);
}

TEST(PieReader, BarChartIsNoPie) {
  const PieReading reading = read(testing::fixture("bar_same_numbers.png"));
  EXPECT_FALSE(reading.found);
  EXPECT_NE(reading.reason.find("the largest shape is not"), std::string::npos) << reading.reason;
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
