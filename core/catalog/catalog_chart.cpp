#include "catalog/catalog_chart.hpp"

#include <algorithm>
#include <stdexcept>

namespace modelcompare::catalog {
namespace {

double figure(const CatalogEntry& model, const CatalogAxis& axis) {
  if (auto value = axis.value(model)) return *value;
  throw std::invalid_argument(model.id + " has no " + axis.key +
                              " figure in the catalog (see `modelcompare catalog show " + model.id +
                              "` for why)");
}

// Room around the points so labels written beside them stay inside the plot.
void pad(const std::vector<double>& values, double left_share, double right_share,
         std::optional<double>& low, std::optional<double>& high) {
  const auto [min, max] = std::minmax_element(values.begin(), values.end());
  const double span = *max - *min > 0 ? *max - *min : std::max(1.0, *max * 0.2);
  low = *min - span * left_share;
  high = *max + span * right_share;
  if (*min >= 0 && *low < 0) low = 0.0;
}

}  // namespace

charts::ChartSpec compare_chart(const std::vector<const CatalogEntry*>& models,
                                const CatalogAxis& x, const CatalogAxis& y) {
  if (models.empty()) throw std::invalid_argument("compare needs at least one model");
  charts::ChartSpec spec;
  spec.title = "Model catalog: " + y.key + " vs " + x.key;
  spec.x_label = x.label;
  spec.y_label = y.label;
  std::vector<double> xs, ys;
  for (const auto* model : models) {
    charts::ChartSeries series;
    series.title = model->id;
    series.style = charts::SeriesStyle::points;
    series.points.push_back({figure(*model, x), figure(*model, y), {}, {}, model->id});
    xs.push_back(series.points.back().x);
    ys.push_back(series.points.back().y);
    spec.series.push_back(std::move(series));
  }
  // Labels go to the right of their point: more room on the right than on the left.
  pad(xs, 0.08, 0.45, spec.x_min, spec.x_max);
  pad(ys, 0.12, 0.12, spec.y_min, spec.y_max);
  return spec;
}

}  // namespace modelcompare::catalog
