#include "catalog/catalog_chart.hpp"

#include <gtest/gtest.h>

#include "catalog/catalog_axis.hpp"

namespace modelcompare::catalog {
namespace {

CatalogEntry model(const std::string& id, std::optional<double> input, double output,
                   std::optional<double> mmlu) {
  CatalogEntry e;
  e.id = id;
  e.prices.input_per_1m = input;
  e.prices.output_per_1m = output;
  e.benchmarks = {mmlu, 50, 70, 90, "https://example.com", "2026-11-28", ""};
  return e;
}

TEST(CatalogAxis, EveryAxisIsFoundByItsKey) {
  for (const char* key :
       {"accuracy", "cost", "input-price", "output-price", "mmlu", "gpqa", "math", "humaneval"})
    EXPECT_EQ(catalog_axis(key).key, key);
  const auto m = model("a", 10, 30, 80);
  EXPECT_DOUBLE_EQ(*catalog_axis("cost").value(m), 15.0);
  EXPECT_DOUBLE_EQ(*catalog_axis("accuracy").value(m), (80 + 50 + 70 + 90) / 4.0);
  EXPECT_DOUBLE_EQ(*catalog_axis("output-price").value(m), 30.0);
  EXPECT_DOUBLE_EQ(*catalog_axis("gpqa").value(m), 50.0);
}

TEST(CatalogAxis, UnknownAxisSaysWhatWasMeant) {
  try {
    catalog_axis("acuracy");
    FAIL() << "found an unknown axis";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "unknown axis \"acuracy\" (did you mean \"accuracy\"?); expected one "
                 "of accuracy, cost, input-price, output-price, mmlu, gpqa, math, "
                 "humaneval");
  }
}

TEST(CompareChart, OneLabelledPointPerModel) {
  const auto a = model("big", 10, 30, 86), b = model("small", 0.15, 0.6, 82);
  const auto spec = compare_chart({&a, &b}, catalog_axis("cost"), catalog_axis("accuracy"));
  ASSERT_EQ(spec.series.size(), 2u);
  EXPECT_EQ(spec.series[0].title, "big");
  ASSERT_EQ(spec.series[0].points.size(), 1u);
  EXPECT_EQ(spec.series[0].points[0].label, "big");
  EXPECT_DOUBLE_EQ(spec.series[0].points[0].x, 15.0);
  EXPECT_DOUBLE_EQ(spec.series[0].points[0].y, (86 + 50 + 70 + 90) / 4.0);
  EXPECT_EQ(spec.series[0].style, charts::SeriesStyle::points);
  EXPECT_EQ(spec.x_label, catalog_axis("cost").label);
  // Every point inside the ranges, with room for its label on the right.
  for (const auto& series : spec.series) {
    EXPECT_GE(series.points[0].x, *spec.x_min);
    EXPECT_LT(series.points[0].x, *spec.x_max);
    EXPECT_GT(series.points[0].y, *spec.y_min);
    EXPECT_LT(series.points[0].y, *spec.y_max);
  }
  EXPECT_GE(*spec.x_min, 0.0) << "prices do not go below zero";
}

TEST(CompareChart, AModelWithoutTheFigureIsNamed) {
  const auto a = model("known", 10, 30, 86), b = model("phi", std::nullopt, 1, 70);
  try {
    compare_chart({&a, &b}, catalog_axis("cost"), catalog_axis("accuracy"));
    FAIL() << "charted a model without a cost";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "phi has no cost figure in the catalog (see `modelcompare catalog show "
                 "phi` for why)");
  }
}

}  // namespace
}  // namespace modelcompare::catalog
