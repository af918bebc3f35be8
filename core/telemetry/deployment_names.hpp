// Which deployment each provider sends to: the name a metrics source (Azure Monitor's
// ModelDeploymentName) files its usage under.
#pragma once

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

}  // namespace modelcompare::telemetry
