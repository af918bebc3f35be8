#include "catalog/catalog_entry.hpp"

namespace modelcompare::catalog {

std::string_view benchmark_key(Benchmark b) {
  switch (b) {
    case Benchmark::mmlu: return "mmlu";
    case Benchmark::gpqa: return "gpqa";
    case Benchmark::math: return "math";
    case Benchmark::humaneval: return "humaneval";
  }
  return "";
}

std::string_view benchmark_title(Benchmark b) {
  switch (b) {
    case Benchmark::mmlu: return "MMLU";
    case Benchmark::gpqa: return "GPQA";
    case Benchmark::math: return "MATH";
    case Benchmark::humaneval: return "HumanEval";
  }
  return "";
}

std::optional<double> BenchmarkScores::score(Benchmark b) const {
  switch (b) {
    case Benchmark::mmlu: return mmlu;
    case Benchmark::gpqa: return gpqa;
    case Benchmark::math: return math;
    case Benchmark::humaneval: return humaneval;
  }
  return std::nullopt;
}

std::optional<double> CatalogEntry::accuracy() const {
  double sum = 0;
  for (Benchmark b : kAccuracyBenchmarks) {
    const auto s = benchmarks.score(b);
    if (!s) return std::nullopt;
    sum += *s;
  }
  return sum / static_cast<double>(kAccuracyBenchmarks.size());
}

std::optional<double> CatalogEntry::portal_cost() const {
  if (!prices.input_per_1m || !prices.output_per_1m) return std::nullopt;
  return portal_estimated_cost(*prices.input_per_1m, *prices.output_per_1m);
}

std::optional<TokenPrices> CatalogEntry::token_prices() const {
  if (!prices.input_per_1m || !prices.output_per_1m) return std::nullopt;
  return TokenPrices{*prices.input_per_1m, prices.cached_input_per_1m, *prices.output_per_1m};
}

}  // namespace modelcompare::catalog
