#include "report/run_prices.hpp"

namespace modelcompare::report {

RunPrices run_prices(const config::Config& config, const catalog::ModelCatalog* catalog) {
  RunPrices out;
  for (const auto& provider : config.providers) {
    const catalog::CatalogEntry* entry =
        provider.catalog.empty() || !catalog ? nullptr : &catalog->find(provider.catalog);
    std::optional<double> input, cached_input, output;
    std::string source;
    if (entry) {
      input = entry->prices.input_per_1m;
      cached_input = entry->prices.cached_input_per_1m;
      output = entry->prices.output_per_1m;
      source = "catalog " + entry->id +
               (entry->prices.checked.empty() ? "" : ", checked " + entry->prices.checked);
    }
    if (provider.price) {
      const auto& own = *provider.price;
      if (own.input) input = own.input;
      if (own.cached_input) cached_input = own.cached_input;
      if (own.output) output = own.output;
      source = entry ? "config over " + source : "config";
    }
    if (!input || !output) continue;
    out[provider.id] = {catalog::TokenPrices{*input, cached_input, *output}, source};
  }
  return out;
}

nlohmann::json to_json(const RunPrices& prices) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [id, price] : prices)
    out[id] = {
        {"input_per_1m", price.prices.input},
        {"cached_input_per_1m",
         price.prices.cached_input ? nlohmann::json(*price.prices.cached_input) : nlohmann::json()},
        {"output_per_1m", price.prices.output},
        {"source", price.source}};
  return out;
}

RunPrices run_prices_from_json(const nlohmann::json& stored) {
  RunPrices out;
  if (!stored.is_object()) return out;
  for (const auto& [id, price] : stored.items()) {
    if (!price.is_object() || !price.contains("input_per_1m") || !price.contains("output_per_1m") ||
        !price["input_per_1m"].is_number() || !price["output_per_1m"].is_number())
      continue;
    ProviderPrice entry;
    entry.prices.input = price["input_per_1m"].get<double>();
    entry.prices.output = price["output_per_1m"].get<double>();
    if (price.contains("cached_input_per_1m") && price["cached_input_per_1m"].is_number())
      entry.prices.cached_input = price["cached_input_per_1m"].get<double>();
    entry.source = price.value("source", std::string());
    out[id] = entry;
  }
  return out;
}

void price_case(store::CaseRecord& record, const RunPrices& prices) {
  if (record.cost_usd) return;
  const auto it = prices.find(record.key.provider);
  if (it == prices.end()) return;
  if (record.usage.prompt_tokens == 0 && record.usage.completion_tokens == 0 &&
      record.status != store::CaseStatus::ok)
    return;  // never sent, or failed before any usage: nothing to price
  record.cost_usd = catalog::cost_usd(it->second.prices, record.usage);
}

void price_cases(std::vector<store::CaseRecord>& cases, const RunPrices& prices) {
  for (auto& record : cases) price_case(record, prices);
}

}  // namespace modelcompare::report
