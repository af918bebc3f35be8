// The Beast implementation of sdk::HttpClient. All Beast/Asio-heavy code lives in this one file
// (each such translation unit costs ~35 s to compile).
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "http/http_client.hpp"
#include "http/http_url.hpp"
#include "http/idle_pool.hpp"

namespace modelcompare::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using sdk::TransportError;

constexpr auto nothrow = net::as_tuple(net::use_awaitable);

// One TCP or TLS connection, with the bytes read past the end of the last response.
struct Connection {
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;

  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

struct Failure {
  TransportError error = TransportError::none;
  std::string message;
  explicit operator bool() const { return error != TransportError::none; }
};

// The peer went away: a reset, or a close in the middle of a message.
bool is_disconnect(const beast::error_code& ec) {
  return ec == net::error::eof || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe || ec == net::error::connection_aborted ||
         ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == ssl::error::stream_truncated;
}

class BeastHttpClient final : public sdk::HttpClient {
 public:
  explicit BeastHttpClient(const HttpClientOptions& options)
      : tls_context_(ssl::context::tls_client),
        proxies_(options.proxy ? *options.proxy : ProxySettings::from_environment()),
        pool_(options.max_idle_per_host, options.idle_timeout),
        user_agent_(options.user_agent),
        use_system_ca_(options.use_system_ca) {
    tls_context_.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                             ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                             ssl::context::no_tlsv1_1);
    if (!options.extra_ca_file.empty()) {
      beast::error_code ec;
      tls_context_.load_verify_file(options.extra_ca_file.string(), ec);
      if (ec)
        throw std::runtime_error("cannot load the CA file " + options.extra_ca_file.string() +
                                 ": " + ec.message());
    }
    tls_context_.set_verify_mode(ssl::verify_peer);
  }

  net::awaitable<sdk::HttpResponse> send(const sdk::HttpRequest& request) override;

 private:
  net::awaitable<Failure> open(Connection& connection, const HttpUrl& url,
                               const std::optional<ProxyEndpoint>& proxy,
                               const sdk::HttpRequest& request, Clock::time_point deadline);
  template <class Stream>
  net::awaitable<Failure> exchange(Stream& stream, Connection& connection, const HttpUrl& url,
                                   const std::optional<ProxyEndpoint>& proxy,
                                   const sdk::HttpRequest& request, Clock::time_point start,
                                   Clock::time_point deadline, bool& reusable, bool& stale,
                                   sdk::HttpResponse& response);

  // The system's CA bundle (about 140 certificates, ~50 ms to parse) is loaded at the first TLS
  // connection, so a run against http:// endpoints never pays for it.
  ssl::context& tls_context() {
    std::call_once(system_ca_loaded_, [this] {
      if (use_system_ca_) tls_context_.set_default_verify_paths();
    });
    return tls_context_;
  }

  ssl::context tls_context_;
  ProxySettings proxies_;
  IdlePool<Connection> pool_;
  std::string user_agent_;
  bool use_system_ca_;
  std::once_flag system_ca_loaded_;
};

// The earlier of "now + step" and the request's overall deadline.
Clock::time_point step_deadline(std::chrono::milliseconds step, Clock::time_point deadline) {
  return std::min(Clock::now() + step, deadline);
}

// Says which limit a beast::error::timeout hit.
std::string timeout_message(const char* what, const std::string& where,
                            std::chrono::milliseconds step, Clock::time_point deadline,
                            const sdk::HttpRequest& request) {
  if (Clock::now() >= deadline)
    return std::string(what) + " " + where + ": total timeout of " +
           std::to_string(request.total_timeout.count()) + " ms exceeded";
  return std::string(what) + " " + where + " timed out after " + std::to_string(step.count()) +
         " ms";
}

