#include "default_credential.hpp"

#include "azure_cli_credential.hpp"
#include "client_secret_credential.hpp"
#include "managed_identity_credential.hpp"

namespace modelcompare::azure_auth {
namespace {

std::string setting(sdk::HostServices& host, const char* name) {
  auto value = host.secret(name);
  return value ? *value : std::string();
}

// Stands in for the environment step when its variables are missing, so the chain can say why.
class UnconfiguredCredential final : public TokenCredential {
 public:
  UnconfiguredCredential(std::string name, std::string why)
      : name_(std::move(name)), why_(std::move(why)) {}
  std::string name() const override { return name_; }
  boost::asio::awaitable<TokenOutcome> get_token(const std::string&) override {
    co_return TokenOutcome::not_here(why_);
  }

 private:
  std::string name_;
  std::string why_;
};

}  // namespace

boost::asio::awaitable<TokenOutcome> CredentialChain::get_token(const std::string& scope) {
  std::string reasons;
  for (auto& credential : credentials_) {
    auto outcome = co_await credential->get_token(scope);
    if (outcome.token || !outcome.unavailable) {
      if (!outcome.token) outcome.error = credential->name() + ": " + outcome.error;
      co_return outcome;
    }
    reasons += (reasons.empty() ? "" : "; ") + credential->name() + ": " + outcome.error;
  }
  co_return TokenOutcome::failed("no credential could get a token for " + scope + " (" + reasons +
                                 ")");
}

std::unique_ptr<TokenCredential> make_default_credential(sdk::HostServices& host,
                                                         DefaultCredentialOptions options) {
  std::vector<std::unique_ptr<TokenCredential>> chain;

  const auto tenant = setting(host, "AZURE_TENANT_ID");
  const auto client = setting(host, "AZURE_CLIENT_ID");
  const auto secret = setting(host, "AZURE_CLIENT_SECRET");
  if (!tenant.empty() && !client.empty() && !secret.empty()) {
    auto authority = setting(host, "AZURE_AUTHORITY_HOST");
    if (authority.empty()) authority = "https://login.microsoftonline.com";
    chain.push_back(
        std::make_unique<ClientSecretCredential>(host, authority, tenant, client, secret));
  } else {
    chain.push_back(std::make_unique<UnconfiguredCredential>(
        "environment", "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are not all set"));
  }

  ManagedIdentityEndpoint endpoint;
  const auto identity_endpoint = setting(host, "IDENTITY_ENDPOINT");
  const auto identity_header = setting(host, "IDENTITY_HEADER");
  if (!identity_endpoint.empty() && !identity_header.empty()) {
    endpoint = {identity_endpoint, "X-IDENTITY-HEADER", identity_header, "2019-08-01", client};
  } else {
    auto imds = setting(host, "AZURE_POD_IDENTITY_AUTHORITY_HOST");
    if (imds.empty()) imds = "http://169.254.169.254";
    while (!imds.empty() && imds.back() == '/') imds.pop_back();
    endpoint = {imds + "/metadata/identity/oauth2/token", "Metadata", "true", "2018-02-01", client};
  }
  chain.push_back(std::make_unique<ManagedIdentityCredential>(host, std::move(endpoint),
                                                              options.imds_probe_timeout));
  chain.push_back(
      std::make_unique<AzureCliCredential>(host, options.az_program, options.cli_timeout));
  return std::make_unique<CredentialChain>(std::move(chain));
}

}  // namespace modelcompare::azure_auth
