// A scripted HTTP/1.1 server on 127.0.0.1 (random port), plain or TLS, for tests only. It records
// every request it receives and answers each with whatever the test's handler returns, including
// broken answers: resets in the middle of a body, slow bodies, raw bytes.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace modelcompare::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct ReceivedRequest {
  std::string method;
  std::string target;  // path and query as sent
  Headers headers;
  std::string body;
  int connection = 0;  // which accepted connection carried it (1, 2, ...)

  std::optional<std::string> header(std::string_view name) const;
  std::string path() const { return target.substr(0, target.find('?')); }
  std::optional<std::string> query(std::string_view name) const;
};

struct ScriptedReply {
  int status = 200;
  Headers headers;
  std::string body;  // sent with Content-Length, unless `pieces` is not empty

  // When not empty: sent with chunked encoding, each piece after its delay (SSE, slow bodies).
  std::vector<std::pair<std::chrono::milliseconds, std::string>> pieces;

  std::chrono::milliseconds delay_before_headers{0};
  // Send the headers and this many bytes of `body`, then reset the connection (TCP RST).
  std::optional<std::size_t> reset_after_bytes;
  // Written as they are instead of a formatted response (malformed replies).
  std::optional<std::string> raw;
  bool close_after = false;  // close the connection after this reply, saying so
  bool drop_after = false;   // close it after this reply without saying so (a stale keep-alive)

  static ScriptedReply json(int status, std::string body, Headers headers = {});
  static ScriptedReply sse(std::vector<std::string> events, Headers headers = {},
                           std::chrono::milliseconds gap = std::chrono::milliseconds(0));
};

struct TlsFiles {
  std::filesystem::path ca_certificate;
  std::filesystem::path server_certificate;
  std::filesystem::path server_key;
};

// A CA and a server certificate for DNS:localhost only, made with the openssl CLI in `dir`.
// Throws std::runtime_error when the openssl command fails.
TlsFiles make_test_certificates(const std::filesystem::path& dir);

class FakeHttpServer {
 public:
  using Handler = std::function<ScriptedReply(const ReceivedRequest&)>;

  explicit FakeHttpServer(Handler handler, std::optional<TlsFiles> tls = std::nullopt);
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  unsigned short port() const { return port_; }
  // "http://127.0.0.1:PORT" or, with TLS, "https://localhost:PORT".
  std::string base_url() const;

  std::vector<ReceivedRequest> requests() const;
  int connections_accepted() const { return connections_.load(); }

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  unsigned short port_ = 0;
  bool tls_ = false;
  std::atomic<int> connections_{0};
};

// A CONNECT-only HTTP proxy on 127.0.0.1 that tunnels to 127.0.0.1 at the requested port.
class FakeConnectProxy {
 public:
  FakeConnectProxy();
  ~FakeConnectProxy();
  FakeConnectProxy(const FakeConnectProxy&) = delete;
  FakeConnectProxy& operator=(const FakeConnectProxy&) = delete;

  unsigned short port() const { return port_; }
  // Each CONNECT request line's target ("localhost:PORT") and its Proxy-Authorization header.
  std::vector<std::pair<std::string, std::string>> tunnels() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  unsigned short port_ = 0;
};

}  // namespace modelcompare::testing
