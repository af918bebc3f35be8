// The prices a run charges its cases at: per provider, the config's `price` over the catalog
// entry its `catalog` names. Fixed when the run starts (run.db info "prices"), so a report rebuilt
// later prices the same way even after the catalog changed.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog/model_catalog.hpp"
#include "catalog/token_prices.hpp"
#include "config/config.hpp"
#include "store/case_record.hpp"

namespace modelcompare::report {

struct ProviderPrice {
  catalog::TokenPrices prices;
  std::string source;  // e.g. "catalog gpt-4o-2024-08-06, checked 2026-11-28" or "config"
};

using RunPrices = std::map<std::string, ProviderPrice>;  // by provider id

// A provider without a catalog entry or a full price is left out (its cost stays unknown).
// Throws catalog::UnknownModelError for a `catalog` the catalog does not know; `catalog` may be
// null when no provider names one.
RunPrices run_prices(const config::Config& config, const catalog::ModelCatalog* catalog);

nlohmann::json to_json(const RunPrices& prices);
// The stored form back; anything malformed is left out rather than guessed.
RunPrices run_prices_from_json(const nlohmann::json& stored);

// Sets cost_usd on every case that has usage and no cost yet.
void price_cases(std::vector<store::CaseRecord>& cases, const RunPrices& prices);
void price_case(store::CaseRecord& record, const RunPrices& prices);

}  // namespace modelcompare::report
