#include "sandbox/capped_output.hpp"

#include <gtest/gtest.h>

namespace modelcompare::sandbox {
namespace {

TEST(CappedOutput, KeepsEverythingUnderTheCap) {
  CappedOutput out(16);
  out.append("hello ");
  out.append("world");
  EXPECT_EQ(out.text(), "hello world");
  EXPECT_FALSE(out.truncated());
}

TEST(CappedOutput, KeepsHeadAndTailAndCountsTheRest) {
  CappedOutput out(8);
  out.append("0123456789");
  out.append("abcdef");
  EXPECT_TRUE(out.truncated());
  EXPECT_EQ(out.dropped(), 8u);
  EXPECT_EQ(out.text(), "0123\n[... 8 bytes dropped ...]\ncdef");
}

}  // namespace
}  // namespace modelcompare::sandbox
