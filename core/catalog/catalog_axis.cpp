#include "catalog/catalog_axis.hpp"

#include <stdexcept>

#include "config/close_match.hpp"

namespace modelcompare::catalog {

const std::vector<CatalogAxis>& catalog_axes() {
  static const std::vector<CatalogAxis> axes = {
      {"accuracy", "Accuracy (mean of MMLU, GPQA, MATH, HumanEval; %)",
       [](const CatalogEntry& e) { return e.accuracy(); }},
      {"cost", "Estimated cost (USD per 1M tokens, 3:1 input:output)",
       [](const CatalogEntry& e) { return e.portal_cost(); }},
      {"input-price", "Input price (USD per 1M tokens)",
       [](const CatalogEntry& e) { return e.prices.input_per_1m; }},
      {"output-price", "Output price (USD per 1M tokens)",
       [](const CatalogEntry& e) { return e.prices.output_per_1m; }},
      {"mmlu", "MMLU (%)", [](const CatalogEntry& e) { return e.benchmarks.mmlu; }},
      {"gpqa", "GPQA (%)", [](const CatalogEntry& e) { return e.benchmarks.gpqa; }},
      {"math", "MATH (%)", [](const CatalogEntry& e) { return e.benchmarks.math; }},
      {"humaneval", "HumanEval pass@1 (%)",
       [](const CatalogEntry& e) { return e.benchmarks.humaneval; }},
  };
  return axes;
}

const CatalogAxis& catalog_axis(std::string_view key) {
  std::vector<std::string> keys;
  for (const auto& axis : catalog_axes()) {
    if (axis.key == key) return axis;
    keys.push_back(axis.key);
  }
  std::string message = "unknown axis \"" + std::string(key) + "\"";
  if (auto guess = config::close_match(key, keys)) message += " (did you mean \"" + *guess + "\"?)";
  std::string list;
  for (const auto& k : keys) list += (list.empty() ? "" : ", ") + k;
  throw std::invalid_argument(message + "; expected one of " + list);
}

}  // namespace modelcompare::catalog
