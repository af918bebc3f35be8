// `modelcompare evaluate text-checks` with the real binary and the built plugin.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

using ::testing::HasSubstr;

class TextChecksCli : public ::testing::Test {
 protected:
  CliResult evaluate(const std::string& answer, const std::vector<std::string>& options,
                     bool json = true) {
    write_file(dir_ / "answer.md", answer);
    std::vector<std::string> args = {"evaluate",     "text-checks",
                                     "--plugin-dir", MODELCOMPARE_PLUGIN_DIR,
                                     "--candidate",  (dir_ / "answer.md").string()};
    for (const auto& option : options) args.insert(args.end(), {"--option", option});
    if (json) args.push_back("--json");
    return run_cli(args);
  }
  TempDir dir_;
};

TEST_F(TextChecksCli, PassingAnswerPrintsJsonAndExitsZero) {
  const auto result =
      evaluate("```json\n{\"price\": 3}\n```",
               {R"(checks=[{"check":"is-json"},{"check":"contains","value":"price"}])"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto out = nlohmann::json::parse(result.out);
  EXPECT_EQ(out["plugin"], "text-checks");
  EXPECT_EQ(out["score"], 1.0);
  EXPECT_EQ(out["passed"], true);
  EXPECT_EQ(out["details"]["total_checks"], 2);
}

TEST_F(TextChecksCli, FailingAnswerExitsOneWithFindingsAndSchemaResolvedFromTheCurrentFolder) {
  write_file(dir_ / "schema.json",
             R"({"type": "object", "properties": {"price": {"type": "number"}}})");
  const auto result =
      evaluate("{\"price\": \"3\"}",
               {"checks=[{\"check\":\"json-schema\",\"schema\":\"" +
                    (dir_ / "schema.json").string() + "\"},{\"check\":\"max-length\",\"max\":100}]",
                "pass=0.4"});
  ASSERT_EQ(result.exit_code, 0) << result.err;  // 1 of 2 checks passed: 0.5 >= 0.4
  const auto out = nlohmann::json::parse(result.out);
  EXPECT_EQ(out["score"], 0.5);
  EXPECT_EQ(out["details"]["findings"][0], "json-schema: /price: expected number, got string");

  const auto strict = evaluate(
      "{\"price\": \"3\"}", {"checks=[{\"check\":\"regex\",\"pattern\":\"^def \\\\w+\"}]"}, false);
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
  EXPECT_THAT(strict.out, HasSubstr("text-checks: score 0.000, not passed"));
  EXPECT_THAT(strict.out, HasSubstr("regex ^def \\\\w+ not found"));  // JSON-escaped backslash
}

TEST_F(TextChecksCli, BadCheckIsOneLineAndExitTwo) {
  const auto result = evaluate("x", {R"(checks=[{"check":"regx","pattern":"a"}])"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("evaluate: text-checks: checks[0].check 'regx' is not a check "
                                    "(did you mean 'regex'?)"));
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

}  // namespace
}  // namespace modelcompare::testing
