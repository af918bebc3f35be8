// The figures `catalog compare` can put on a chart axis: accuracy, the portal's estimated cost,
// input and output list prices, and each benchmark.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_entry.hpp"

namespace modelcompare::catalog {

struct CatalogAxis {
  std::string key;    // "accuracy", as typed after --x / --y
  std::string label;  // the axis title on a chart
  std::optional<double> (*value)(const CatalogEntry&) = nullptr;
};

// Every axis, in the order `--help` lists them.
const std::vector<CatalogAxis>& catalog_axes();

// Throws std::invalid_argument: "unknown axis "acuracy" (did you mean "accuracy"?); expected ...".
const CatalogAxis& catalog_axis(std::string_view key);

}  // namespace modelcompare::catalog
