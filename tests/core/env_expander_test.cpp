#include "config/env_expander.hpp"

#include <gtest/gtest.h>

namespace modelcompare::config {
namespace {

TEST(EnvExpander, ExpandsNestedStringsAndReportsThePointer) {
  EnvExpander expander([](const std::string& name) -> std::optional<std::string> {
    if (name == "HOST") return "example.org";
    return std::nullopt;
  });
  const auto doc = nlohmann::json::parse(
      R"({"a": ["https://${HOST}/x", "${MISSING:-d}"], "b": {"c~/d": "${HOST}${HOST}"}})");
  std::vector<std::string> used;
  const auto out = expander.expand(
      doc, [](const std::string&, const std::string& m) { FAIL() << m; },
      [&](const std::string& name, const std::string&) { used.push_back(name); });
  EXPECT_EQ(out["a"][0], "https://example.org/x");
  EXPECT_EQ(out["a"][1], "d");
  EXPECT_EQ(out["b"]["c~/d"], "example.orgexample.org");
  EXPECT_EQ(used.size(), 3u);

  std::string where, what;
  expander.expand(
      nlohmann::json::parse(R"({"b": {"c~/d": "${NOPE}"}})"),
      [&](const std::string& p, const std::string& m) {
        where = p;
        what = m;
      },
      nullptr);
  EXPECT_EQ(where, "/b/c~0~1d");
  EXPECT_NE(what.find("${NOPE} is not set"), std::string::npos);
}

}  // namespace
}  // namespace modelcompare::config
