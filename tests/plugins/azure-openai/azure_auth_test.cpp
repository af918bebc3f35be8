// The Entra ID credentials against fake token endpoints and a fake `az`, and the token cache.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "azure_cli_credential.hpp"
#include "client_secret_credential.hpp"
#include "default_credential.hpp"
#include "fake_http_server.hpp"
#include "managed_identity_credential.hpp"
#include "provider_fixture.hpp"
#include "support/temp_dir.hpp"
#include "token_cache.hpp"
#include "token_response.hpp"

namespace modelcompare::azure_auth {
namespace {

using namespace std::chrono_literals;
using testing::FakeHttpServer;
using testing::ReceivedRequest;
using testing::run_awaitable;
using testing::ScriptedReply;

constexpr const char* kScope = "https://cognitiveservices.azure.com/.default";

TokenOutcome get(testing::ProviderFixture& fixture, TokenCredential& credential) {
  return run_awaitable(fixture.host.io_context(), credential.get_token(kScope));
}

// A port nothing listens on.
unsigned short closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

TEST(ClientSecretCredential, PostsTheFormAndReadsTheToken) {
  FakeHttpServer entra([](const ReceivedRequest&) {
    return ScriptedReply::json(
        200,
        R"({"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ-client-secret-token"})");
  });
  testing::ProviderFixture fixture;
  ClientSecretCredential credential(fixture.host, entra.base_url() + "/", "tenant-1", "app-1",
                                    "s3cr&t=value");
  const auto before = std::chrono::system_clock::now();
  const auto outcome = get(fixture, credential);
  ASSERT_TRUE(outcome.token) << outcome.error;
  EXPECT_EQ(outcome.token->token, "eyJ-client-secret-token");
  EXPECT_GE(outcome.token->expires_on, before + 3599s);
  const auto request = entra.requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/tenant-1/oauth2/v2.0/token");
  EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(request.body,
            "grant_type=client_credentials&client_id=app-1&client_secret=s3cr%26t%3Dvalue&scope="
            "https%3A%2F%2Fcognitiveservices.azure.com%2F.default");
  const auto secrets = fixture.host.registered_secrets();
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "s3cr&t=value"), secrets.end());
}

TEST(ClientSecretCredential, ReportsEntrasOwnWordsButNotTheSecret) {
  FakeHttpServer entra([](const ReceivedRequest&) {
    return ScriptedReply::json(
        401,
        R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1","error_codes":[7000215]})");
  });
  testing::ProviderFixture fixture;
  ClientSecretCredential credential(fixture.host, entra.base_url(), "tenant-1", "app-1",
                                    "wrong-secret-xyz");
  const auto outcome = get(fixture, credential);
  EXPECT_FALSE(outcome.token);
  EXPECT_FALSE(outcome.unavailable);
  EXPECT_EQ(outcome.error,
            "client secret credential (tenant tenant-1): HTTP 401 invalid_client: AADSTS7000215: "
            "Invalid client secret provided.");
}

TEST(ClientSecretCredential, RefusesAPlainHttpAuthorityElsewhereThanLocalhost) {
  testing::ProviderFixture fixture;
  try {
    ClientSecretCredential credential(fixture.host, "http://login.example.com", "t", "c", "s");
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(),
                 "AZURE_AUTHORITY_HOST must be an https:// URL (got 'http://login.example.com')");
  }
}

TEST(ManagedIdentityCredential, AsksImdsForTheResourceWithTheMetadataHeader) {
  FakeHttpServer imds([](const ReceivedRequest& request) {
    if (request.header("Metadata") != "true")
      return ScriptedReply::json(400, R"({"error":"bad_request_102"})");
    return ScriptedReply::json(
        200,
        R"({"access_token":"eyJ-imds-token","refresh_token":"","expires_in":"3599","expires_on":"1506484173","resource":"https://cognitiveservices.azure.com","token_type":"Bearer"})");
  });
  testing::ProviderFixture fixture;
  ManagedIdentityCredential credential(
      fixture.host,
      {imds.base_url() + "/metadata/identity/oauth2/token", "Metadata", "true", "2018-02-01", ""},
      1s);
  const auto outcome = get(fixture, credential);
  ASSERT_TRUE(outcome.token) << outcome.error;
  EXPECT_EQ(outcome.token->token, "eyJ-imds-token");
  const auto request = imds.requests().at(0);
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.target,
            "/metadata/identity/oauth2/"
            "token?api-version=2018-02-01&resource=https%3A%2F%2Fcognitiveservices.azure.com");
}

