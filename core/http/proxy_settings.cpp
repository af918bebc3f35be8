#include "http/proxy_settings.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "modelcompare/sdk/base64.hpp"

namespace modelcompare::http {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

std::optional<ProxyEndpoint> parse_proxy(std::string_view value, std::string_view name) {
  const std::string text = trim(value);
  if (text.empty()) return std::nullopt;
  // curl accepts "host:port" without a scheme; so do we.
  const std::string with_scheme = text.find("://") == std::string::npos ? "http://" + text : text;
  auto parsed = boost::urls::parse_uri(with_scheme);
  // The value may hold credentials, so the message names the variable, not the value.
  if (!parsed) throw std::invalid_argument(std::string(name) + " is not a valid proxy URL");
  if (parsed->scheme() != "http")
    throw std::invalid_argument(std::string(name) + " must be an http:// proxy URL (got scheme '" +
                                std::string(parsed->scheme()) + "')");
  ProxyEndpoint proxy;
  proxy.host = parsed->host_address();
  if (proxy.host.empty()) throw std::invalid_argument(std::string(name) + " has no host");
  proxy.port = parsed->has_port() ? std::to_string(parsed->port_number()) : "80";
  if (parsed->has_userinfo()) {
    proxy.authorization = "Basic " + sdk::base64_encode(std::string(parsed->user()) + ":" +
                                                        std::string(parsed->password()));
  }
  return proxy;
}

const char* env(const char* upper, const char* lower_name) {
  if (const char* v = std::getenv(upper); v && *v) return v;
  if (const char* v = std::getenv(lower_name); v && *v) return v;
  return "";
}

}  // namespace

ProxySettings ProxySettings::parse(std::string_view https_proxy, std::string_view http_proxy,
                                   std::string_view no_proxy, std::string_view https_name,
                                   std::string_view http_name) {
  ProxySettings settings;
  settings.https_ = parse_proxy(https_proxy, https_name);
  settings.http_ = parse_proxy(http_proxy, http_name);
  std::string_view rest = no_proxy;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string entry = lower(trim(rest.substr(0, comma)));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (entry.empty()) continue;
    if (entry.front() == '[') {  // [::1] or [::1]:port
      const auto close = entry.find(']');
      if (close != std::string::npos) entry = entry.substr(1, close - 1) + entry.substr(close + 1);
    }
    settings.no_proxy_.push_back(entry);
  }
  return settings;
}

ProxySettings ProxySettings::from_environment() {
  const bool upper_https = std::getenv("HTTPS_PROXY") && *std::getenv("HTTPS_PROXY");
  const bool upper_http = std::getenv("HTTP_PROXY") && *std::getenv("HTTP_PROXY");
  return parse(env("HTTPS_PROXY", "https_proxy"), env("HTTP_PROXY", "http_proxy"),
               env("NO_PROXY", "no_proxy"), upper_https ? "HTTPS_PROXY" : "https_proxy",
               upper_http ? "HTTP_PROXY" : "http_proxy");
}

std::optional<ProxyEndpoint> ProxySettings::for_url(const HttpUrl& url) const {
  const auto& proxy = url.tls ? https_ : http_;
  if (!proxy) return std::nullopt;
  const std::string host = lower(url.host);
  for (const auto& entry : no_proxy_) {
    if (entry == "*") return std::nullopt;
    std::string name = entry;
    // An entry with ":port" only matches that port (IPv6 literals have several colons: no port).
    if (const auto colon = name.rfind(':'); colon != std::string::npos && name.find(':') == colon) {
      if (name.substr(colon + 1) != url.port) continue;
      name = name.substr(0, colon);
    }
    if (!name.empty() && name.front() == '.') name.erase(0, 1);
    if (host == name) return std::nullopt;
    if (host.size() > name.size() && host.ends_with(name) &&
        host[host.size() - name.size() - 1] == '.')
      return std::nullopt;
  }
  return proxy;
}

}  // namespace modelcompare::http
