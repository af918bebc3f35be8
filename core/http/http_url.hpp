// An http:// or https:// URL split into what a connection and a request line need.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace modelcompare::http {

struct HttpUrl {
  bool tls = false;
  std::string host;    // without brackets for IPv6 literals
  std::string port;    // always set: explicit, or 80 / 443
  std::string target;  // path and query, at least "/"

  bool default_port() const { return port == (tls ? "443" : "80"); }
  // "host" or "host:port" as the Host header and CONNECT want it.
  std::string authority() const;
};

// Either the parsed URL or one line saying what is wrong with it.
std::variant<HttpUrl, std::string> parse_http_url(std::string_view url);

}  // namespace modelcompare::http
