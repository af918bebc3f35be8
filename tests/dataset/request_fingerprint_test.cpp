#include "run/request_fingerprint.hpp"

#include <gtest/gtest.h>

namespace modelcompare::run {
namespace {

config::ProviderConfig provider(const std::string& key) {
  return {"gpt-4o",
          "azure-openai",
          "",
          {{"endpoint", "https://x"}, {"api_key", key}, {"auth", {{"client_secret", key}}}},
          std::nullopt};
}

sdk::ChatRequest request(const std::string& text, int repeat) {
  sdk::ChatRequest r;
  r.messages = {{sdk::Role::user, {sdk::ContentPart::from_text(text)}}};
  r.params.max_tokens = 100;
  r.repeat = repeat;
  return r;
}

TEST(RequestFingerprint, SecretsAreLeftOutSoRotatingAKeyKeepsTheCache) {
  const auto stripped = options_without_secrets(provider("sk-1").options);
  EXPECT_FALSE(stripped.contains("api_key"));
  EXPECT_FALSE(stripped["auth"].contains("client_secret"));
  EXPECT_EQ(stripped["endpoint"], "https://x");
  EXPECT_EQ(request_fingerprint(provider("sk-1"), request("hi", 0)),
            request_fingerprint(provider("sk-2"), request("hi", 0)));
}

TEST(RequestFingerprint, ConversationParamsRepeatAndOptionsChangeIt) {
  const auto base = request_fingerprint(provider("k"), request("hi", 0));
  EXPECT_EQ(base.size(), 64u);
  EXPECT_NE(base, request_fingerprint(provider("k"), request("hello", 0)));
  EXPECT_NE(base, request_fingerprint(provider("k"), request("hi", 1)));
  auto other_params = request("hi", 0);
  other_params.params.temperature = 0.5;
  EXPECT_NE(base, request_fingerprint(provider("k"), other_params));
  auto other_endpoint = provider("k");
  other_endpoint.options["endpoint"] = "https://y";
  EXPECT_NE(base, request_fingerprint(other_endpoint, request("hi", 0)));
}

}  // namespace
}  // namespace modelcompare::run