TEST(ManagedIdentityCredential, IsUnavailableWhereNoEndpointAnswers) {
  testing::ProviderFixture fixture;
  ManagedIdentityCredential credential(
      fixture.host,
      {"http://127.0.0.1:" + std::to_string(closed_port()) + "/metadata/identity/oauth2/token",
       "Metadata", "true", "2018-02-01", ""},
      1s);
  const auto outcome = get(fixture, credential);
  EXPECT_TRUE(outcome.unavailable);
  EXPECT_EQ(
      outcome.error.rfind("no managed identity endpoint answered (cannot connect to 127.0.0.1:", 0),
      0u)
      << outcome.error;
}

std::string fake_az(const testing::TempDir& dir, const std::string& script) {
  const auto path = dir / "az";
  testing::write_file(path, "#!/bin/sh\n" + script);
  chmod(path.c_str(), 0755);
  return path.string();
}

TEST(AzureCliCredential, RunsAzAndReadsItsJson) {
  testing::TempDir dir("fake-az");
  const auto az = fake_az(
      dir,
      "echo \"$@\" > \"$(dirname \"$0\")/args\"\n"
      "echo '{\"accessToken\":\"eyJ-cli-token\",\"expiresOn\":\"2030-01-01 10:00:00.000000\","
      "\"expires_on\":1893492000,\"tokenType\":\"Bearer\"}'\n");
  testing::ProviderFixture fixture;
  AzureCliCredential credential(fixture.host, az, 10s);
  const auto outcome = get(fixture, credential);
  ASSERT_TRUE(outcome.token) << outcome.error;
  EXPECT_EQ(outcome.token->token, "eyJ-cli-token");
  EXPECT_EQ(outcome.token->expires_on, std::chrono::system_clock::from_time_t(1893492000));
  EXPECT_EQ(testing::read_file(dir / "args"),
            "account get-access-token --output json --scope "
            "https://cognitiveservices.azure.com/.default\n");
  const auto secrets = fixture.host.registered_secrets();
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "eyJ-cli-token"), secrets.end());
}

TEST(AzureCliCredential, IsUnavailableWhenNotSignedInOrNotInstalled) {
  testing::TempDir dir("fake-az");
  testing::ProviderFixture fixture;
  AzureCliCredential signed_out(
      fixture.host,
      fake_az(dir, "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n"), 10s);
  auto outcome = get(fixture, signed_out);
  EXPECT_TRUE(outcome.unavailable);
  EXPECT_EQ(outcome.error,
            "Azure CLI is not signed in (ERROR: Please run 'az login' to setup account.)");

  AzureCliCredential missing(fixture.host, (dir / "no-such-az").string(), 10s);
  outcome = get(fixture, missing);
  EXPECT_TRUE(outcome.unavailable);
  EXPECT_NE(outcome.error.find("No such file or directory"), std::string::npos) << outcome.error;
}

TEST(AzureCliCredential, KillsAHangingAz) {
  testing::TempDir dir("fake-az");
  testing::ProviderFixture fixture;
  AzureCliCredential hanging(fixture.host, fake_az(dir, "exec sleep 30\n"), 300ms);
  const auto outcome = get(fixture, hanging);
  EXPECT_FALSE(outcome.unavailable);
  EXPECT_EQ(outcome.error, "Azure CLI: az account get-access-token did not finish within 300 ms");
}

TEST(DefaultCredential, UsesTheClientSecretFromTheEnvironmentAndTheAuthorityHost) {
  FakeHttpServer entra([](const ReceivedRequest&) {
    return ScriptedReply::json(200, R"({"expires_in":3599,"access_token":"eyJ-env-token"})");
  });
  testing::ProviderFixture fixture;
  fixture.host.set_secret("AZURE_TENANT_ID", "tenant-9");
  fixture.host.set_secret("AZURE_CLIENT_ID", "app-9");
  fixture.host.set_secret("AZURE_CLIENT_SECRET", "secret-9");
  fixture.host.set_secret("AZURE_AUTHORITY_HOST", entra.base_url());
  auto chain = make_default_credential(fixture.host);
  const auto outcome = get(fixture, *chain);
  ASSERT_TRUE(outcome.token) << outcome.error;
  EXPECT_EQ(outcome.token->token, "eyJ-env-token");
  EXPECT_EQ(entra.requests().at(0).target, "/tenant-9/oauth2/v2.0/token");
}

