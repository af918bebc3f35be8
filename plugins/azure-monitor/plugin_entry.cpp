// The azure-monitor plugin's one exported symbol.
#include "azure_monitor_source.hpp"

MODELCOMPARE_PLUGIN(metrics, modelcompare::azure_monitor::AzureMonitorSource, "azure-monitor",
                    "0.1.0", "Azure Monitor metrics (tokens, requests) per Azure OpenAI deployment")
