// List prices of one model in USD per 1M tokens, and what a request's usage costs at them.
#pragma once

#include <optional>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::catalog {

struct TokenPrices {
  double input = 0;                    // USD per 1M prompt tokens not served from the cache
  std::optional<double> cached_input;  // USD per 1M cached prompt tokens; absent: billed as input
  double output = 0;                   // USD per 1M completion tokens (reasoning tokens included)

  double cached_input_rate() const { return cached_input.value_or(input); }
};

// USD for one request: usage.cached_prompt_tokens at the cached rate, the rest of prompt_tokens at
// the input rate, completion_tokens at the output rate. Cached tokens are clamped to
// [0, prompt_tokens] and negative counts count as 0, so a provider's odd usage never makes a
// negative or inflated cost.
double cost_usd(const TokenPrices& prices, const sdk::Usage& usage);

// The Azure AI Foundry portal's "estimated cost": input and output blended 3:1, USD per 1M tokens.
double portal_estimated_cost(double input_per_1m, double output_per_1m);

}  // namespace modelcompare::catalog
