// Every bad option gets one line naming the provider and the option.
#include <gtest/gtest.h>

#include "provider_fixture.hpp"

namespace modelcompare::testing {
namespace {

using nlohmann::json;

json valid() {
  return {{"endpoint", "https://lab.openai.azure.com/"},
          {"deployment", "gpt-4o"},
          {"api_key", "k-123"}};
}

std::string error_for(json options) {
  ProviderFixture fixture;
  try {
    fixture.provider(std::move(options));
  } catch (const sdk::PluginError& error) {
    return error.what();
  }
  return "(no error)";
}

json with(json changes, std::vector<std::string> drop = {}) {
  auto out = valid();
  for (const auto& key : drop) out.erase(key);
  if (changes.is_object()) out.update(changes);
  return out;
}

TEST(AzureOpenAiOptions, DefaultsForTheAzureStyle) {
  ProviderFixture fixture;
  auto provider = fixture.provider(valid());
  const auto& options = provider->options();
  EXPECT_EQ(options.endpoint, "https://lab.openai.azure.com");
  EXPECT_EQ(options.api, azure_openai::ApiStyle::azure);
  EXPECT_EQ(options.api_version, "2024-10-21");
  EXPECT_EQ(options.auth, azure_openai::AuthMode::api_key);
  EXPECT_TRUE(options.stream);
  EXPECT_EQ(options.max_in_flight, 4);
  EXPECT_EQ(options.max_retries, 3);
  const auto secrets = fixture.host.registered_secrets();
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "k-123"), secrets.end());
}

TEST(AzureOpenAiOptions, NamesEachBadOption) {
  const std::string p = "provider 'gpt-4o' (azure-openai): ";
  EXPECT_EQ(error_for(with({}, {"endpoint"})), p + "option 'endpoint' is required");
  EXPECT_EQ(
      error_for(with({{"endpoint", "lab.openai.azure.com"}})),
      p + "option 'endpoint' must start with https:// or http:// (got 'lab.openai.azure.com')");
  EXPECT_EQ(error_for(with({{"endpoint", 42}})), p + "option 'endpoint' must be a string (got 42)");
  EXPECT_EQ(error_for(with({}, {"deployment"})), p + "option 'deployment' is required");
  EXPECT_EQ(error_for(with({{"deployment", "gpt 4o"}})),
            p + "option 'deployment' must not contain '/', '?', '#', '&' or spaces (got 'gpt 4o')");
  EXPECT_EQ(
      error_for(with({{"api", "azur"}})),
      p + "option 'api' must be one of azure, azure-v1, model-inference, openai (got 'azur')");
  EXPECT_EQ(error_for(with({{"api_version", ""}})),
            p + "option 'api_version' must not be empty for api 'azure'");
  EXPECT_EQ(
      error_for(with({}, {"api_key"})),
      p + "option 'api_key' is required with auth 'key' (or set 'api_key_env', or auth 'entra')");
  EXPECT_EQ(error_for(with({{"api_key", ""}})),
            p + "option 'api_key' is empty (is the variable it names set?)");
  EXPECT_EQ(error_for(with({{"api_key_env", "NOT_SET_ANYWHERE"}}, {"api_key"})),
            p + "option 'api_key_env' names the variable NOT_SET_ANYWHERE, which is not set");
  EXPECT_EQ(error_for(with({{"auth", "entra"}})),
            p + "option 'api_key' makes no sense with auth 'entra'");
  EXPECT_EQ(error_for(with({{"stream", "yes"}})),
            p + "option 'stream' must be true or false (got \"yes\")");
  EXPECT_EQ(error_for(with({{"detail", "max"}})),
            p + "option 'detail' must be one of auto, low, high (got 'max')");
  EXPECT_EQ(error_for(with({{"max_in_flight", 0}})),
            p + "option 'max_in_flight' must be between 1 and 256 (got 0)");
  EXPECT_EQ(error_for(with({{"rpm", 1.5}})), p + "option 'rpm' must be an integer (got 1.5)");
  EXPECT_EQ(error_for(with({{"max_retries", 99}})),
            p + "option 'max_retries' must be between 0 and 20 (got 99)");
  EXPECT_EQ(
      error_for(with({{"max_tokens_field", "max_completion_tokens"}, {"api", "model-inference"}})),
      p + "option 'max_tokens_field' must be 'max_tokens' for api 'model-inference'");
  EXPECT_EQ(error_for(with({{"deplyment", "x"}})), p + "unknown option 'deplyment'");
}

TEST(AzureOpenAiOptions, NeverEchoesTheKey) {
  const auto message = error_for(with({{"api_key", 12345678}}));
  EXPECT_EQ(message, "provider 'gpt-4o' (azure-openai): option 'api_key' must be a string");
}

TEST(AzureOpenAiOptions, ReadsTheKeyFromANamedVariable) {
  ProviderFixture fixture;
  fixture.host.set_secret("LAB_KEY", "from-env-456");
  auto provider = fixture.provider(with({{"api_key_env", "LAB_KEY"}}, {"api_key"}));
  EXPECT_EQ(provider->options().api_key, "from-env-456");
}

TEST(AzureOpenAiOptions, OpenAiStyleNeedsNoKeyAndNoVersion) {
  ProviderFixture fixture;
  auto provider = fixture.provider(
      {{"endpoint", "http://127.0.0.1:11434/v1"}, {"deployment", "llava"}, {"api", "openai"}});
  EXPECT_EQ(provider->options().auth, azure_openai::AuthMode::none);
  EXPECT_EQ(provider->options().api_version, "");
}

}  // namespace
}  // namespace modelcompare::testing
