// The HTTP client the host lends plugins: HTTPS with certificate and host-name verification,
// keep-alive pooling, proxies and timeouts, on the host's io_context.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "modelcompare/sdk/abi.hpp"

namespace modelcompare::sdk {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // http:// or https://
  HttpHeaders headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds read_timeout{60'000};  // longest silence while reading
  std::chrono::milliseconds total_timeout{300'000};
  std::size_t max_response_bytes = 32 * 1024 * 1024;
  // When set, a 2xx body is delivered piece by piece as it arrives (for SSE) and not kept in
  // HttpResponse::body; any other status keeps its (error) body whole in HttpResponse::body.
  // Returning false stops reading.
  std::function<bool(std::string_view chunk)> on_body_chunk;
};

enum class TransportError { none, timeout, network, tls, too_large, bad_response };

struct HttpResponse {
  TransportError error = TransportError::none;
  std::string error_message;  // set when error != none; never contains request headers
  int status = 0;
  HttpHeaders headers;
  std::string body;
  std::chrono::milliseconds time_to_first_byte{0};
  bool body_started = false;  // some of the body arrived before an error

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
            return (a | 0x20) == (b | 0x20);
          }))
        return value;
    }
    return std::nullopt;
  }
};

class MODELCOMPARE_VISIBLE HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Never throws for network trouble: the response carries the classified error.
  virtual boost::asio::awaitable<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace modelcompare::sdk
