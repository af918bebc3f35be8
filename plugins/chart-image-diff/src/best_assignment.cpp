#include "best_assignment.hpp"

#include <algorithm>
#include <limits>

namespace modelcompare::chart_image_diff {

std::vector<int> best_assignment(const std::vector<std::vector<double>>& cost) {
  const int rows = static_cast<int>(cost.size());
  const int columns = rows == 0 ? 0 : static_cast<int>(cost[0].size());
  if (rows == 0 || columns == 0) return std::vector<int>(rows, -1);
  // Square it with zero-cost dummies; the classic O(n³) potentials formulation (1-based).
  const int n = std::max(rows, columns);
  auto at = [&](int i, int j) { return i < rows && j < columns ? cost[i][j] : 0.0; };
  const double infinity = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(n + 1, 0);
  std::vector<int> match(n + 1, 0), way(n + 1, 0);
  for (int i = 1; i <= n; ++i) {
    match[0] = i;
    int j0 = 0;
    std::vector<double> min_value(n + 1, infinity);
    std::vector<bool> used(n + 1, false);
    do {
      used[j0] = true;
      const int i0 = match[j0];
      double delta = infinity;
      int j1 = 0;
      for (int j = 1; j <= n; ++j) {
        if (used[j]) continue;
        const double reduced = at(i0 - 1, j - 1) - u[i0] - v[j];
        if (reduced < min_value[j]) {
          min_value[j] = reduced;
          way[j] = j0;
        }
        if (min_value[j] < delta) {
          delta = min_value[j];
          j1 = j;
        }
      }
      for (int j = 0; j <= n; ++j) {
        if (used[j]) {
          u[match[j]] += delta;
          v[j] -= delta;
        } else {
          min_value[j] -= delta;
        }
      }
      j0 = j1;
    } while (match[j0] != 0);
    do {
      const int j1 = way[j0];
      match[j0] = match[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> assignment(rows, -1);
  for (int j = 1; j <= n; ++j) {
    const int i = match[j] - 1;
    if (i < rows && j - 1 < columns) assignment[i] = j - 1;
  }
  return assignment;
}

}  // namespace modelcompare::chart_image_diff
