#include "fake_http_server.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace modelcompare::testing {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
constexpr auto nothrow = net::as_tuple(net::use_awaitable);

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

std::string reason(int status) {
  return std::string(bhttp::obsolete_reason(static_cast<bhttp::status>(status)));
}

std::string head(const ScriptedReply& reply, bool chunked) {
  std::string out =
      "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) + "\r\n";
  for (const auto& [name, value] : reply.headers) out += name + ": " + value + "\r\n";
  if (chunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else {
    out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
  }
  if (reply.close_after) out += "Connection: close\r\n";
  out += "\r\n";
  return out;
}

net::awaitable<void> sleep_for(std::chrono::milliseconds delay) {
  if (delay.count() <= 0) co_return;
  net::steady_timer timer(co_await net::this_coro::executor);
  timer.expires_after(delay);
  co_await timer.async_wait(nothrow);
}

}  // namespace

std::optional<std::string> ReceivedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return std::nullopt;
}

std::optional<std::string> ReceivedRequest::query(std::string_view name) const {
  const auto q = target.find('?');
  if (q == std::string::npos) return std::nullopt;
  std::string_view rest = std::string_view(target).substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name)
      return eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1));
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
  }
  return std::nullopt;
}

ScriptedReply ScriptedReply::json(int status, std::string body, Headers headers) {
  ScriptedReply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers = std::move(headers);
  reply.headers.emplace_back("Content-Type", "application/json");
  return reply;
}

ScriptedReply ScriptedReply::sse(std::vector<std::string> events, Headers headers,
                                 std::chrono::milliseconds gap) {
  ScriptedReply reply;
  reply.headers = std::move(headers);
  reply.headers.emplace_back("Content-Type", "text/event-stream");
  for (auto& event : events) reply.pieces.emplace_back(gap, "data: " + event + "\n\n");
  return reply;
}

TlsFiles make_test_certificates(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  const std::string d = dir.string();
  const std::string quiet = " >/dev/null 2>&1";
  const std::string commands[] = {
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
      " -subj /CN=modelcompare-test-ca -keyout " +
          d + "/ca.key -out " + d + "/ca.pem" + quiet,
      "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=localhost"
      " -keyout " +
          d + "/server.key -out " + d + "/server.csr" + quiet,
      "printf 'subjectAltName=DNS:localhost\\nbasicConstraints=CA:FALSE\\n' > " + d + "/ext.cnf",
      "openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d +
          "/ca.key -CAcreateserial -days 2 -extfile " + d + "/ext.cnf -out " + d + "/server.pem" +
          quiet,
  };
  for (const auto& command : commands)
    if (std::system(command.c_str()) != 0)
      throw std::runtime_error("test certificate generation failed: " + command);
  return {dir / "ca.pem", dir / "server.pem", dir / "server.key"};
}

class FakeHttpServer::Impl {
 public:
  Impl(FakeHttpServer& owner, Handler handler, const std::optional<TlsFiles>& tls)
      : owner_(owner),
        handler_(std::move(handler)),
        acceptor_(io_),
        tls_context_(ssl::context::tls_server) {
    if (tls) {
      tls_context_.use_certificate_chain_file(tls->server_certificate.string());
      tls_context_.use_private_key_file(tls->server_key.string(), ssl::context::pem);
    }
    tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    net::co_spawn(io_, accept_loop(tls.has_value()), net::detached);
    thread_ = std::thread([this] { io_.run(); });
  }

  ~Impl() {
    io_.stop();
    thread_.join();
  }

  unsigned short port() const { return port_; }
  std::vector<ReceivedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  net::awaitable<void> accept_loop(bool tls) {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(nothrow);
      if (ec) co_return;
      const int id = ++owner_.connections_;
      if (tls) {
        net::co_spawn(io_, serve_tls(std::move(socket), id), net::detached);
      } else {
        net::co_spawn(io_, serve_plain(std::move(socket), id), net::detached);
      }
    }
  }

  net::awaitable<void> serve_plain(tcp::socket socket, int id) {
    beast::tcp_stream stream(std::move(socket));
    co_await serve(stream, id);
  }

  net::awaitable<void> serve_tls(tcp::socket socket, int id) {
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), tls_context_);
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, nothrow);
    if (ec) co_return;  // the client refused our certificate: that is what some tests want
    co_await serve(stream, id);
  }

  template <class Stream>
  net::awaitable<void> serve(Stream& stream, int id) {
    beast::flat_buffer buffer;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, nothrow);
      if (ec) co_return;
      ReceivedRequest received;
      const auto& message = parser.get();
      received.method = std::string(message.method_string());
      received.target = std::string(message.target());
      for (const auto& field : message)
        received.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      received.body = message.body();
      received.connection = id;
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(received);
      }
      const ScriptedReply reply = handler_(received);
      co_await sleep_for(reply.delay_before_headers);
      if (reply.raw) {
        co_await net::async_write(stream, net::buffer(*reply.raw), nothrow);
        co_return;  // a malformed reply ends the connection
      }
      if (reply.reset_after_bytes) {
        const std::string partial =
            head(reply, false) + reply.body.substr(0, *reply.reset_after_bytes);
        co_await net::async_write(stream, net::buffer(partial), nothrow);
        const std::chrono::milliseconds settle(20);  // let the partial body reach the client
        co_await sleep_for(settle);
        auto& socket = beast::get_lowest_layer(stream).socket();
        socket.set_option(tcp::socket::linger(true, 0));  // close with RST
        beast::error_code ignored;
        socket.close(ignored);
        co_return;
      }
      const bool chunked = !reply.pieces.empty();
      std::string first = head(reply, chunked);
      if (!chunked) first += reply.body;
      if (auto [wec, written] = co_await net::async_write(stream, net::buffer(first), nothrow); wec)
        co_return;
      if (chunked) {
        for (const auto& [delay, piece] : reply.pieces) {
          co_await sleep_for(delay);
          std::string chunk =
              (std::ostringstream() << std::hex << piece.size()).str() + "\r\n" + piece + "\r\n";
          if (auto [wec, written] = co_await net::async_write(stream, net::buffer(chunk), nothrow);
              wec)
            co_return;
        }
        const std::string last = "0\r\n\r\n";
        if (auto [wec, written] = co_await net::async_write(stream, net::buffer(last), nothrow);
            wec)
          co_return;
      }
      if (reply.close_after || reply.drop_after || !message.keep_alive()) {
        beast::error_code ignored;
        beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
        co_return;
      }
    }
  }

  FakeHttpServer& owner_;
  Handler handler_;
  net::io_context io_;
  tcp::acceptor acceptor_;
  ssl::context tls_context_;
  unsigned short port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;
};

