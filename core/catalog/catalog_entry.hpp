// One model version of the catalog (configs/catalog/<id>.json): who publishes it, what it reads,
// its list prices and its published benchmark scores, each with where the figure comes from.
// Unknown figures are empty optionals; the file's notes say why.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/token_prices.hpp"

namespace modelcompare::catalog {

// List prices, USD per 1M tokens.
struct PriceSheet {
  std::optional<double> input_per_1m;
  std::optional<double> cached_input_per_1m;
  std::optional<double> output_per_1m;
  std::vector<std::string> sources;  // URLs the figures were checked against
  std::string checked;               // YYYY-MM-DD
  std::string notes;
};

// The benchmarks accuracy is derived from: OpenAI simple-evals' zero-shot chain-of-thought MMLU,
// GPQA, MATH and HumanEval (pass@1), in percent.
enum class Benchmark { mmlu, gpqa, math, humaneval };
inline constexpr std::array<Benchmark, 4> kAccuracyBenchmarks = {
    Benchmark::mmlu, Benchmark::gpqa, Benchmark::math, Benchmark::humaneval};
std::string_view benchmark_key(Benchmark b);    // "mmlu", as in the file
std::string_view benchmark_title(Benchmark b);  // "MMLU", for people

struct BenchmarkScores {
  std::optional<double> mmlu, gpqa, math, humaneval;
  std::string source;
  std::string checked;  // YYYY-MM-DD
  std::string notes;

  std::optional<double> score(Benchmark b) const;
};

struct CatalogEntry {
  std::string id;       // "gpt-4o-2024-08-06"
  std::string model;    // "gpt-4o": the bare name is an alias of the newest version
  std::string version;  // "2024-08-06"
  std::string publisher;
  std::vector<std::string> input_modalities;  // "text", "image", ...
  PriceSheet prices;
  BenchmarkScores benchmarks;
  std::string notes;
  std::filesystem::path file;  // where it was read from

  // Mean of MMLU, GPQA, MATH and HumanEval in percent; empty unless all four are known, so
  // every accuracy in the catalog averages the same things.
  std::optional<double> accuracy() const;
  // (3 x input + output) / 4 USD per 1M tokens, the portal's estimate; empty without both prices.
  std::optional<double> portal_cost() const;
  // Prices for cost_usd(); empty unless input and output prices are known.
  std::optional<TokenPrices> token_prices() const;
};

}  // namespace modelcompare::catalog
