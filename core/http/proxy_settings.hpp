// Which proxy, if any, a request goes through: HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl reads
// them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_url.hpp"

namespace modelcompare::http {

struct ProxyEndpoint {
  std::string host;
  std::string port;
  // "Basic <base64>" when the proxy URL carried user:password; never logged.
  std::string authorization;

  // host:port, safe to show (no credentials).
  std::string display() const { return host + ":" + port; }
};

class ProxySettings {
 public:
  ProxySettings() = default;

  // Reads HTTPS_PROXY/https_proxy, HTTP_PROXY/http_proxy and NO_PROXY/no_proxy.
  // Throws std::invalid_argument naming the variable when a proxy URL is malformed.
  static ProxySettings from_environment();

  // Empty strings mean "none". `no_proxy` is a comma-separated list of host names, domain
  // suffixes (".example.com" or "example.com" both match sub-domains), IP addresses, optional
  // ":port", or "*" for everything. Throws std::invalid_argument naming `https_name`/`http_name`.
  static ProxySettings parse(std::string_view https_proxy, std::string_view http_proxy,
                             std::string_view no_proxy, std::string_view https_name = "HTTPS_PROXY",
                             std::string_view http_name = "HTTP_PROXY");

  // The proxy for this URL, or none (direct connection).
  std::optional<ProxyEndpoint> for_url(const HttpUrl& url) const;

 private:
  std::optional<ProxyEndpoint> https_;
  std::optional<ProxyEndpoint> http_;
  std::vector<std::string> no_proxy_;
};

}  // namespace modelcompare::http