net::awaitable<Failure> BeastHttpClient::open(Connection& connection, const HttpUrl& url,
                                              const std::optional<ProxyEndpoint>& proxy,
                                              const sdk::HttpRequest& request,
                                              Clock::time_point deadline) {
  auto executor = co_await net::this_coro::executor;
  const std::string dial_host = proxy ? proxy->host : url.host;
  const std::string dial_port = proxy ? proxy->port : url.port;
  const std::string where = proxy ? "proxy " + proxy->display() : url.host + ":" + url.port;

  tcp::resolver resolver(executor);
  auto [rec, endpoints] = co_await resolver.async_resolve(dial_host, dial_port, nothrow);
  if (rec)
    co_return Failure{TransportError::network, "cannot resolve " + where + ": " + rec.message()};

  if (url.tls && !proxy) {
    connection.tls.emplace(executor, tls_context());
  } else {
    connection.plain.emplace(executor);
  }
  auto& tcp_layer = connection.lowest();
  tcp_layer.expires_at(step_deadline(request.connect_timeout, deadline));
  auto [cec, endpoint] = co_await tcp_layer.async_connect(endpoints, nothrow);
  if (cec == beast::error::timeout)
    co_return Failure{
        TransportError::timeout,
        timeout_message("connecting to", where, request.connect_timeout, deadline, request)};
  if (cec)
    co_return Failure{TransportError::network, "cannot connect to " + where + ": " + cec.message()};
  tcp_layer.socket().set_option(tcp::no_delay(true));

  if (proxy && url.tls) {
    // CONNECT tunnel; the proxy's 2xx reply has no body whatever its headers say, so skip it.
    bhttp::request<bhttp::empty_body> connect{bhttp::verb::connect, url.host + ":" + url.port, 11};
    connect.set(bhttp::field::host, url.host + ":" + url.port);
    connect.set(bhttp::field::user_agent, user_agent_);
    if (!proxy->authorization.empty())
      connect.set(bhttp::field::proxy_authorization, proxy->authorization);
    tcp_layer.expires_at(step_deadline(request.connect_timeout, deadline));
    auto [wec, written] = co_await bhttp::async_write(tcp_layer, connect, nothrow);
    if (wec)
      co_return Failure{
          wec == beast::error::timeout ? TransportError::timeout : TransportError::network,
          "CONNECT through " + where + " failed: " + wec.message()};
    bhttp::response_parser<bhttp::empty_body> reply;
    reply.skip(true);
    auto [pec, read] =
        co_await bhttp::async_read_header(tcp_layer, connection.buffer, reply, nothrow);
    if (pec)
      co_return Failure{
          pec == beast::error::timeout ? TransportError::timeout : TransportError::network,
          "CONNECT through " + where + " failed: " + pec.message()};
    if (reply.get().result_int() / 100 != 2)
      co_return Failure{TransportError::network, where + " refused CONNECT to " + url.host + ":" +
                                                     url.port + ": " +
                                                     std::to_string(reply.get().result_int()) +
                                                     " " + std::string(reply.get().reason())};
    if (connection.buffer.size() != 0)
      co_return Failure{TransportError::network, where + " sent data after its CONNECT reply"};
    // Continue with TLS over the tunnel.
    beast::tcp_stream tunnel = std::move(*connection.plain);
    connection.plain.reset();
    connection.tls.emplace(std::move(tunnel), tls_context());
  }

  if (connection.tls) {
    auto& tls = *connection.tls;
    if (!SSL_set_tlsext_host_name(tls.native_handle(), url.host.c_str()))
      co_return Failure{TransportError::tls, "cannot set TLS server name for " + url.host};
    // Beast does not check the certificate's name by itself.
    tls.set_verify_mode(ssl::verify_peer);
    tls.set_verify_callback(ssl::host_name_verification(url.host));
    connection.lowest().expires_at(step_deadline(request.connect_timeout, deadline));
    auto [hec] = co_await tls.async_handshake(ssl::stream_base::client, nothrow);
    if (hec == beast::error::timeout)
      co_return Failure{TransportError::timeout,
                        timeout_message("TLS handshake with", url.host + ":" + url.port,
                                        request.connect_timeout, deadline, request)};
    if (hec) {
      std::string reason = hec.message();
      if (hec.category() == net::error::get_ssl_category()) {
        const long verify = SSL_get_verify_result(tls.native_handle());
        if (verify != X509_V_OK)
          reason += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
      }
      co_return Failure{TransportError::tls,
                        "TLS handshake with " + url.host + ":" + url.port + " failed: " + reason};
    }
  }
  co_return Failure{};
}

