// The credential chain DefaultAzureCredential uses, cut to what a command-line tool needs:
// a service principal's client secret from the environment, then managed identity, then the
// Azure CLI. Each step that does not apply passes to the next; one that applies and fails stops.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "modelcompare/sdk/host_services.hpp"
#include "token_credential.hpp"

namespace modelcompare::azure_auth {

struct DefaultCredentialOptions {
  std::string az_program = "az";  // looked up on PATH
  std::chrono::milliseconds imds_probe_timeout{1'000};
  std::chrono::milliseconds cli_timeout{30'000};
};

// Settings come from host.secret(): AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET,
// AZURE_AUTHORITY_HOST; IDENTITY_ENDPOINT + IDENTITY_HEADER (App Service) or IMDS at
// AZURE_POD_IDENTITY_AUTHORITY_HOST (default http://169.254.169.254).
std::unique_ptr<TokenCredential> make_default_credential(sdk::HostServices& host,
                                                         DefaultCredentialOptions options = {});

// Tries each in turn; the final error lists why each one could not give a token.
class CredentialChain final : public TokenCredential {
 public:
  explicit CredentialChain(std::vector<std::unique_ptr<TokenCredential>> credentials)
      : credentials_(std::move(credentials)) {}
  std::string name() const override { return "credential chain"; }
  boost::asio::awaitable<TokenOutcome> get_token(const std::string& scope) override;

 private:
  std::vector<std::unique_ptr<TokenCredential>> credentials_;
};

}  // namespace modelcompare::azure_auth
