#include "rgb.hpp"

#include <gtest/gtest.h>

namespace modelcompare::code_correctness {
namespace {

using nlohmann::json;

TEST(Rgb, ReadsEveryMatplotlibNotation) {
  EXPECT_EQ(to_hex(*parse_color("m")), "#bf00bf");
  EXPECT_EQ(to_hex(*parse_color("magenta")), "#ff00ff");
  EXPECT_EQ(to_hex(*parse_color("Tab:Red")), "#d62728");
  EXPECT_EQ(to_hex(*parse_color("C0")), "#1f77b4");
  EXPECT_EQ(to_hex(*parse_color("#f0f")), "#ff00ff");
  EXPECT_EQ(to_hex(*parse_color("#FF00FF80")), "#ff00ff");
  EXPECT_EQ(to_hex(*parse_color("0.5")), "#808080");
  EXPECT_EQ(to_hex(*parse_color(json::parse("[1, 0.5, 0, 1]"))), "#ff8000");
}

TEST(Rgb, RefusesWhatMatplotlibWouldRefuse) {
  EXPECT_FALSE(parse_color("magentaa"));
  EXPECT_FALSE(parse_color("#ggg"));
  EXPECT_FALSE(parse_color("1.5"));
  EXPECT_FALSE(parse_color(json::parse("[255, 0, 0]")));
  EXPECT_FALSE(parse_color(json::parse("[1, 0]")));
  EXPECT_FALSE(parse_color(3));
}

TEST(Rgb, DistanceIsScaledToOne) {
  EXPECT_DOUBLE_EQ(color_distance({0, 0, 0}, {1, 1, 1}), 1.0);
  EXPECT_DOUBLE_EQ(color_distance({1, 0, 0}, {1, 0, 0}), 0.0);
  // The lab's case: GPT-4o drew pure magenta where the chart has matplotlib's 'm'.
  EXPECT_NEAR(color_distance(*parse_color("magenta"), *parse_color("m")), 0.204, 0.001);
}

}  // namespace
}  // namespace modelcompare::code_correctness
