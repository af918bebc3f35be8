// The statistics a summary needs: percentiles, a mean with a bootstrap 95 % interval, a pass rate
// with a Wilson interval, and a paired difference with a paired-bootstrap interval.
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

// Percentile bootstrap with a fixed seed, so the same data always gives the same interval. Data
// of a few distinct values (scores of 0 and 1, pass or fail) is resampled by drawing how many
// times each value is picked (a multinomial, one binomial per value): the same distribution of
// resampled means as picking n values one by one, in time independent of n.
std::optional<MeanInterval> mean_with_interval(const std::vector<double>& values,
                                               int resamples = 2000, std::uint64_t seed = 42);

struct RateInterval {
  std::size_t passed = 0;
  std::size_t n = 0;
  double rate = 0;
  double low = 0;
  double high = 0;
};

// Wilson score interval (z = 1.96): unlike the normal approximation it stays inside [0, 1] and
// is honest for 0/n and n/n, which small runs often give.
std::optional<RateInterval> wilson_interval(std::size_t passed, std::size_t n, double z = 1.959964);

// Mean of a[i] - b[i] over paired observations (the same case answered by two models) with a
// seeded paired-bootstrap 95 % interval: cases are resampled, keeping each pair together.
// Nothing when the samples are empty or of different lengths.
std::optional<MeanInterval> paired_difference(const std::vector<double>& a,
                                              const std::vector<double>& b, int resamples = 2000,
                                              std::uint64_t seed = 42);

}  // namespace modelcompare::report
