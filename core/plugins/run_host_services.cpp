#include "plugins/run_host_services.hpp"

#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <cstdlib>
#include <stdexcept>

#include "config/dotenv.hpp"
#include "http/http_client.hpp"
#include "sandbox/process_sandbox.hpp"

namespace modelcompare::plugins {
namespace {

class PluginLogger : public sdk::Logger {
 public:
  explicit PluginLogger(std::string name) : prefix_("[" + std::move(name) + "] ") {}
  void log(sdk::LogLevel level, std::string_view message) override {
    static constexpr spdlog::level::level_enum levels[] = {
        spdlog::level::trace, spdlog::level::debug, spdlog::level::info, spdlog::level::warn,
        spdlog::level::err};
    spdlog::log(levels[static_cast<int>(level)], "{}{}", prefix_, message);
  }

 private:
  std::string prefix_;
};

class PluginHostServices : public sdk::HostServices {
 public:
  PluginHostServices(HostEnvironment& environment, std::string name)
      : environment_(environment), name_(name), logger_(std::move(name)) {}

  sdk::Logger& logger() override { return logger_; }
  boost::asio::io_context& io_context() override { return environment_.io_context(); }
  sdk::HttpClient& http() override { return environment_.http(); }
  sdk::Sandbox& sandbox() override { return environment_.sandbox(); }
  std::optional<std::string> secret(std::string_view name) override {
    auto value = environment_.variable(name);
    if (value) global_redactor().add(*value);
    return value;
  }
  void register_secret(std::string_view value) override { global_redactor().add(value); }
  sdk::Provider* provider(std::string_view id) override { return environment_.provider(id); }
  std::filesystem::path scratch_dir() override {
    auto dir = environment_.scratch_root() / name_;
    std::filesystem::create_directories(dir);
    return dir;
  }

 private:
  HostEnvironment& environment_;
  std::string name_;
  PluginLogger logger_;
};

}  // namespace

HostEnvironment::HostEnvironment(const HostEnvironmentOptions& options) : options_(options) {
  if (!options_.dotenv_dir.empty()) dotenv_ = config::read_dotenv(options_.dotenv_dir / ".env");
  if (options_.extra_ca_file.empty())
    if (const char* ca = std::getenv("MODELCOMPARE_CA_FILE")) options_.extra_ca_file = ca;
}

HostEnvironment::~HostEnvironment() {
  if (remove_scratch_) {
    std::error_code ignored;
    std::filesystem::remove_all(options_.scratch_root, ignored);
  }
}

std::filesystem::path HostEnvironment::scratch_root() {
  std::lock_guard lock(mutex_);
  if (options_.scratch_root.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "modelcompare-scratch-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create " + pattern);
    options_.scratch_root = pattern;
    remove_scratch_ = true;
  }
  std::filesystem::create_directories(options_.scratch_root);
  return options_.scratch_root;
}

sdk::HttpClient& HostEnvironment::http() {
  std::lock_guard lock(mutex_);
  if (!http_) {
    http::HttpClientOptions http_options;
    http_options.extra_ca_file = options_.extra_ca_file;
    http_ = http::make_http_client(io_, http_options);
  }
  return *http_;
}

sdk::Sandbox& HostEnvironment::sandbox() {
  std::lock_guard lock(mutex_);
  if (!sandbox_) sandbox_ = sandbox::make_process_sandbox();
  return *sandbox_;
}

std::optional<std::string> HostEnvironment::variable(std::string_view name) const {
  const std::string key(name);
  if (const char* value = std::getenv(key.c_str()); value && *value) return std::string(value);
  if (auto it = dotenv_.find(key); it != dotenv_.end()) return it->second;
  return std::nullopt;
}

sdk::HostServices& HostEnvironment::services_for(const std::string& plugin_name) {
  std::lock_guard lock(mutex_);
  auto& slot = services_[plugin_name];
  if (!slot) slot = std::make_unique<PluginHostServices>(*this, plugin_name);
  return *slot;
}

void HostEnvironment::add_provider(const std::string& id, std::shared_ptr<sdk::Provider> provider) {
  std::lock_guard lock(mutex_);
  providers_[id] = std::move(provider);
}

sdk::Provider* HostEnvironment::provider(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = providers_.find(id);
  return it == providers_.end() ? nullptr : it->second.get();
}

}  // namespace modelcompare::plugins
