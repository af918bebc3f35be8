#include "telemetry/server_metrics_fetch.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_search_path.hpp"
#include "plugins/run_host_services.hpp"
#include "plugins/secret_redactor.hpp"

namespace modelcompare::telemetry {

std::vector<std::string> metrics_instance_names(const std::vector<config::MetricsConfig>& metrics) {
  std::vector<std::string> names;
  std::map<std::string, int> seen;
  for (const auto& entry : metrics) {
    const int n = ++seen[entry.plugin];
    names.push_back(n == 1 ? entry.plugin : entry.plugin + "-" + std::to_string(n));
  }
  return names;
}

std::vector<MetricsFetchResult> fetch_server_metrics(
    const MetricsPlan& plan, const MetricsWindow& window,
    const std::vector<std::filesystem::path>& plugin_dirs, const std::string& only) {
  std::vector<MetricsFetchResult> results;
  const auto names = metrics_instance_names(plan.metrics);
  std::vector<plugins::PluginRegistry::Wanted> wanted;
  for (const auto& entry : plan.metrics) wanted.push_back({sdk::PluginKind::metrics, entry.plugin});
  plugins::PluginRegistry registry;
  registry.scan_for(plugins::plugin_search_path(plugin_dirs), wanted);
  plugins::HostEnvironmentOptions host_options;
  host_options.dotenv_dir = plan.base_dir;
  plugins::HostEnvironment host(host_options);

  sdk::MetricsQuery query;
  query.start = window.start;
  query.end = window.end;
  query.deployments = window.deployments;

  for (std::size_t i = 0; i < plan.metrics.size(); ++i) {
    const auto& entry = plan.metrics[i];
    if (!only.empty() && only != names[i] && only != entry.plugin) continue;
    MetricsFetchResult result;
    result.instance = names[i];
    result.plugin = entry.plugin;
    try {
      if (!registry.find(sdk::PluginKind::metrics, entry.plugin))
        throw std::runtime_error(
            registry.unknown_plugin_message(sdk::PluginKind::metrics, entry.plugin));
      sdk::PluginContext context;
      context.instance_id = names[i];
      context.options = entry.options;
      context.base_dir = plan.base_dir;
      context.host = &host.services_for(names[i] == entry.plugin ? entry.plugin
                                                                 : entry.plugin + ":" + names[i]);
      const auto source = registry.make_metrics_source(entry.plugin, context);
      auto& io = host.io_context();
      auto task = source->fetch(query);
      auto future = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
      io.restart();
      io.run();
      SavedServerMetrics saved;
      saved.instance = names[i];
      saved.plugin = entry.plugin;
      saved.fetched_at = format_utc(std::chrono::system_clock::now());
      saved.window = window;
      saved.deployments = plan.deployments;
      saved.series = future.get();
      result.fetched = std::move(saved);
    } catch (const std::exception& e) {
      result.error = plugins::global_redactor().redact(e.what());
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace modelcompare::telemetry
