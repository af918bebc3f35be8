#include "modelcompare/sdk/prompt_template.hpp"

#include <gtest/gtest.h>

namespace modelcompare::sdk {
namespace {

TEST(PromptTemplate, FillsKnownNamesAndKeepsUnknownOnes) {
  const nlohmann::json vars = {{"provider", "gpt-4o"}, {"repeat", 2}};
  EXPECT_EQ(render_template("imgs/{{provider}}.jpg", vars), "imgs/gpt-4o.jpg");
  EXPECT_EQ(render_template("{{ provider }}-{{repeat}}-{{other}}", vars), "gpt-4o-2-{{other}}");
  EXPECT_EQ(render_template("open {{ no close", vars), "open {{ no close");
}

}  // namespace
}  // namespace modelcompare::sdk