FakeHttpServer::FakeHttpServer(Handler handler, std::optional<TlsFiles> tls)
    : impl_(std::make_unique<Impl>(*this, std::move(handler), tls)),
      port_(impl_->port()),
      tls_(tls.has_value()) {}

FakeHttpServer::~FakeHttpServer() = default;

std::string FakeHttpServer::base_url() const {
  return tls_ ? "https://localhost:" + std::to_string(port_)
              : "http://127.0.0.1:" + std::to_string(port_);
}

std::vector<ReceivedRequest> FakeHttpServer::requests() const {
  return impl_->requests();
}

// ---------------------------------------------------------------------------------------------

class FakeConnectProxy::Impl {
 public:
  Impl() : acceptor_(io_) {
    tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    net::co_spawn(io_, accept_loop(), net::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Impl() {
    io_.stop();
    thread_.join();
  }
  unsigned short port() const { return port_; }
  std::vector<std::pair<std::string, std::string>> tunnels() const {
    std::lock_guard lock(mutex_);
    return tunnels_;
  }

 private:
  net::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(nothrow);
      if (ec) co_return;
      net::co_spawn(io_, tunnel(std::move(socket)), net::detached);
    }
  }

  static net::awaitable<void> relay(std::shared_ptr<tcp::socket> from,
                                    std::shared_ptr<tcp::socket> to) {
    std::array<char, 8192> data{};
    for (;;) {
      auto [rec, n] = co_await from->async_read_some(net::buffer(data), nothrow);
      if (rec) break;
      auto [wec, w] = co_await net::async_write(*to, net::buffer(data.data(), n), nothrow);
      if (wec) break;
    }
    beast::error_code ignored;
    to->shutdown(tcp::socket::shutdown_send, ignored);
  }

  net::awaitable<void> tunnel(tcp::socket socket) {
    auto client = std::make_shared<tcp::socket>(std::move(socket));
    beast::flat_buffer buffer;
    bhttp::request_parser<bhttp::empty_body> parser;
    auto [ec, n] = co_await bhttp::async_read_header(*client, buffer, parser, nothrow);
    if (ec || parser.get().method() != bhttp::verb::connect) co_return;
    const std::string target(parser.get().target());
    std::string authorization;
    if (auto it = parser.get().find(bhttp::field::proxy_authorization); it != parser.get().end())
      authorization = std::string(it->value());
    {
      std::lock_guard lock(mutex_);
      tunnels_.emplace_back(target, authorization);
    }
    const std::string port = target.substr(target.rfind(':') + 1);
    auto upstream = std::make_shared<tcp::socket>(io_);
    tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"),
                           static_cast<unsigned short>(std::stoi(port)));
    auto [cec] = co_await upstream->async_connect(endpoint, nothrow);
    const std::string answer = cec ? "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
                                   : "HTTP/1.1 200 Connection established\r\n\r\n";
    auto [wec, w] = co_await net::async_write(*client, net::buffer(answer), nothrow);
    if (cec || wec) co_return;
    net::co_spawn(io_, relay(client, upstream), net::detached);
    net::co_spawn(io_, relay(upstream, client), net::detached);
  }

  net::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> tunnels_;
};

FakeConnectProxy::FakeConnectProxy() : impl_(std::make_unique<Impl>()), port_(impl_->port()) {}
FakeConnectProxy::~FakeConnectProxy() = default;
std::vector<std::pair<std::string, std::string>> FakeConnectProxy::tunnels() const {
  return impl_->tunnels();
}

}  // namespace modelcompare::testing
