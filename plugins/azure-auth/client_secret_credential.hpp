// A service principal's client secret, exchanged at the Entra token endpoint
// (POST {authority}/{tenant}/oauth2/v2.0/token, grant_type=client_credentials).
#pragma once

#include "modelcompare/sdk/host_services.hpp"
#include "token_credential.hpp"

namespace modelcompare::azure_auth {

class ClientSecretCredential final : public TokenCredential {
 public:
  // `authority_host` e.g. "https://login.microsoftonline.com"; plain http is refused except for
  // 127.0.0.1 and localhost (local test servers). Throws std::invalid_argument naming
  // AZURE_AUTHORITY_HOST when it is not acceptable.
  ClientSecretCredential(sdk::HostServices& host, std::string authority_host, std::string tenant_id,
                         std::string client_id, std::string client_secret);
  std::string name() const override { return "environment (client secret)"; }
  boost::asio::awaitable<TokenOutcome> get_token(const std::string& scope) override;

 private:
  sdk::HostServices& host_;
  std::string authority_host_;
  std::string tenant_id_;
  std::string client_id_;
  std::string client_secret_;
};

}  // namespace modelcompare::azure_auth
