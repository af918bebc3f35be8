// A HostServices for plugin tests: a real io_context, log lines kept in memory, secrets from a map,
// a temporary scratch folder. HTTP and sandbox are whatever the test plugs in.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "modelcompare/sdk.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {

class TestHost : public sdk::HostServices {
 public:
  TestHost();
  ~TestHost() override;

  sdk::Logger& logger() override;
  boost::asio::io_context& io_context() override { return io_; }
  sdk::HttpClient& http() override;
  sdk::Sandbox& sandbox() override;
  std::optional<std::string> secret(std::string_view name) override;
  void register_secret(std::string_view value) override;
  std::filesystem::path scratch_dir() override { return scratch_.path(); }

  void set_http(sdk::HttpClient* http) { http_ = http; }
  void set_sandbox(sdk::Sandbox* sandbox) { sandbox_ = sandbox; }
  void set_secret(const std::string& name, const std::string& value) { secrets_[name] = value; }

  // Every line logged so far, "level: message".
  std::vector<std::string> log_lines() const;
  std::vector<std::string> registered_secrets() const;

 private:
  class MemoryLogger;
  boost::asio::io_context io_;
  std::unique_ptr<MemoryLogger> logger_;
  sdk::HttpClient* http_ = nullptr;
  sdk::Sandbox* sandbox_ = nullptr;
  std::map<std::string, std::string> secrets_;
  std::vector<std::string> registered_;
  mutable std::mutex mutex_;
  TempDir scratch_;
};

}  // namespace modelcompare::testing
