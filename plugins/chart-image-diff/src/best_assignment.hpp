// The best one-to-one assignment (Hungarian / Kuhn–Munkres) for a small cost matrix.
#pragma once

#include <vector>

namespace modelcompare::chart_image_diff {

// cost[i][j] for row i and column j; rows and columns may differ in number. Returns, per row, the
// column it is assigned to, or -1 when there are more rows than columns and the row is left out.
// The total cost of the assigned pairs is minimal.
std::vector<int> best_assignment(const std::vector<std::vector<double>>& cost);

}  // namespace modelcompare::chart_image_diff
