// The azure-monitor metrics source: Azure Monitor's per-deployment series (tokens, requests) for
// a run's window, waiting (bounded) for Azure to ingest the run's last minutes.
#pragma once

#include <memory>
#include <string>

#include "metrics_response.hpp"
#include "modelcompare/sdk/host_services.hpp"
#include "modelcompare/sdk/metrics.hpp"
#include "monitor_options.hpp"

namespace modelcompare::azure_auth {
class TokenCache;
}

namespace modelcompare::azure_monitor {

class AzureMonitorSource final : public sdk::MetricsSource {
 public:
  // Throws sdk::PluginError naming the option at fault. Tokens come from the Entra ID credential
  // chain (client secret from the environment, managed identity, Azure CLI).
  explicit AzureMonitorSource(const sdk::PluginContext& context);
  ~AzureMonitorSource() override;

  // Polls until every interval of the query's window has data for every named deployment, or
  // ingestion_wait has passed (then returns what there is and logs what is missing). Throws
  // sdk::PluginError with one line for anything Azure refuses.
  boost::asio::awaitable<std::vector<sdk::MetricSeries>> fetch(
      const sdk::MetricsQuery& query) override;

  const MonitorOptions& options() const { return options_; }
  // "https://management.azure.com/.default", or the sovereign cloud's for another endpoint.
  const std::string& token_scope() const { return scope_; }

 private:
  // One request, with a fresh token on a 401 and waits on 429/529; throws sdk::PluginError.
  boost::asio::awaitable<MetricsAnswer> request(const std::string& url);
  [[noreturn]] void fail(const std::string& message) const;

  std::string prefix_;
  sdk::HostServices& host_;
  MonitorOptions options_;
  std::string scope_;
  std::unique_ptr<azure_auth::TokenCache> tokens_;
};

}  // namespace modelcompare::azure_monitor
