// The host's side of sdk::HostServices: one shared HostEnvironment (event loop, HTTP client,
// sandbox, variables, secrets) and a thin per-plugin view of it that names the plugin in its logs.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "modelcompare/sdk/host_services.hpp"
#include "modelcompare/sdk/provider.hpp"
#include "plugins/secret_redactor.hpp"

namespace modelcompare::plugins {

struct HostEnvironmentOptions {
  std::filesystem::path dotenv_dir;     // the config's folder: its .env is read for secrets
  std::filesystem::path scratch_root;   // plugins' scratch space; empty: a temporary folder
  std::filesystem::path extra_ca_file;  // MODELCOMPARE_CA_FILE, trusted besides the system CAs
};

class HostEnvironment {
 public:
  explicit HostEnvironment(const HostEnvironmentOptions& options);
  ~HostEnvironment();

  boost::asio::io_context& io_context() { return io_; }
  sdk::HttpClient& http();
  sdk::Sandbox& sandbox();
  std::optional<std::string> variable(std::string_view name) const;
  // Made on first use; a temporary one is removed with the environment.
  std::filesystem::path scratch_root();

  // A HostServices for one plugin instance; lives as long as the environment.
  sdk::HostServices& services_for(const std::string& plugin_name);

  // The run's providers by config id, lent to plugins through HostServices::provider() (an
  // evaluator's judge). Registered while the run is prepared, before the evaluators are made.
  void add_provider(const std::string& id, std::shared_ptr<sdk::Provider> provider);
  sdk::Provider* provider(std::string_view id);

 private:
  HostEnvironmentOptions options_;
  boost::asio::io_context io_;
  std::unique_ptr<sdk::HttpClient> http_;  // made on first use
  std::unique_ptr<sdk::Sandbox> sandbox_;
  std::map<std::string, std::string> dotenv_;
  std::map<std::string, std::unique_ptr<sdk::HostServices>> services_;
  std::map<std::string, std::shared_ptr<sdk::Provider>, std::less<>> providers_;
  std::mutex mutex_;
  bool remove_scratch_ = false;
};

}  // namespace modelcompare::plugins