TEST(DefaultCredential, FallsThroughToManagedIdentityAndSaysWhyEachStepFailed) {
  testing::TempDir dir("fake-az");
  testing::ProviderFixture fixture;
  fixture.host.set_secret("AZURE_POD_IDENTITY_AUTHORITY_HOST",
                          "http://127.0.0.1:" + std::to_string(closed_port()));
  auto chain = make_default_credential(fixture.host, {(dir / "no-az").string(), 500ms, 5s});
  const auto outcome = get(fixture, *chain);
  EXPECT_FALSE(outcome.token);
  const auto& e = outcome.error;
  EXPECT_EQ(
      e.rfind("no credential could get a token for https://cognitiveservices.azure.com/.default (",
              0),
      0u)
      << e;
  EXPECT_NE(
      e.find(
          "environment: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are not all set"),
      std::string::npos)
      << e;
  EXPECT_NE(e.find("; managed identity: no managed identity endpoint answered"), std::string::npos)
      << e;
  EXPECT_NE(e.find("; Azure CLI: Azure CLI not available"), std::string::npos) << e;
}

class ScriptedCredential final : public TokenCredential {
 public:
  std::string name() const override { return "scripted"; }
  boost::asio::awaitable<TokenOutcome> get_token(const std::string&) override {
    ++calls;
    co_return TokenOutcome::ok(
        {"token-" + std::to_string(calls), std::chrono::system_clock::now() + lifetime});
  }
  int calls = 0;
  std::chrono::seconds lifetime{3600};
};

TEST(TokenCache, ReusesATokenUntilTwoMinutesBeforeItExpires) {
  testing::ProviderFixture fixture;
  auto credential = std::make_unique<ScriptedCredential>();
  auto* raw = credential.get();
  TokenCache cache(std::move(credential), fixture.host);
  auto& io = fixture.host.io_context();
  EXPECT_EQ(run_awaitable(io, cache.get(kScope)).token->token, "token-1");
  EXPECT_EQ(run_awaitable(io, cache.get(kScope)).token->token, "token-1");
  EXPECT_EQ(raw->calls, 1);
  EXPECT_EQ(run_awaitable(io, cache.get("https://management.azure.com/.default")).token->token,
            "token-2");

  raw->lifetime = 100s;  // inside the two-minute margin: never reused
  const std::string other = "https://monitor.azure.com/.default";
  EXPECT_EQ(run_awaitable(io, cache.get(other)).token->token, "token-3");
  EXPECT_EQ(run_awaitable(io, cache.get(other)).token->token, "token-4");
}

TEST(TokenCache, DropsARejectedTokenOnceAndSharesOneFetchBetweenConcurrentCallers) {
  testing::ProviderFixture fixture;
  auto credential = std::make_unique<ScriptedCredential>();
  auto* raw = credential.get();
  TokenCache cache(std::move(credential), fixture.host);
  auto& io = fixture.host.io_context();
  std::vector<std::string> tokens(5);
  for (int i = 0; i < 5; ++i)
    boost::asio::co_spawn(
        io,
        [&, i]() -> boost::asio::awaitable<void> {
          tokens[i] = (co_await cache.get(kScope)).token->token;
        },
        boost::asio::detached);
  io.run();
  EXPECT_EQ(raw->calls, 1);
  for (const auto& token : tokens) EXPECT_EQ(token, "token-1");
  EXPECT_EQ(run_awaitable(io, cache.get(kScope, "token-1")).token->token, "token-2");
  EXPECT_EQ(run_awaitable(io, cache.get(kScope, "token-1")).token->token,
            "token-2");  // stale report
}

TEST(TokenResponse, AcceptsNumbersAndNumericStringsAndNamesWhatIsMissing) {
  const auto now = std::chrono::system_clock::from_time_t(1'700'000'000);
  EXPECT_EQ(parse_oauth_token(R"({"access_token":"a","expires_in":"60"})", now).expires_on,
            now + 60s);
  EXPECT_EQ(parse_oauth_token(R"({"access_token":"a","expires_on":1700000100})", now).expires_on,
            now + 100s);
  try {
    parse_oauth_token(R"({"access_token":"a"})", now);
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "the token response has neither expires_in nor expires_on");
  }
  try {
    parse_oauth_token("<html>", now);
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "the token response is not JSON");
  }
}

}  // namespace
}  // namespace modelcompare::azure_auth
