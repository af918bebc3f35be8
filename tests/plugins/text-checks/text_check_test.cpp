#include "text_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace modelcompare::text_checks {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::TempDir;
using testing::write_file;

class TextCheckTest : public ::testing::Test {
 protected:
  TextCheck parse(const std::string& spec, std::size_t index = 0) {
    sdk::PluginContext context;
    context.base_dir = dir_.path();
    return parse_text_check(json::parse(spec), index, context);
  }
  std::string parse_error(const std::string& spec, std::size_t index = 0) {
    try {
      parse(spec, index);
    } catch (const sdk::PluginError& e) {
      return e.what();
    }
    return "no error";
  }
  CheckOutcome run(const std::string& spec, const std::string& answer,
                   const json& vars = json::object()) {
    return run_text_check(parse(spec), answer, vars);
  }
  TempDir dir_;
};

TEST_F(TextCheckTest, Contains) {
  EXPECT_TRUE(run(R"({"check": "contains", "value": "plt.pie("})", "plt.pie(sizes)").passed);
  const auto outcome = run(R"({"check": "contains", "value": "plt.legend("})", "plt.pie(sizes)");
  EXPECT_FALSE(outcome.passed);
  EXPECT_EQ(outcome.finding, "contains 'plt.legend(' not found");
}

TEST_F(TextCheckTest, ContainsIsCaseSensitiveIcontainsIsNot) {
  EXPECT_FALSE(run(R"({"check": "contains", "value": "Legend"})", "add a legend").passed);
  EXPECT_TRUE(run(R"({"check": "icontains", "value": "Legend"})", "add a LEGEND").passed);
  EXPECT_EQ(run(R"({"check": "icontains", "value": "title"})", "add a legend").finding,
            "icontains 'title' not found (any case)");
}

TEST_F(TextCheckTest, ValuesAreFilledFromTheCaseVariables) {
  const json vars = {{"provider", "gpt-4o"}, {"city", "Paris"}};
  EXPECT_TRUE(run(R"({"check": "contains", "value": "imgs/{{provider}}.jpg"})",
                  "plt.savefig('imgs/gpt-4o.jpg')", vars)
                  .passed);
  EXPECT_EQ(run(R"({"check": "icontains", "value": "{{city}}"})", "Lyon", vars).finding,
            "icontains 'Paris' not found (any case)");
}

TEST_F(TextCheckTest, RegexSearchesWithLineAnchors) {
  const std::string answer = "Here you go:\ndef area(r):\n    return 3.14 * r * r\n";
  EXPECT_TRUE(run(R"({"check": "regex", "pattern": "^def \\w+"})", answer).passed);
  const auto outcome = run(R"({"check": "regex", "pattern": "^class \\w+"})", answer);
  EXPECT_FALSE(outcome.passed);
  EXPECT_EQ(outcome.finding, "regex ^class \\w+ not found");
  EXPECT_FALSE(run(R"({"check": "regex", "pattern": "DEF AREA"})", answer).passed);
  EXPECT_TRUE(
      run(R"({"check": "regex", "pattern": "DEF AREA", "ignore_case": true})", answer).passed);
}

TEST_F(TextCheckTest, RegexWithVariablesIsCompiledPerAnswer) {
  EXPECT_TRUE(run(R"({"check": "regex", "pattern": "savefig\\(.*{{provider}}\\.jpg"})",
                  "plt.savefig('imgs/mini.jpg')", {{"provider", "mini"}})
                  .passed);
  try {
    run(R"({"check": "regex", "pattern": "{{x}}"})", "a", {{"x", "("}});
    FAIL() << "no error";
  } catch (const sdk::PluginError& e) {
    EXPECT_THAT(e.what(), HasSubstr("text-checks: checks[0].pattern '(' is not a valid regex"));
  }
}

TEST_F(TextCheckTest, EqualsIgnoresSurroundingWhitespaceAndSaysWhereItDiffers) {
  EXPECT_TRUE(run(R"({"check": "equals", "value": "42"})", "  42\n").passed);
  const auto outcome = run(R"({"check": "equals", "value": "a = 1\nb = 2"})", "a = 1\nb = 3\n");
  EXPECT_FALSE(outcome.passed);
  EXPECT_EQ(outcome.finding, "equals: differs at line 2, column 5: expected '2', got '3'");
}

TEST_F(TextCheckTest, StartsWith) {
  EXPECT_TRUE(run(R"({"check": "starts-with", "value": "import"})", "\nimport matplotlib").passed);
  EXPECT_EQ(run(R"({"check": "starts-with", "value": "import"})",
                "Here is the code you asked for:\nimport matplotlib")
                .finding,
            "starts-with 'import' not met: the answer starts with 'Here is the code you...'");
}

TEST_F(TextCheckTest, IsJson) {
  EXPECT_TRUE(run(R"({"check": "is-json"})", "[1, 2]").passed);
  EXPECT_TRUE(run(R"({"check": "is-json"})", "Sure:\n```json\n{\"a\": 1}\n```").passed);
  EXPECT_THAT(run(R"({"check": "is-json"})", "{'a': 1}").finding,
              HasSubstr("is-json: the answer is not JSON (parse error at line 1, column 2"));
}

TEST_F(TextCheckTest, JsonSchemaFindingSaysWhereAndInWhichBlock) {
  write_file(dir_ / "schemas" / "price.json",
             R"({"type": "object", "properties": {"items": {"type": "array",
                 "items": {"type": "object", "properties": {"price": {"type": "number"}}}}}})");
  const std::string check = R"({"check": "json-schema", "schema": "schemas/price.json"})";
  EXPECT_TRUE(run(check, R"({"items": [{"price": 2}]})").passed);
  EXPECT_EQ(run(check, "Here:\n```json\n{\"items\": [{\"price\": \"2\"}]}\n```").finding,
            "json-schema: /items/0/price: expected number, got string (in the ```json block at "
            "line 2)");
  EXPECT_THAT(run(check, "no data").finding,
              HasSubstr("json-schema schemas/price.json: the answer is not JSON"));
}

