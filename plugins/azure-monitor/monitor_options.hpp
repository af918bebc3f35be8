// The azure-monitor plugin's options, read and validated from the config's "options" object.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace modelcompare::azure_monitor {

struct MonitorOptions {
  // "/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.CognitiveServices/accounts/{name}"
  std::string resource_id;
  std::vector<std::string> metrics{"TokenTransaction", "ProcessedPromptTokens", "GeneratedTokens",
                                   "AzureOpenAIRequests"};
  std::string api_version = "2023-10-01";
  std::string endpoint = "https://management.azure.com";  // without a trailing slash
  std::string interval = "PT1M";                          // ISO 8601, one of Azure's time grains
  std::chrono::seconds interval_length{60};
  std::string aggregation = "Total";  // Total, Average, Count, Maximum or Minimum
  std::chrono::milliseconds ingestion_wait{300'000};
  std::chrono::milliseconds poll_interval{30'000};
};

// "metrics source 'ID' (azure-monitor): ", or "azure-monitor: " without an id: how every message
// of this plugin starts.
std::string message_prefix(const std::string& instance_id);

// Throws sdk::PluginError naming `instance_id`, the option and the value at fault.
MonitorOptions parse_monitor_options(const std::string& instance_id, const nlohmann::json& options);

}  // namespace modelcompare::azure_monitor
