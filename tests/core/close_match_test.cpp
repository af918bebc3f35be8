#include "config/close_match.hpp"

#include <gtest/gtest.h>

namespace modelcompare::config {
namespace {

TEST(CloseMatch, FindsTyposAndRejectsStrangers) {
  const std::vector<std::string> keys = {"providers", "scenarios", "defaults"};
  EXPECT_EQ(close_match("provders", keys), "providers");
  EXPECT_EQ(close_match("Scenarios", keys), "scenarios");
  EXPECT_EQ(close_match("colour", keys), std::nullopt);
  EXPECT_EQ(close_match("x", {}), std::nullopt);
}

}  // namespace
}  // namespace modelcompare::config
