#include "catalog/token_prices.hpp"

#include <gtest/gtest.h>

namespace modelcompare::catalog {
namespace {

sdk::Usage usage(std::int64_t prompt, std::int64_t completion,
                 std::optional<std::int64_t> cached = std::nullopt) {
  sdk::Usage u;
  u.prompt_tokens = prompt;
  u.completion_tokens = completion;
  u.total_tokens = prompt + completion;
  u.cached_prompt_tokens = cached;
  return u;
}

TEST(TokenPrices, CostWithoutCachedTokensIsInputPlusOutput) {
  const TokenPrices gpt4o{2.5, 1.25, 10.0};
  // 1000 prompt tokens at $2.50/1M + 500 completion tokens at $10/1M = 0.0025 + 0.005.
  EXPECT_DOUBLE_EQ(cost_usd(gpt4o, usage(1000, 500)), 0.0075);
  EXPECT_DOUBLE_EQ(cost_usd(gpt4o, usage(1000, 500, 0)), 0.0075);
}

TEST(TokenPrices, CachedPromptTokensArePricedAtTheCachedRate) {
  const TokenPrices gpt4o{2.5, 1.25, 10.0};
  // 2006 prompt tokens of which 1920 cached (OpenAI's own example), 300 completion tokens.
  const double expected = (86 * 2.5 + 1920 * 1.25 + 300 * 10.0) / 1e6;
  EXPECT_DOUBLE_EQ(cost_usd(gpt4o, usage(2006, 300, 1920)), expected);
  EXPECT_LT(cost_usd(gpt4o, usage(2006, 300, 1920)), cost_usd(gpt4o, usage(2006, 300)));
}

TEST(TokenPrices, WithoutACachedPriceCachedTokensCostTheInputRate) {
  const TokenPrices turbo{10.0, std::nullopt, 30.0};
  EXPECT_DOUBLE_EQ(turbo.cached_input_rate(), 10.0);
  EXPECT_DOUBLE_EQ(cost_usd(turbo, usage(1000, 100, 800)), cost_usd(turbo, usage(1000, 100)));
  EXPECT_DOUBLE_EQ(cost_usd(turbo, usage(1000, 100)), (1000 * 10.0 + 100 * 30.0) / 1e6);
}

TEST(TokenPrices, OddUsageNeverMakesANegativeOrInflatedCost) {
  const TokenPrices mini{0.15, 0.075, 0.6};
  // More cached than prompt tokens: all prompt tokens count as cached, none twice.
  EXPECT_DOUBLE_EQ(cost_usd(mini, usage(100, 0, 500)), 100 * 0.075 / 1e6);
  EXPECT_DOUBLE_EQ(cost_usd(mini, usage(-5, -7, -3)), 0.0);
  EXPECT_DOUBLE_EQ(cost_usd(mini, usage(0, 0)), 0.0);
}

TEST(TokenPrices, PortalEstimateBlendsInputAndOutputThreeToOne) {
  EXPECT_DOUBLE_EQ(portal_estimated_cost(10, 30), 15.0);
  EXPECT_DOUBLE_EQ(portal_estimated_cost(2.5, 10), 4.375);
  EXPECT_DOUBLE_EQ(portal_estimated_cost(0.15, 0.6), 0.2625);
}

}  // namespace
}  // namespace modelcompare::catalog
