// Entra ID auth in the provider, secrets kept out of logs and messages, and the TLS suite.
#include <gtest/gtest.h>

#include "fake_azure_openai.hpp"
#include "provider_fixture.hpp"
#include "support/temp_dir.hpp"
#include "token_cache.hpp"

namespace modelcompare::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace replies = azure_replies;

// Hands out "entra-token-1", "entra-token-2", ... valid for an hour.
class CountingCredential final : public azure_auth::TokenCredential {
 public:
  explicit CountingCredential(int* calls) : calls_(calls) {}
  std::string name() const override { return "counting"; }
  boost::asio::awaitable<azure_auth::TokenOutcome> get_token(const std::string& scope) override {
    last_scope = scope;
    ++*calls_;
    co_return azure_auth::TokenOutcome::ok(
        {"entra-token-" + std::to_string(*calls_), std::chrono::system_clock::now() + 1h});
  }
  std::string last_scope;

 private:
  int* calls_;
};

std::unique_ptr<azure_openai::AzureOpenAiProvider> entra_provider(ProviderFixture& fixture,
                                                                  const FakeAzureOpenAi& fake,
                                                                  int* calls) {
  auto cache = std::make_unique<azure_auth::TokenCache>(std::make_unique<CountingCredential>(calls),
                                                        fixture.host);
  return std::make_unique<azure_openai::AzureOpenAiProvider>(
      fixture.context({{"endpoint", fake.endpoint()}, {"deployment", "gpt-4o"}, {"auth", "entra"}}),
      std::move(cache));
}

TEST(AzureOpenAiEntra, SendsABearerTokenAndReusesIt) {
  ProviderFixture fixture;
  FakeAzureOpenAi fake({.bearer_token = "entra-token-1"});
  int calls = 0;
  auto provider = entra_provider(fixture, fake, &calls);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(fixture.complete(*provider, lab_request()).ok());
  EXPECT_EQ(calls, 1);
  for (const auto& problem : fake.problems()) ADD_FAILURE() << problem;
  const auto secrets = fixture.host.registered_secrets();
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "entra-token-1"), secrets.end());
}

TEST(AzureOpenAiEntra, RefreshesTheTokenOnceOnA401) {
  ProviderFixture fixture;
  FakeAzureOpenAi fake({});
  fake.script(
      {replies::unauthorized_401(), replies::unauthorized_401(), replies::unauthorized_401()});
  int calls = 0;
  auto provider = entra_provider(fixture, fake, &calls);
  const auto result = fixture.complete(*provider, lab_request());
  // One refresh and one more try, then the 401 stands.
  EXPECT_EQ(result.error, sdk::ErrorKind::auth);
  EXPECT_EQ(result.retries, 1);
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("Authorization"), "Bearer entra-token-1");
  EXPECT_EQ(requests[1].header("Authorization"), "Bearer entra-token-2");
  EXPECT_EQ(calls, 2);
}

TEST(AzureOpenAiEntra, SucceedsWhenTheFreshTokenIsAccepted) {
  ProviderFixture fixture;
  FakeAzureOpenAi fake({});
  fake.script({replies::unauthorized_401()});
  int calls = 0;
  auto provider = entra_provider(fixture, fake, &calls);
  const auto result = fixture.complete(*provider, lab_request());
  EXPECT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.retries, 1);
}

// Greps everything a user or a report could see for the API key and the bearer token.
TEST(AzureOpenAiSecrets, NeitherKeyNorTokenAppearsInLogsMessagesOrResults) {
  const std::string key = "sk-LAB-KEY-5f3a9c1e77";
  std::vector<std::string> seen;
  ProviderFixture fixture;
  {
    FakeAzureOpenAi fake({.api_key = key});
    fake.script({replies::too_many_requests({{"retry-after-ms", "10"}}), replies::server_error(),
                 replies::unauthorized_401(), replies::content_filter_400(),
                 replies::deployment_not_found_404(), replies::stream({"fine"})});
    auto provider = fixture.provider({{"endpoint", fake.endpoint()},
                                      {"deployment", "gpt-4o"},
                                      {"api_key", key},
                                      {"initial_backoff_ms", 10}});
    for (int i = 0; i < 4; ++i) {
      const auto result = fixture.complete(*provider, lab_request());
      seen.push_back(result.error_message);
      seen.push_back(result.extra.dump());
      seen.push_back(result.content);
    }
    EXPECT_EQ(fake.requests().size(), 6u);
  }
  {
    FakeAzureOpenAi fake({});
    fake.script({replies::unauthorized_401(), replies::unauthorized_401()});
    int calls = 0;
    auto provider = entra_provider(fixture, fake, &calls);
    const auto result = fixture.complete(*provider, lab_request());
    EXPECT_EQ(result.error, sdk::ErrorKind::auth);
    seen.push_back(result.error_message);
    seen.push_back(result.extra.dump());
  }
  for (const auto& line : fixture.host.log_lines()) seen.push_back(line);
  ASSERT_GT(fixture.host.log_lines().size(), 2u);  // the retries were logged
  for (const auto& text : seen) {
    EXPECT_EQ(text.find(key), std::string::npos) << text;
    EXPECT_EQ(text.find("entra-token-"), std::string::npos) << text;
  }
}

class AzureOpenAiOverTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("azure-tls");
    files_ = new TlsFiles(make_test_certificates(dir_->path()));
  }
  static void TearDownTestSuite() {
    delete files_;
    delete dir_;
  }
  static TempDir* dir_;
  static TlsFiles* files_;
};
TempDir* AzureOpenAiOverTls::dir_ = nullptr;
TlsFiles* AzureOpenAiOverTls::files_ = nullptr;

TEST_F(AzureOpenAiOverTls, StreamsAndRetriesOverVerifiedHttps) {
  ProviderFixture fixture(files_->ca_certificate);
  FakeAzureOpenAi fake({.api_key = "tls-key"}, *files_);
  fake.script(
      {replies::too_many_requests({{"retry-after-ms", "50"}}), replies::stream({"over", " tls"})});
  ASSERT_EQ(fake.endpoint().rfind("https://localhost:", 0), 0u);
  auto provider = fixture.provider(
      {{"endpoint", fake.endpoint()}, {"deployment", "gpt-4o"}, {"api_key", "tls-key"}});
  const auto result = fixture.complete(*provider, lab_request());
  ASSERT_TRUE(result.ok()) << result.error_message;
  EXPECT_EQ(result.content, "over tls");
  EXPECT_EQ(result.retries, 1);
  EXPECT_TRUE(result.time_to_first_token);
  EXPECT_EQ(fake.connections(), 1);  // the retry reused the kept-alive TLS connection
  for (const auto& problem : fake.problems()) ADD_FAILURE() << problem;
}

TEST_F(AzureOpenAiOverTls, FailsClearlyWhenTheCertificateIsNotTrusted) {
  ProviderFixture fixture;  // system CAs only
  FakeAzureOpenAi fake({.api_key = "tls-key"}, *files_);
  auto provider = fixture.provider(
      {{"endpoint", fake.endpoint()}, {"deployment", "gpt-4o"}, {"api_key", "tls-key"}});
  const auto result = fixture.complete(*provider, lab_request());
  EXPECT_EQ(result.error, sdk::ErrorKind::network);
  EXPECT_NE(result.error_message.find("certificate verify failed"), std::string::npos)
      << result.error_message;
  EXPECT_EQ(result.retries, 0);  // a TLS failure does not heal by retrying
}

}  // namespace
}  // namespace modelcompare::testing
