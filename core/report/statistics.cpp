#include "report/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

namespace modelcompare::report {

std::optional<double> percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
  const auto below = static_cast<std::size_t>(rank);
  const auto above = std::min(below + 1, values.size() - 1);
  return values[below] + (values[above] - values[below]) * (rank - double(below));
}

namespace {

// Up to this many distinct values, a resample draws one binomial per value instead of n picks.
constexpr std::size_t kMaxCountedValues = 16;

// Each value with how often it occurs; empty when there are more than kMaxCountedValues.
std::vector<std::pair<double, std::size_t>> value_counts(const std::vector<double>& values) {
  std::map<double, std::size_t> counts;
  for (const double v : values) {
    ++counts[v];
    if (counts.size() > kMaxCountedValues) return {};
  }
  return {counts.begin(), counts.end()};
}

}  // namespace

std::optional<MeanInterval> mean_with_interval(const std::vector<double>& values, int resamples,
                                               std::uint64_t seed) {
  if (values.empty()) return std::nullopt;
  MeanInterval out;
  out.n = values.size();
  out.mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
  std::mt19937_64 random(seed);
  std::vector<double> means(static_cast<std::size_t>(resamples));
  if (const auto counts = value_counts(values); !counts.empty()) {
    // A multinomial draw of the counts: each value's count is binomial over the picks left, with
    // its share of the values not yet drawn for.
    for (auto& mean : means) {
      std::size_t picks_left = values.size(), values_left = values.size();
      double sum = 0;
      for (std::size_t j = 0; j < counts.size(); ++j) {
        const auto& [value, count] = counts[j];
        std::size_t picked = picks_left;
        if (j + 1 < counts.size() && picks_left > 0) {
          const double share = double(count) / double(values_left);
          picked = std::binomial_distribution<std::size_t>(picks_left, share)(random);
        }
        sum += double(picked) * value;
        picks_left -= picked;
        values_left -= count;
      }
      mean = sum / double(values.size());
    }
  } else {
    std::uniform_int_distribution<std::size_t> pick(0, values.size() - 1);
    for (auto& mean : means) {
      double sum = 0;
      for (std::size_t i = 0; i < values.size(); ++i) sum += values[pick(random)];
      mean = sum / double(values.size());
    }
  }
  out.low = *percentile(means, 2.5);
  out.high = *percentile(means, 97.5);
  return out;
}

std::optional<RateInterval> wilson_interval(std::size_t passed, std::size_t n, double z) {
  if (n == 0 || passed > n) return std::nullopt;
  const double count = double(n);
  const double p = double(passed) / count;
  const double z2 = z * z;
  const double center = (p + z2 / (2 * count)) / (1 + z2 / count);
  const double half =
      z * std::sqrt(p * (1 - p) / count + z2 / (4 * count * count)) / (1 + z2 / count);
  return RateInterval{passed, n, p, std::max(0.0, center - half), std::min(1.0, center + half)};
}

std::optional<MeanInterval> paired_difference(const std::vector<double>& a,
                                              const std::vector<double>& b, int resamples,
                                              std::uint64_t seed) {
  if (a.empty() || a.size() != b.size()) return std::nullopt;
  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) differences[i] = a[i] - b[i];
  // Resampling the differences is resampling the pairs: each pair stays together.
  return mean_with_interval(differences, resamples, seed);
}

}  // namespace modelcompare::report
