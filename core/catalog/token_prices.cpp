#include "catalog/token_prices.hpp"

#include <algorithm>
#include <cstdint>

namespace modelcompare::catalog {

double cost_usd(const TokenPrices& prices, const sdk::Usage& usage) {
  const std::int64_t prompt = std::max<std::int64_t>(usage.prompt_tokens, 0);
  const std::int64_t cached =
      std::clamp<std::int64_t>(usage.cached_prompt_tokens.value_or(0), 0, prompt);
  const std::int64_t completion = std::max<std::int64_t>(usage.completion_tokens, 0);
  const double per_million = static_cast<double>(prompt - cached) * prices.input +
                             static_cast<double>(cached) * prices.cached_input_rate() +
                             static_cast<double>(completion) * prices.output;
  return per_million / 1'000'000.0;
}

double portal_estimated_cost(double input_per_1m, double output_per_1m) {
  return (3.0 * input_per_1m + output_per_1m) / 4.0;
}

}  // namespace modelcompare::catalog
