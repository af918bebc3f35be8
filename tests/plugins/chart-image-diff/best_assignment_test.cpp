#include "best_assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

namespace modelcompare::chart_image_diff {
namespace {

double total(const std::vector<std::vector<double>>& cost, const std::vector<int>& assignment) {
  double sum = 0;
  for (std::size_t i = 0; i < assignment.size(); ++i) {
    if (assignment[i] >= 0) sum += cost[i][assignment[i]];
  }
  return sum;
}

TEST(BestAssignment, PrefersTheGlobalOptimumOverGreedy) {
  // Greedy takes row 0 → column 0 (cost 1) and must then pay 10; the optimum pays 2 + 2.
  const std::vector<std::vector<double>> cost{{1, 2}, {2, 10}};
  EXPECT_EQ(best_assignment(cost), (std::vector<int>{1, 0}));
}

TEST(BestAssignment, MatchesBruteForceOnRandomMatrices) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> value(0, 1);
  for (int trial = 0; trial < 50; ++trial) {
    const int rows = 1 + trial % 5, columns = 1 + (trial / 5) % 5;
    std::vector<std::vector<double>> cost(rows, std::vector<double>(columns));
    for (auto& row : cost) {
      for (auto& c : row) c = value(random);
    }
    // Brute force over column permutations.
    std::vector<int> columns_order(std::max(rows, columns));
    std::iota(columns_order.begin(), columns_order.end(), 0);
    double best = 1e9;
    do {
      double sum = 0;
      for (int i = 0; i < rows; ++i) {
        if (columns_order[i] < columns) sum += cost[i][columns_order[i]];
      }
      best = std::min(best, sum);
    } while (std::next_permutation(columns_order.begin(), columns_order.end()));
    const auto assignment = best_assignment(cost);
    EXPECT_NEAR(total(cost, assignment), best, 1e-9) << rows << "x" << columns;
    EXPECT_EQ(std::count(assignment.begin(), assignment.end(), -1), std::max(0, rows - columns));
  }
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
