// Provider `mock`: a deterministic offline model. It answers from a responses file (or a
// template), counts tokens by a documented rule, takes simulated time on the host's event loop,
// and fails on purpose at configured rates, the same way for the same seed and case every run.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "mock/failure_injection.hpp"
#include "mock/mock_options.hpp"
#include "mock/response_book.hpp"
#include "modelcompare/sdk/chat.hpp"
#include "modelcompare/sdk/host_services.hpp"
#include "modelcompare/sdk/provider.hpp"

namespace modelcompare::mock {

// What the mock will do for one request, decided before any time passes (so tests can check it
// without waiting).
struct MockPlan {
  std::string content;
  std::string finish_reason;
  sdk::Usage usage;
  std::string source;  // which entry or template the answer came from
  InjectedFailure failure = InjectedFailure::none;
  std::chrono::milliseconds ttft{0};
  std::chrono::milliseconds latency{0};  // until the whole answer (or the failure) arrives
};

class MockProvider final : public sdk::Provider {
 public:
  // Throws PluginError naming the option at fault or the responses file entry.
  explicit MockProvider(const sdk::PluginContext& context);

  boost::asio::awaitable<sdk::ChatResult> complete(const sdk::ChatRequest& request) override;
  int max_in_flight() const override { return options_.max_in_flight; }
  std::string deployment() const override { return options_.deployment; }

  // The plan for a request; nullopt with `problem` set when the request itself is invalid (as a
  // real server would answer 400).
  std::optional<MockPlan> plan(const sdk::ChatRequest& request, std::string& problem) const;

 private:
  std::string answer_template(const sdk::ChatRequest& request, std::string& source) const;

  std::string id_;
  MockOptions options_;
  std::optional<ResponseBook> book_;
  sdk::HostServices* host_ = nullptr;
};

}  // namespace modelcompare::mock