TEST_F(TextCheckTest, MaxLengthCountsCharactersNotBytes) {
  EXPECT_TRUE(run(R"({"check": "max-length", "max": 5})", "héllo").passed);  // 6 bytes
  EXPECT_EQ(run(R"({"check": "max-length", "max": 3})", "héllo").finding,
            "max-length 3: the answer has 5 characters");
}

TEST_F(TextCheckTest, DescribeAndWeight) {
  const auto check = parse(R"({"check": "regex", "pattern": "x+", "weight": 2.5})");
  EXPECT_EQ(check.describe(), json::parse(R"({"check": "regex", "pattern": "x+", "weight": 2.5})"));
  EXPECT_EQ(parse(R"({"check": "is-json"})").describe(),
            json::parse(R"({"check": "is-json", "weight": 1.0})"));
}

// Bad input: one clear line each.

TEST_F(TextCheckTest, UnknownCheckName) {
  EXPECT_EQ(parse_error(R"({"check": "startswith", "value": "x"})", 3),
            "text-checks: checks[3].check 'startswith' is not a check (did you mean "
            "'starts-with'?); known: contains, icontains, regex, equals, starts-with, is-json, "
            "json-schema, max-length");
}

TEST_F(TextCheckTest, InvalidRegex) {
  EXPECT_EQ(parse_error(R"({"check": "regex", "pattern": "^def (\\w+"})", 1),
            "text-checks: checks[1].pattern '^def (\\w+' is not a valid regex: Unmatched marking "
            "parenthesis ( or \\( (at character 9)");
}

TEST_F(TextCheckTest, MissingValue) {
  EXPECT_EQ(parse_error(R"({"check": "contains"})"),
            "text-checks: checks[0] (contains) needs \"value\": the text to look for");
  EXPECT_EQ(parse_error(R"({"check": "regex"})"),
            "text-checks: checks[0] (regex) needs \"pattern\": the regular expression to search "
            "for");
  EXPECT_EQ(parse_error(R"({"check": "json-schema"})"),
            "text-checks: checks[0] (json-schema) needs \"schema\": the schema file, relative to "
            "the config");
  EXPECT_EQ(parse_error(R"({"check": "max-length"})"),
            "text-checks: checks[0] (max-length) needs \"max\": the most characters allowed");
  EXPECT_EQ(parse_error(R"({"check": "equals", "value": ""})"),
            "text-checks: checks[0].value is empty; equals needs \"value\": the whole expected "
            "answer");
}

TEST_F(TextCheckTest, MixedUpKeyGetsAHint) {
  EXPECT_EQ(parse_error(R"({"check": "regex", "value": "x"})"),
            "text-checks: checks[0] (regex): unknown key 'value' (did you mean 'pattern'?); regex "
            "takes: check, weight, pattern, ignore_case");
  EXPECT_EQ(parse_error(R"({"check": "contains", "valeu": "x"})"),
            "text-checks: checks[0] (contains): unknown key 'valeu' (did you mean 'value'?); "
            "contains takes: check, weight, value");
}

TEST_F(TextCheckTest, IllTypedValues) {
  EXPECT_EQ(parse_error(R"({"check": "contains", "value": 3})"),
            "text-checks: checks[0].value must be a string, got 3");
  EXPECT_EQ(parse_error(R"({"check": "max-length", "max": -1})"),
            "text-checks: checks[0].max must be a whole number of characters (0 or more), got -1");
  EXPECT_EQ(parse_error(R"({"check": "is-json", "weight": 0})"),
            "text-checks: checks[0].weight must be a number above 0, got 0");
  EXPECT_EQ(parse_error(R"("contains")"),
            "text-checks: checks[0] must be an object such as {\"check\": \"contains\", "
            "\"value\": \"...\"}, got \"contains\"");
  EXPECT_THAT(parse_error(R"({"value": "x"})"),
              HasSubstr("text-checks: checks[0] has no \"check\""));
}

TEST_F(TextCheckTest, SchemaThatIsNotASchemaResolvesAgainstTheConfigFolder) {
  write_file(dir_ / "data" / "row.json", R"({"name": "tea"})");
  EXPECT_EQ(parse_error(R"({"check": "json-schema", "schema": "data/row.json"})", 2),
            "text-checks: checks[2].schema data/row.json is not a JSON Schema: none of its keys "
            "(name) is a schema keyword such as type, properties or $schema");
}

}  // namespace
}  // namespace modelcompare::text_checks
