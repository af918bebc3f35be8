// The Azure CLI's signed-in account: `az account get-access-token --output json --scope S`.
#pragma once

#include <chrono>
#include <string>

#include "modelcompare/sdk/host_services.hpp"
#include "token_credential.hpp"

namespace modelcompare::azure_auth {

class AzureCliCredential final : public TokenCredential {
 public:
  AzureCliCredential(sdk::HostServices& host, std::string az_program,
                     std::chrono::milliseconds timeout);
  std::string name() const override { return "Azure CLI"; }
  boost::asio::awaitable<TokenOutcome> get_token(const std::string& scope) override;

 private:
  sdk::HostServices& host_;
  std::string az_program_;
  std::chrono::milliseconds timeout_;
};

}  // namespace modelcompare::azure_auth