template <class Stream>
net::awaitable<Failure> BeastHttpClient::exchange(Stream& stream, Connection& connection,
                                                  const HttpUrl& url,
                                                  const std::optional<ProxyEndpoint>& proxy,
                                                  const sdk::HttpRequest& request,
                                                  Clock::time_point start,
                                                  Clock::time_point deadline, bool& reusable,
                                                  bool& stale, sdk::HttpResponse& response) {
  reusable = false;
  stale = false;
  auto& tcp_layer = connection.lowest();
  const std::string where = url.host + ":" + url.port;

  const auto verb = bhttp::string_to_verb(request.method);
  if (verb == bhttp::verb::unknown)
    co_return Failure{TransportError::network, "unsupported HTTP method '" + request.method + "'"};
  // Plain http through a proxy uses the absolute form of the target.
  const std::string target =
      (proxy && !url.tls) ? "http://" + url.authority() + url.target : url.target;
  bhttp::request<bhttp::string_body> message{verb, target, 11};
  message.set(bhttp::field::host, url.authority());
  message.set(bhttp::field::user_agent, user_agent_);
  if (proxy && !url.tls && !proxy->authorization.empty())
    message.set(bhttp::field::proxy_authorization, proxy->authorization);
  for (const auto& [name, value] : request.headers) message.set(name, value);
  message.body() = request.body;
  message.keep_alive(true);
  if (!request.body.empty() || verb == bhttp::verb::post || verb == bhttp::verb::put ||
      verb == bhttp::verb::patch)
    message.prepare_payload();

  // Writing the request is bounded by the read timeout too: a peer that stops reading is silent.
  tcp_layer.expires_at(step_deadline(request.read_timeout, deadline));
  auto [wec, written] = co_await bhttp::async_write(stream, message, nothrow);
  if (wec) {
    stale = is_disconnect(wec);
    if (wec == beast::error::timeout)
      co_return Failure{
          TransportError::timeout,
          timeout_message("sending to", where, request.read_timeout, deadline, request)};
    co_return Failure{TransportError::network, "sending to " + where + " failed: " + wec.message()};
  }

  bhttp::response_parser<bhttp::buffer_body> parser;
  parser.body_limit(boost::none);  // the size cap is ours, applied below
  tcp_layer.expires_at(step_deadline(request.read_timeout, deadline));
  auto [hec, header_bytes] =
      co_await bhttp::async_read_header(stream, connection.buffer, parser, nothrow);
  if (hec) {
    // A kept-alive connection the server closed while idle fails before any byte arrives.
    stale = is_disconnect(hec) && header_bytes == 0;
    if (hec == beast::error::timeout)
      co_return Failure{TransportError::timeout,
                        timeout_message("waiting for the response from", where,
                                        request.read_timeout, deadline, request)};
    if (is_disconnect(hec))
      co_return Failure{TransportError::network,
                        "connection to " + where + " closed before the response: " + hec.message()};
    co_return Failure{TransportError::bad_response,
                      "malformed response header from " + where + ": " + hec.message()};
  }
  response.time_to_first_byte =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  response.status = parser.get().result_int();
  for (const auto& field : parser.get())
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));

  // Error bodies are kept whole even when the caller streams (see HttpRequest::on_body_chunk).
  const bool streaming = request.on_body_chunk && response.status / 100 == 2;
  std::array<char, 16 * 1024> chunk{};
  std::size_t received = 0;
  bool stopped = false;
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    tcp_layer.expires_at(step_deadline(request.read_timeout, deadline));
    auto [rec, read] = co_await bhttp::async_read_some(stream, connection.buffer, parser, nothrow);
    if (rec == bhttp::error::need_buffer) rec = {};
    const std::size_t got = chunk.size() - parser.get().body().size;
    if (got > 0) {
      response.body_started = true;
      received += got;
      if (received > request.max_response_bytes)
        co_return Failure{TransportError::too_large,
                          "response from " + where + " is larger than " +
                              std::to_string(request.max_response_bytes) + " bytes"};
      const std::string_view piece(chunk.data(), got);
      if (streaming) {
        if (!request.on_body_chunk(piece)) {
          stopped = true;
          break;
        }
      } else {
        response.body.append(piece);
      }
    }
    if (rec == beast::error::timeout)
      co_return Failure{TransportError::timeout,
                        timeout_message("reading the response body from", where,
                                        request.read_timeout, deadline, request)};
    if (rec && is_disconnect(rec))
      co_return Failure{TransportError::network, "connection to " + where + " closed after " +
                                                     std::to_string(received) +
                                                     " body bytes: " + rec.message()};
    if (rec)
      co_return Failure{TransportError::bad_response,
                        "malformed response body from " + where + ": " + rec.message()};
  }
  reusable = !stopped && parser.is_done() && parser.get().keep_alive();
  co_return Failure{};
}

net::awaitable<sdk::HttpResponse> BeastHttpClient::send(const sdk::HttpRequest& request) {
  sdk::HttpResponse response;
  auto parsed = parse_http_url(request.url);
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    response.error = TransportError::network;
    response.error_message = *problem;
    co_return response;
  }
  const HttpUrl url = std::get<HttpUrl>(std::move(parsed));
  const auto start = Clock::now();
  const auto deadline = start + request.total_timeout;
  const std::optional<ProxyEndpoint> proxy = proxies_.for_url(url);
  const std::string pool_key = (url.tls ? "https://" : "http://") + url.host + ":" + url.port +
                               (proxy ? " via " + proxy->display() : "");

  // At most one extra attempt, and only when a pooled connection turned out to be closed.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto connection = pool_.take(pool_key, Clock::now());
    const bool reused = connection != nullptr;
    if (!connection) {
      connection = std::make_unique<Connection>();
      Failure failure = co_await open(*connection, url, proxy, request, deadline);
      if (failure) {
        response.error = failure.error;
        response.error_message = std::move(failure.message);
        co_return response;
      }
    }
    response = sdk::HttpResponse{};
    bool reusable = false;
    bool stale = false;
    Failure failure;
    if (connection->tls) {
      failure = co_await exchange(*connection->tls, *connection, url, proxy, request, start,
                                  deadline, reusable, stale, response);
    } else {
      failure = co_await exchange(*connection->plain, *connection, url, proxy, request, start,
                                  deadline, reusable, stale, response);
    }
    if (failure && stale && reused && !response.body_started) continue;
    if (failure) {
      response.error = failure.error;
      response.error_message = std::move(failure.message);
      co_return response;
    }
    if (reusable) {
      connection->lowest().expires_never();
      pool_.put(pool_key, std::move(connection), Clock::now());
    }
    co_return response;
  }
  co_return response;
}

}  // namespace

std::unique_ptr<sdk::HttpClient> make_http_client(net::io_context& /*io*/,
                                                  const HttpClientOptions& options) {
  return std::make_unique<BeastHttpClient>(options);
}

}  // namespace modelcompare::http
