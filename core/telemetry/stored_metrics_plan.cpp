#include "telemetry/stored_metrics_plan.hpp"

#include <cstdlib>
#include <stdexcept>

#include "config/config_loader.hpp"
#include "config/dotenv.hpp"
#include "config/env_expander.hpp"
#include "plugins/secret_redactor.hpp"
#include "telemetry/deployment_names.hpp"

namespace modelcompare::telemetry {

MetricsPlan metrics_plan(const config::Config& config) {
  return {config.metrics, deployment_names(config.providers), config.base_dir};
}

MetricsPlan stored_metrics_plan(const store::RunStore& store, bool with_metrics) {
  const std::string where = store.path().string();
  const auto text = store.info("config");
  if (!text) throw std::runtime_error(where + ": holds no config (info 'config' is missing)");
  nlohmann::json raw;
  try {
    raw = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(where + ": the stored config is not JSON (" + e.what() + ")");
  }
  MetricsPlan plan;
  const std::filesystem::path config_path = store.info("config_path").value_or("");
  plan.base_dir = config_path.parent_path();
  std::map<std::string, std::string> dotenv;
  if (!plan.base_dir.empty()) {
    try {
      dotenv = config::read_dotenv(plan.base_dir / ".env");
    } catch (const std::exception&) {
      // A .env that no longer parses only matters if a variable is missing; said below.
    }
  }
  const config::EnvExpander expander([&](const std::string& name) -> std::optional<std::string> {
    if (const char* value = std::getenv(name.c_str())) return std::string(value);
    if (auto it = dotenv.find(name); it != dotenv.end()) return it->second;
    return std::nullopt;
  });
  const auto fail = [&](const std::string& pointer, const std::string& message) {
    throw std::runtime_error(where + ": stored config (" + config_path.string() + ") " + pointer +
                             ": " + message);
  };
  const auto note_secret = [](const std::string& name, const std::string& value) {
    if (config::looks_secret(name)) plugins::global_redactor().add(value);
  };

  if (with_metrics && raw.contains("metrics") && raw["metrics"].is_array()) {
    const auto metrics = expander.expand(
        raw["metrics"],
        [&](const std::string& pointer, const std::string& message) {
          fail("/metrics" + pointer, message);
        },
        note_secret);
    for (std::size_t i = 0; i < metrics.size(); ++i) {
      const auto& entry = metrics[i];
      if (!entry.is_object() || !entry.contains("plugin") || !entry["plugin"].is_string())
        fail("/metrics/" + std::to_string(i) + "/plugin", "missing");
      config::MetricsConfig metric;
      metric.plugin = entry["plugin"].get<std::string>();
      if (entry.contains("options") && entry["options"].is_object())
        metric.options = entry["options"];
      plan.metrics.push_back(std::move(metric));
    }
  }
  if (raw.contains("providers") && raw["providers"].is_array())
    for (const auto& provider : raw["providers"]) {
      if (!provider.is_object() || !provider.contains("id") || !provider["id"].is_string())
        continue;
      config::ProviderConfig p;
      p.id = provider["id"].get<std::string>();
      if (provider.contains("options") && provider["options"].contains("deployment")) {
        // A deployment named by an unset variable falls back to the provider id.
        std::string error;
        const auto& value = provider["options"]["deployment"];
        if (value.is_string()) {
          const auto expanded =
              expander.expand_string(value.get<std::string>(), error, note_secret);
          if (error.empty()) p.options["deployment"] = expanded;
        }
      }
      plan.deployments[p.id] = deployment_name(p);
    }
  return plan;
}

}  // namespace modelcompare::telemetry
