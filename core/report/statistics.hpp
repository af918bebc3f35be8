// The few statistics a summary needs: percentiles and a mean with a bootstrap 95 % interval.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace modelcompare::report {

// Linear interpolation between closest ranks (numpy's default); nothing for an empty sample.
std::optional<double> percentile(std::vector<double> values, double p);

struct MeanInterval {
  double mean = 0;
  double low = 0;   // 2.5th percentile of the bootstrap means
  double high = 0;  // 97.5th percentile
  std::size_t n = 0;
};

// Percentile bootstrap with a fixed seed, so the same data always gives the same interval.
std::optional<MeanInterval> mean_with_interval(const std::vector<double>& values,
                                               int resamples = 2000, std::uint64_t seed = 42);

}  // namespace modelcompare::report
