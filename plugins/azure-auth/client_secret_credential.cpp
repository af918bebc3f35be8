#include "client_secret_credential.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "token_response.hpp"

namespace modelcompare::azure_auth {
namespace {

bool is_local_http(const std::string& url) {
  return url.rfind("http://127.0.0.1", 0) == 0 || url.rfind("http://localhost", 0) == 0;
}

// The endpoint's own words: {"error": "invalid_client", "error_description": "AADSTS7000215: ..."}.
std::string describe_failure(int status, const std::string& body) {
  std::string out = "HTTP " + std::to_string(status);
  try {
    const auto parsed = nlohmann::json::parse(body);
    if (parsed.contains("error") && parsed["error"].is_string())
      out += " " + parsed["error"].get<std::string>();
    if (parsed.contains("error_description") && parsed["error_description"].is_string()) {
      auto description = parsed["error_description"].get<std::string>();
      out += ": " + description.substr(0, description.find_first_of("\r\n"));
    }
  } catch (const nlohmann::json::exception&) {
  }
  return out;
}

}  // namespace

ClientSecretCredential::ClientSecretCredential(sdk::HostServices& host, std::string authority_host,
                                               std::string tenant_id, std::string client_id,
                                               std::string client_secret)
    : host_(host),
      authority_host_(std::move(authority_host)),
      tenant_id_(std::move(tenant_id)),
      client_id_(std::move(client_id)),
      client_secret_(std::move(client_secret)) {
  while (!authority_host_.empty() && authority_host_.back() == '/') authority_host_.pop_back();
  if (authority_host_.rfind("https://", 0) != 0 && !is_local_http(authority_host_))
    throw std::invalid_argument("AZURE_AUTHORITY_HOST must be an https:// URL (got '" +
                                authority_host_ + "')");
  host_.register_secret(client_secret_);
}

boost::asio::awaitable<TokenOutcome> ClientSecretCredential::get_token(const std::string& scope) {
  sdk::HttpRequest request;
  request.method = "POST";
  request.url = authority_host_ + "/" + url_encode(tenant_id_) + "/oauth2/v2.0/token";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  request.body = "grant_type=client_credentials&client_id=" + url_encode(client_id_) +
                 "&client_secret=" + url_encode(client_secret_) + "&scope=" + url_encode(scope);
  request.read_timeout = std::chrono::seconds(30);
  request.total_timeout = std::chrono::seconds(60);
  const auto response = co_await host_.http().send(request);
  const std::string where = "client secret credential (tenant " + tenant_id_ + ")";
  if (response.error != sdk::TransportError::none)
    co_return TokenOutcome::failed(where + ": " + response.error_message);
  if (response.status != 200)
    co_return TokenOutcome::failed(where + ": " + describe_failure(response.status, response.body));
  try {
    co_return TokenOutcome::ok(parse_oauth_token(response.body, host_.now()));
  } catch (const std::exception& error) {
    co_return TokenOutcome::failed(where + ": " + error.what());
  }
}

}  // namespace modelcompare::azure_auth
