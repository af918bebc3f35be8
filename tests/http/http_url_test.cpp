#include "http/http_url.hpp"

#include <gtest/gtest.h>

namespace modelcompare::http {
namespace {

HttpUrl parse(std::string_view text) {
  auto parsed = parse_http_url(text);
  EXPECT_TRUE(std::holds_alternative<HttpUrl>(parsed)) << std::get<std::string>(parsed);
  return std::get<HttpUrl>(parsed);
}

std::string problem(std::string_view text) {
  auto parsed = parse_http_url(text);
  EXPECT_TRUE(std::holds_alternative<std::string>(parsed));
  return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "";
}

TEST(HttpUrl, SplitsHttpsWithDefaultPortAndQuery) {
  const auto url = parse(
      "https://lab.openai.azure.com/openai/deployments/gpt-4o/chat/"
      "completions?api-version=2024-10-21");
  EXPECT_TRUE(url.tls);
  EXPECT_EQ(url.host, "lab.openai.azure.com");
  EXPECT_EQ(url.port, "443");
  EXPECT_EQ(url.target, "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
  EXPECT_EQ(url.authority(), "lab.openai.azure.com");
}

TEST(HttpUrl, PlainHttpWithPortAndEmptyPath) {
  const auto url = parse("http://127.0.0.1:11434");
  EXPECT_FALSE(url.tls);
  EXPECT_EQ(url.port, "11434");
  EXPECT_EQ(url.target, "/");
  EXPECT_EQ(url.authority(), "127.0.0.1:11434");
}

TEST(HttpUrl, Ipv6LiteralKeepsBracketsOnlyInAuthority) {
  const auto url = parse("http://[::1]:8080/v1");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.authority(), "[::1]:8080");
}

TEST(HttpUrl, RejectsOtherSchemesNamingThem) {
  EXPECT_NE(problem("ftp://example.com/x").find("unsupported URL scheme 'ftp'"), std::string::npos);
}

TEST(HttpUrl, RejectsGarbageNamingTheUrl) {
  const auto message = problem("not a url");
  EXPECT_NE(message.find("invalid URL 'not a url'"), std::string::npos) << message;
}

}  // namespace
}  // namespace modelcompare::http
