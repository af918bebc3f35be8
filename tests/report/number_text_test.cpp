#include "report/number_text.hpp"

#include <gtest/gtest.h>

namespace modelcompare::report {
namespace {

TEST(NumberText, APatternForNumbersAndADashForNone) {
  EXPECT_EQ(number_text(1234.56), "1235");
  EXPECT_EQ(number_text(0.123456, "%.2f"), "0.12");
  EXPECT_EQ(number_text(nullptr), "–");
  EXPECT_EQ(number_text("12"), "–");  // a string is not a number
  EXPECT_EQ(format_number("%+.3f", -0.25), "-0.250");
}

TEST(NumberText, MoneyKeepsTheDigitsThatMatterAtItsSize) {
  EXPECT_EQ(money_text(12.3456), "$12.35");
  EXPECT_EQ(money_text(1.0), "$1.00");
  EXPECT_EQ(money_text(0.0123456), "$0.0123");
  EXPECT_EQ(money_text(0.01), "$0.0100");
  EXPECT_EQ(money_text(0.000412345), "$0.000412");
  EXPECT_EQ(money_text(nullptr), "–");
}

}  // namespace
}  // namespace modelcompare::report
