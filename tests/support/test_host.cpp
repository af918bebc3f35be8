#include "support/test_host.hpp"

#include <stdexcept>

namespace modelcompare::testing {

class TestHost::MemoryLogger : public sdk::Logger {
 public:
  void log(sdk::LogLevel level, std::string_view message) override {
    static constexpr const char* names[] = {"trace", "debug", "info", "warn", "error"};
    std::lock_guard lock(mutex_);
    lines_.push_back(std::string(names[static_cast<int>(level)]) + ": " + std::string(message));
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

TestHost::TestHost() : logger_(std::make_unique<MemoryLogger>()), scratch_("test-host") {}
TestHost::~TestHost() = default;

sdk::Logger& TestHost::logger() {
  return *logger_;
}

sdk::HttpClient& TestHost::http() {
  if (!http_) throw std::logic_error("this test did not give the TestHost an HTTP client");
  return *http_;
}

sdk::Sandbox& TestHost::sandbox() {
  if (!sandbox_) throw std::logic_error("this test did not give the TestHost a sandbox");
  return *sandbox_;
}

std::optional<std::string> TestHost::secret(std::string_view name) {
  std::lock_guard lock(mutex_);
  auto it = secrets_.find(std::string(name));
  if (it == secrets_.end()) return std::nullopt;
  registered_.push_back(it->second);
  return it->second;
}

void TestHost::register_secret(std::string_view value) {
  std::lock_guard lock(mutex_);
  registered_.emplace_back(value);
}

std::vector<std::string> TestHost::log_lines() const {
  return logger_->lines();
}

std::vector<std::string> TestHost::registered_secrets() const {
  std::lock_guard lock(mutex_);
  return registered_;
}

}  // namespace modelcompare::testing
