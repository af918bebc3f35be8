// The Compare view of the Azure AI Foundry portal as a chart: one labelled point per model, any
// two catalog figures on the axes (accuracy against estimated cost by default).
#pragma once

#include <vector>

#include "catalog/catalog_axis.hpp"
#include "catalog/catalog_entry.hpp"
#include "charts/chart_spec.hpp"

namespace modelcompare::catalog {

// Throws std::invalid_argument naming the first model without a figure for an axis.
charts::ChartSpec compare_chart(const std::vector<const CatalogEntry*>& models,
                                const CatalogAxis& x, const CatalogAxis& y);

}  // namespace modelcompare::catalog
