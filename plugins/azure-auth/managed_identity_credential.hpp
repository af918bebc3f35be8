// Managed identity: the Azure Instance Metadata Service (IMDS) of a VM, or App Service's
// IDENTITY_ENDPOINT. Where neither answers, the credential is unavailable (not failed).
#pragma once

#include <chrono>

#include "modelcompare/sdk/host_services.hpp"
#include "token_credential.hpp"

namespace modelcompare::azure_auth {

struct ManagedIdentityEndpoint {
  // IMDS ("http://169.254.169.254/metadata/identity/oauth2/token", header Metadata: true,
  // api-version 2018-02-01) or App Service (IDENTITY_ENDPOINT, header X-IDENTITY-HEADER,
  // api-version 2019-08-01).
  std::string url;
  std::string header_name;
  std::string header_value;  // a secret for App Service
  std::string api_version;
  std::string client_id;  // a user-assigned identity, when set
};

class ManagedIdentityCredential final : public TokenCredential {
 public:
  ManagedIdentityCredential(sdk::HostServices& host, ManagedIdentityEndpoint endpoint,
                            std::chrono::milliseconds probe_timeout);
  std::string name() const override { return "managed identity"; }
  boost::asio::awaitable<TokenOutcome> get_token(const std::string& scope) override;

 private:
  sdk::HostServices& host_;
  ManagedIdentityEndpoint endpoint_;
  std::chrono::milliseconds probe_timeout_;
};

}  // namespace modelcompare::azure_auth
