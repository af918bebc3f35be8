// The HTTP client over TLS, with a CA and a server certificate (DNS:localhost) made at test time,
// directly and through a CONNECT proxy.
#include <gtest/gtest.h>

#include "fake_http_server.hpp"
#include "http/http_client.hpp"
#include "run_awaitable.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::http {
namespace {

using testing::FakeConnectProxy;
using testing::FakeHttpServer;
using testing::ReceivedRequest;
using testing::run_awaitable;
using testing::ScriptedReply;
using testing::TlsFiles;

class HttpClientTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir("http-tls");
    files_ = new TlsFiles(testing::make_test_certificates(dir_->path()));
  }
  static void TearDownTestSuite() {
    delete files_;
    delete dir_;
  }

  HttpClientTls()
      : server_([](const ReceivedRequest& r) { return ScriptedReply::json(200, "tls:" + r.body); },
                *files_) {}

  std::unique_ptr<sdk::HttpClient> client(bool trust_test_ca, ProxySettings proxy = {}) {
    HttpClientOptions options;
    options.proxy = std::move(proxy);
    if (trust_test_ca) options.extra_ca_file = files_->ca_certificate;
    return make_http_client(io_, options);
  }

  sdk::HttpResponse send(sdk::HttpClient& client, const std::string& url) {
    sdk::HttpRequest request;
    request.url = url;
    request.body = "hello";
    return run_awaitable(io_, client.send(request));
  }

  static testing::TempDir* dir_;
  static TlsFiles* files_;
  boost::asio::io_context io_;
  FakeHttpServer server_;
};

testing::TempDir* HttpClientTls::dir_ = nullptr;
TlsFiles* HttpClientTls::files_ = nullptr;

TEST_F(HttpClientTls, VerifiesTheServerAgainstTheExtraCaAndKeepsTheConnection) {
  auto https = client(true);
  for (int i = 0; i < 2; ++i) {
    const auto response = send(*https, server_.base_url() + "/x");
    ASSERT_EQ(response.error, sdk::TransportError::none) << response.error_message;
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "tls:hello");
  }
  EXPECT_EQ(server_.connections_accepted(), 1);
}

TEST_F(HttpClientTls, RejectsACertificateNoTrustedCaSigned) {
  auto https = client(false);  // system CAs only
  const auto response = send(*https, server_.base_url() + "/x");
  EXPECT_EQ(response.error, sdk::TransportError::tls);
  EXPECT_NE(response.error_message.find(
                "TLS handshake with localhost:" + std::to_string(server_.port()) + " failed"),
            std::string::npos)
      << response.error_message;
  EXPECT_NE(response.error_message.find("certificate verify failed"), std::string::npos)
      << response.error_message;
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(HttpClientTls, RejectsACertificateForAnotherHostName) {
  auto https = client(true);
  // The certificate names DNS:localhost only; 127.0.0.1 is the same server under another name.
  const auto response = send(*https, "https://127.0.0.1:" + std::to_string(server_.port()) + "/x");
  EXPECT_EQ(response.error, sdk::TransportError::tls);
  EXPECT_NE(response.error_message.find("certificate verify failed"), std::string::npos)
      << response.error_message;
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(HttpClientTls, TunnelsThroughAConnectProxyWithCredentials) {
  FakeConnectProxy proxy;
  auto https = client(
      true,
      ProxySettings::parse("http://user:pw@127.0.0.1:" + std::to_string(proxy.port()), "", ""));
  const auto response = send(*https, server_.base_url() + "/x");
  ASSERT_EQ(response.error, sdk::TransportError::none) << response.error_message;
  EXPECT_EQ(response.body, "tls:hello");
  const auto tunnels = proxy.tunnels();
  ASSERT_EQ(tunnels.size(), 1u);
  EXPECT_EQ(tunnels[0].first, "localhost:" + std::to_string(server_.port()));
  EXPECT_EQ(tunnels[0].second, "Basic dXNlcjpwdw==");  // base64("user:pw")
}

TEST_F(HttpClientTls, NoProxyGoesDirect) {
  FakeConnectProxy proxy;
  auto https = client(true, ProxySettings::parse("http://127.0.0.1:" + std::to_string(proxy.port()),
                                                 "", "localhost"));
  const auto response = send(*https, server_.base_url() + "/x");
  ASSERT_EQ(response.error, sdk::TransportError::none) << response.error_message;
  EXPECT_TRUE(proxy.tunnels().empty());
}

TEST_F(HttpClientTls, NamesAnUnreadableCaFile) {
  HttpClientOptions options;
  options.proxy = ProxySettings{};
  options.extra_ca_file = dir_->path() / "missing-ca.pem";
  try {
    make_http_client(io_, options);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(
        std::string(error.what()).find("cannot load the CA file " + options.extra_ca_file.string()),
        std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace modelcompare::http
