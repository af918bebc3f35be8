// The host's HTTP client: what plugins get from HostServices::http().
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "http/proxy_settings.hpp"
#include "modelcompare/sdk/http.hpp"

namespace modelcompare::http {

struct HttpClientOptions {
  // Trusted in addition to the system's CAs (e.g. a corporate proxy's or a test CA). PEM.
  std::filesystem::path extra_ca_file;
  // Trust only extra_ca_file, not the system store (tests use this to prove verification works).
  bool use_system_ca = true;
  // Proxies to use; when empty they come from HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
  std::optional<ProxySettings> proxy;
  // Idle keep-alive connections kept per (scheme, host, port, proxy), and for how long.
  std::size_t max_idle_per_host = 16;
  std::chrono::milliseconds idle_timeout{30'000};
  std::string user_agent = "modelcompare/0.1";
};

// Throws std::runtime_error naming the file when extra_ca_file cannot be loaded.
// The client must be used from coroutines running on `io`; it may be used by many at once.
std::unique_ptr<sdk::HttpClient> make_http_client(boost::asio::io_context& io,
                                                  const HttpClientOptions& options);

}  // namespace modelcompare::http
