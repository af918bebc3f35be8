#include "text_lines.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "chart_image.hpp"
#include "synthetic_chart.hpp"
#include "text_layer.hpp"

namespace modelcompare::chart_image_diff {
namespace {

// Draws black text with its baseline at `at`; returns its box, a few pixels larger all round.
cv::Rect write(cv::Mat& image, const std::string& text, cv::Point at, double size = 0.5) {
  cv::putText(image, text, at, cv::FONT_HERSHEY_SIMPLEX, size, cv::Scalar::all(0), 1, cv::LINE_AA);
  int baseline = 0;
  const cv::Size extent = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, size, 1, &baseline);
  return {at.x - 4, at.y - extent.height - 4, extent.width + 8, extent.height + baseline + 8};
}

std::string listed(const std::vector<cv::Rect>& boxes) {
  std::string text;
  for (const auto& b : boxes) {
    text += " [" + std::to_string(b.x) + "," + std::to_string(b.y) + " " + std::to_string(b.width) +
            "x" + std::to_string(b.height) + "]";
  }
  return text;
}

bool inside(const cv::Rect& box, const cv::Rect& area) {
  return (box & area) == box;
}

// A 600×600 pie (percentages inside its wedges) with a title above and a label beside each wedge.
TEST(TextLines, FindsTheTitleStripTheLabelsAndThePercentages) {
  cv::Mat chart = testing::draw_pie({});
  const cv::Rect title = write(chart, "Marks obtained in an exam", {150, 40}, 0.7);
  std::vector<cv::Rect> labels;
  for (const auto& [text, at] :
       std::vector<std::pair<std::string, cv::Point>>{{"maths", {440, 130}},
                                                      {"physics", {10, 300}},
                                                      {"chemistry", {250, 560}},
                                                      {"english", {500, 420}}}) {
    labels.push_back(write(chart, text, at));
  }
  // No crop: the chart's border is kept white so coordinates stay those of the drawing.
  ChartImage image;
  image.bgr = chart;
  const std::vector<cv::Rect> lines = find_text_lines(text_layer(image));

  ASSERT_EQ(lines.size(), 9u) << listed(lines);  // title, 4 labels, 4 percentages
  // The title strip comes first (top to bottom) and spans the title's words as one line.
  EXPECT_TRUE(inside(lines[0], title)) << lines[0] << " outside " << title;
  EXPECT_GT(lines[0].width, title.width - 20);
  for (const cv::Rect& label : labels) {
    EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                            [&](const cv::Rect& l) {
                              return inside(l, label) && l.width > label.width - 20;
                            }),
              1)
        << label;
  }
  // The percentages lie inside the disc (centre 300,300, radius 210; the labels lie outside it):
  // text on the wedges is found too.
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [](const cv::Rect& l) {
                            const cv::Point2d centre = (l.tl() + l.br()) / 2;
                            return std::hypot(centre.x - 300, centre.y - 300) < 180;
                          }),
            4)
      << listed(lines);
}

TEST(TextLines, AxesAndFaintWedgeEdgesAreNoText) {
  cv::Mat layer(300, 300, CV_8U, cv::Scalar(255));
  cv::line(layer, {20, 250}, {280, 250}, cv::Scalar(0), 1);   // an axis
  cv::line(layer, {30, 20}, {30, 250}, cv::Scalar(0), 1);     // another
  cv::line(layer, {100, 60}, {112, 72}, cv::Scalar(120), 1);  // a grey blend on a wedge edge
  cv::line(layer, {120, 80}, {131, 90}, cv::Scalar(120), 1);
  EXPECT_TRUE(find_text_lines(layer).empty());

  cv::putText(layer, "5", {200, 230}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0), 1,
              cv::LINE_AA);  // a tick label alone is text
  const auto lines = find_text_lines(layer);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(inside(lines[0], {195, 215, 20, 20})) << lines[0];
}

TEST(TextLines, SeparateLabelsOnOneHeightStaySeparate) {
  cv::Mat layer(200, 600, CV_8U, cv::Scalar(255));
  cv::putText(layer, "physics", {20, 100}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0), 1,
              cv::LINE_AA);
  cv::putText(layer, "28.6%", {300, 100}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0), 1,
              cv::LINE_AA);
  auto lines = find_text_lines(layer);
  ASSERT_EQ(lines.size(), 2u) << listed(lines);
  std::sort(lines.begin(), lines.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
  EXPECT_LT(lines[0].x + lines[0].width, 300);
  EXPECT_GE(lines[1].x, 295);
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
