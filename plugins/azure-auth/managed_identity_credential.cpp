#include "managed_identity_credential.hpp"

#include "token_response.hpp"

namespace modelcompare::azure_auth {

ManagedIdentityCredential::ManagedIdentityCredential(sdk::HostServices& host,
                                                     ManagedIdentityEndpoint endpoint,
                                                     std::chrono::milliseconds probe_timeout)
    : host_(host), endpoint_(std::move(endpoint)), probe_timeout_(probe_timeout) {
  if (!endpoint_.header_value.empty() && endpoint_.header_value != "true")
    host_.register_secret(endpoint_.header_value);
}

boost::asio::awaitable<TokenOutcome> ManagedIdentityCredential::get_token(
    const std::string& scope) {
  // Managed identity takes a resource, not a scope: ".../.default" -> "...".
  std::string resource = scope;
  if (const auto suffix = resource.rfind("/.default");
      suffix != std::string::npos && suffix + 9 == resource.size())
    resource.erase(suffix);
  sdk::HttpRequest request;
  request.method = "GET";
  request.url =
      endpoint_.url + "?api-version=" + endpoint_.api_version + "&resource=" + url_encode(resource);
  if (!endpoint_.client_id.empty()) request.url += "&client_id=" + url_encode(endpoint_.client_id);
  request.headers = {{endpoint_.header_name, endpoint_.header_value}};
  // Fail fast when there is no endpoint: this is a probe inside a chain.
  request.connect_timeout = probe_timeout_;
  request.read_timeout = std::chrono::seconds(10);
  request.total_timeout = std::chrono::seconds(20);
  const auto response = co_await host_.http().send(request);
  if (response.error != sdk::TransportError::none)
    co_return TokenOutcome::not_here("no managed identity endpoint answered (" +
                                     response.error_message + ")");
  // 400 from IMDS: no identity is assigned to this machine (or not the one asked for).
  if (response.status == 400)
    co_return TokenOutcome::not_here(
        "no managed identity is assigned (HTTP 400: " + response.body.substr(0, 200) + ")");
  if (response.status != 200)
    co_return TokenOutcome::failed("managed identity: HTTP " + std::to_string(response.status) +
                                   ": " + response.body.substr(0, 200));
  try {
    co_return TokenOutcome::ok(parse_oauth_token(response.body, host_.now()));
  } catch (const std::exception& error) {
    co_return TokenOutcome::failed(std::string("managed identity: ") + error.what());
  }
}

}  // namespace modelcompare::azure_auth
