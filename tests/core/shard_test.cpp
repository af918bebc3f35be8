#include "run/shard.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace modelcompare::run {
namespace {

std::string parse_error(const std::string& text) {
  try {
    parse_shard(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(Shard, ParsesOneBasedKOfN) {
  EXPECT_EQ(parse_shard("1/4"), (Shard{0, 4}));
  EXPECT_EQ(parse_shard("4/4"), (Shard{3, 4}));
  EXPECT_EQ(parse_shard("1/1"), (Shard{0, 1}));
  EXPECT_EQ(parse_shard("3/8").to_string(), "3/8");
}

TEST(Shard, BadTextIsNamedWithWhatWasExpected) {
  EXPECT_EQ(parse_error("2"), "--shard 2: expected K/N, e.g. 2/4 for the second of four shards");
  EXPECT_EQ(parse_error("5/4"), "--shard 5/4: K must be a whole number between 1 and N (4)");
  EXPECT_EQ(parse_error("0/4"), "--shard 0/4: K must be a whole number between 1 and N (4)");
  EXPECT_EQ(parse_error("1/0"), "--shard 1/0: N must be a whole number of at least 1");
  EXPECT_EQ(parse_error("a/b"), "--shard a/b: N must be a whole number of at least 1");
  EXPECT_EQ(parse_error("-1/4"), "--shard -1/4: K must be a whole number between 1 and N (4)");
  EXPECT_EQ(parse_error("1/4x"), "--shard 1/4x: N must be a whole number of at least 1");
}

TEST(Shard, EveryOrdinalBelongsToExactlyOneShard) {
  for (std::size_t n = 1; n <= 5; ++n)
    for (std::size_t ordinal = 0; ordinal < 23; ++ordinal) {
      int holders = 0;
      for (std::size_t k = 0; k < n; ++k) holders += Shard{k, n}.holds(ordinal);
      EXPECT_EQ(holders, 1) << "ordinal " << ordinal << " of " << n << " shards";
    }
}

TEST(Shard, ShareOfARangeCountsTheOrdinalsItHolds) {
  for (std::size_t n = 1; n <= 4; ++n)
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t first = 0; first < 9; ++first)
        for (std::size_t length = 0; length < 9; ++length) {
          std::size_t held = 0;
          for (std::size_t i = first; i < first + length; ++i) held += Shard{k, n}.holds(i);
          EXPECT_EQ(Shard({k, n}).share_of(first, length), held)
              << "shard " << k + 1 << "/" << n << " of [" << first << ", " << first + length << ")";
        }
}

}  // namespace
}  // namespace modelcompare::run
