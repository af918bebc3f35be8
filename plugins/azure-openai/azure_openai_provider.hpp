// The azure-openai provider: chat completions on Azure OpenAI (classic or v1 API), the Azure AI
// model-inference API, or any OpenAI-compatible server.
#pragma once

#include <memory>
#include <string>

#include "modelcompare/sdk/provider.hpp"
#include "provider_options.hpp"
#include "rate_limiter.hpp"
#include "retry_delay.hpp"

namespace modelcompare::azure_auth {
class TokenCache;
}

namespace modelcompare::azure_openai {

class AzureOpenAiProvider final : public sdk::Provider {
 public:
  // Throws sdk::PluginError naming the option at fault.
  explicit AzureOpenAiProvider(const sdk::PluginContext& context);
  // For tests: Entra tokens from `tokens` instead of the default credential chain.
  AzureOpenAiProvider(const sdk::PluginContext& context,
                      std::unique_ptr<azure_auth::TokenCache> tokens);
  ~AzureOpenAiProvider() override;

  boost::asio::awaitable<sdk::ChatResult> complete(const sdk::ChatRequest& request) override;
  int max_in_flight() const override { return options_.max_in_flight; }
  std::string deployment() const override { return options_.deployment; }

  const ProviderOptions& options() const { return options_; }
  const RateLimiter& rate_limiter() const { return limiter_; }

 private:
  struct Attempt;
  boost::asio::awaitable<Attempt> attempt(const std::string& client_request_id,
                                          const std::string& url, const std::string& body,
                                          const std::string& token);

  std::string id_;
  sdk::HostServices& host_;
  ProviderOptions options_;
  RateLimiter limiter_;
  Backoff backoff_;
  std::unique_ptr<azure_auth::TokenCache> tokens_;
};

}  // namespace modelcompare::azure_openai
