#include "http/proxy_settings.hpp"

#include <gtest/gtest.h>

namespace modelcompare::http {
namespace {

HttpUrl url(bool tls, std::string host, std::string port) {
  return HttpUrl{tls, std::move(host), std::move(port), "/"};
}

TEST(ProxySettings, HttpsUrlsUseTheHttpsProxy) {
  const auto settings = ProxySettings::parse("http://proxy.corp:3128", "", "");
  const auto proxy = settings.for_url(url(true, "lab.openai.azure.com", "443"));
  ASSERT_TRUE(proxy);
  EXPECT_EQ(proxy->display(), "proxy.corp:3128");
  EXPECT_TRUE(proxy->authorization.empty());
  EXPECT_FALSE(settings.for_url(url(false, "localhost", "11434")));  // no HTTP_PROXY set
}

TEST(ProxySettings, SchemeLessProxyDefaultsToHttp) {
  const auto settings = ProxySettings::parse("proxy.corp:8080", "", "");
  ASSERT_TRUE(settings.for_url(url(true, "a.b", "443")));
  EXPECT_EQ(settings.for_url(url(true, "a.b", "443"))->port, "8080");
}

TEST(ProxySettings, CredentialsBecomeBasicAuthorization) {
  const auto settings = ProxySettings::parse("http://alice:s%3Acret@proxy:3128", "", "");
  const auto proxy = settings.for_url(url(true, "x.y", "443"));
  ASSERT_TRUE(proxy);
  // base64("alice:s:cret")
  EXPECT_EQ(proxy->authorization, "Basic YWxpY2U6czpjcmV0");
  EXPECT_EQ(proxy->display().find("alice"), std::string::npos);
}

TEST(ProxySettings, NoProxyMatchesHostsSuffixesPortsAndStar) {
  const auto settings = ProxySettings::parse("http://proxy:3128", "",
                                             "localhost, .internal.corp,example.com,10.0.0.1:8443");
  EXPECT_FALSE(settings.for_url(url(true, "localhost", "443")));
  EXPECT_FALSE(settings.for_url(url(true, "api.internal.corp", "443")));
  EXPECT_FALSE(settings.for_url(url(true, "internal.corp", "443")));
  EXPECT_FALSE(settings.for_url(url(true, "www.example.com", "443")));
  EXPECT_TRUE(settings.for_url(url(true, "notexample.com", "443")));
  EXPECT_FALSE(settings.for_url(url(true, "10.0.0.1", "8443")));
  EXPECT_TRUE(settings.for_url(url(true, "10.0.0.1", "443")));
  EXPECT_TRUE(settings.for_url(url(true, "lab.openai.azure.com", "443")));
  EXPECT_FALSE(ProxySettings::parse("http://proxy:3128", "", "*").for_url(url(true, "a", "443")));
}

TEST(ProxySettings, MalformedProxyNamesTheVariableNotTheValue) {
  try {
    ProxySettings::parse("https://bob:hunter2@proxy:3128", "", "");
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("HTTPS_PROXY must be an http:// proxy URL"), std::string::npos)
        << message;
    EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  }
  try {
    ProxySettings::parse("", "http://[broken", "", "HTTPS_PROXY", "http_proxy");
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "http_proxy is not a valid proxy URL");
  }
}

}  // namespace
}  // namespace modelcompare::http
