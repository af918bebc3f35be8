#include "telemetry/deployment_names.hpp"

namespace modelcompare::telemetry {

std::string deployment_name(const config::ProviderConfig& provider) {
  const auto it = provider.options.find("deployment");
  if (it != provider.options.end() && it->is_string() && !it->get<std::string>().empty())
    return it->get<std::string>();
  return provider.id;
}

std::map<std::string, std::string> deployment_names(
    const std::vector<config::ProviderConfig>& providers) {
  std::map<std::string, std::string> names;
  for (const auto& provider : providers) names[provider.id] = deployment_name(provider);
  return names;
}

std::function<std::string(const std::string& provider)> deployment_lookup(
    std::map<std::string, std::string> deployments) {
  return [deployments = std::move(deployments)](const std::string& provider) {
    const auto it = deployments.find(provider);
    return it != deployments.end() ? it->second : provider;
  };
}

}  // namespace modelcompare::telemetry
