// Which deployment each provider sends to: the name a metrics source (Azure Monitor's
// ModelDeploymentName) files its usage under.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace modelcompare::telemetry {

// The provider's `deployment` option when it is a non-empty string (azure-openai, mock), else
// its id.
std::string deployment_name(const config::ProviderConfig& provider);

// provider id -> deployment, for every provider of the config.
std::map<std::string, std::string> deployment_names(
    const std::vector<config::ProviderConfig>& providers);

// The deployment a provider sent to: `deployments`' entry, else the provider id. The function
// keeps its own copy of the map.
std::function<std::string(const std::string& provider)> deployment_lookup(
    std::map<std::string, std::string> deployments);

}  // namespace modelcompare::telemetry
