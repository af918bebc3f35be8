#include "http/http_url.hpp"

#include <boost/url/parse.hpp>

namespace modelcompare::http {

std::string HttpUrl::authority() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  std::string out = ipv6 ? "[" + host + "]" : host;
  if (!default_port()) out += ":" + port;
  return out;
}

std::variant<HttpUrl, std::string> parse_http_url(std::string_view text) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return "invalid URL '" + std::string(text) + "': " + parsed.error().message();
  const auto& url = *parsed;
  HttpUrl out;
  if (url.scheme() == "https") {
    out.tls = true;
  } else if (url.scheme() != "http") {
    return "unsupported URL scheme '" + std::string(url.scheme()) + "' in '" + std::string(text) +
           "' (http or https expected)";
  }
  out.host = url.host_address();
  if (out.host.empty()) return "URL '" + std::string(text) + "' has no host";
  if (url.has_port()) {
    if (url.port_number() == 0) return "URL '" + std::string(text) + "' has an invalid port";
    out.port = std::to_string(url.port_number());
  } else {
    out.port = out.tls ? "443" : "80";
  }
  out.target = url.encoded_path().empty() ? "/" : std::string(url.encoded_path());
  if (url.has_query()) out.target += "?" + std::string(url.encoded_query());
  return out;
}

}  // namespace modelcompare::http
