#include "json_schema_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "modelcompare/sdk/plugin.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::text_checks {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::TempDir;
using testing::write_file;

constexpr const char* kPriceList = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["items"],
  "properties": {
    "items": {"type": "array", "minItems": 1,
              "items": {"$ref": "#/definitions/item"}}
  },
  "definitions": {
    "item": {"type": "object", "required": ["name", "price"],
             "properties": {"name": {"type": "string"}, "price": {"type": "number"}}}
  }
})";

class JsonSchemaTest : public ::testing::Test {
 protected:
  JsonSchema load(const std::string& text) {
    write_file(dir_ / "schema.json", text);
    return JsonSchema::load(dir_ / "schema.json", "schema.json", "text-checks: checks[0].schema");
  }
  std::string load_error(const std::string& text) {
    try {
      load(text);
    } catch (const sdk::PluginError& e) {
      return e.what();
    }
    return "no error";
  }
  TempDir dir_;
};

TEST_F(JsonSchemaTest, ValidDocumentHasNoViolations) {
  const auto schema = load(kPriceList);
  EXPECT_TRUE(
      schema.violations(json::parse(R"({"items": [{"name": "tea", "price": 3.5}]})")).empty());
}

TEST_F(JsonSchemaTest, TypeErrorNamesThePointerAndBothTypes) {
  const auto schema = load(kPriceList);
  EXPECT_THAT(schema.violations(json::parse(R"({"items": [{"name": "tea", "price": "3"}]})")),
              ElementsAre("/items/0/price: expected number, got string"));
}

TEST_F(JsonSchemaTest, SeveralViolationsMostSpecificFirstWithoutTheirParents) {
  const auto schema = load(kPriceList);
  EXPECT_THAT(
      schema.violations(json::parse(R"({"items": [{"price": 1}, {"name": 7, "price": 2}]})")),
      ElementsAre("/items/0: missing required property 'name'",
                  "/items/1/name: expected string, got integer"));
}

TEST_F(JsonSchemaTest, RootViolations) {
  const auto schema = load(kPriceList);
  EXPECT_THAT(schema.violations(json::parse("[1]")), ElementsAre("/: expected object, got array"));
  EXPECT_THAT(schema.violations(json::parse("{}")),
              ElementsAre("/: missing required property 'items'"));
}

TEST_F(JsonSchemaTest, ManyViolationsAreCapped) {
  const auto schema = load(R"({"type": "array", "items": {"type": "string"}})");
  const auto lines = schema.violations(json::parse("[1, 2, 3, 4, 5, 6, 7]"), 3);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "/0: expected string, got integer");
  EXPECT_EQ(lines[3], "... and 4 more");
}

TEST_F(JsonSchemaTest, MissingFile) {
  try {
    JsonSchema::load(dir_ / "nope.json", "schemas/nope.json", "text-checks: checks[1].schema");
    FAIL() << "no error";
  } catch (const sdk::PluginError& e) {
    EXPECT_EQ(std::string(e.what()),
              "text-checks: checks[1].schema schemas/nope.json: no such file");
  }
}

TEST_F(JsonSchemaTest, FileThatIsNotJson) {
  EXPECT_THAT(load_error("type: object\n"),
              HasSubstr("text-checks: checks[0].schema schema.json is not a JSON Schema: not JSON "
                        "(parse error at line 1, column 2: syntax error while parsing value"));
}

TEST_F(JsonSchemaTest, DataFileInsteadOfSchema) {
  EXPECT_EQ(load_error(R"({"name": "tea", "price": 3})"),
            "text-checks: checks[0].schema schema.json is not a JSON Schema: none of its keys "
            "(name, price) is a schema keyword such as type, properties or $schema");
}

TEST_F(JsonSchemaTest, ArrayIsNotASchema) {
  EXPECT_EQ(load_error("[1, 2]"),
            "text-checks: checks[0].schema schema.json is not a JSON Schema: a schema is an "
            "object, this file holds an array");
}

TEST_F(JsonSchemaTest, BadKeywordValue) {
  EXPECT_EQ(load_error(R"({"type": "numbr"})"),
            "text-checks: checks[0].schema schema.json is not a JSON Schema: unrecognised JSON "
            "type name 'numbr'");
}

TEST_F(JsonSchemaTest, ReferenceOutsideTheFileIsRefusedNotFollowed) {
  EXPECT_EQ(load_error(R"({"properties": {"a": {"$ref": "other.json"}}})"),
            "text-checks: checks[0].schema schema.json is not a JSON Schema: $ref 'other.json' at "
            "/properties/a/$ref leaves the file (only references such as '#/definitions/name' are "
            "followed)");
}

TEST_F(JsonSchemaTest, DanglingAndLoopingReferences) {
  EXPECT_THAT(load_error(R"({"$ref": "#/definitions/nope"})"),
              HasSubstr("$ref '#/definitions/nope' at /$ref points nowhere"));
  EXPECT_THAT(
      load_error(
          R"({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/a"}}})"),
      HasSubstr("loops back to '#/definitions/a'"));
}

TEST_F(JsonSchemaTest, RecursiveSchemaThroughPropertiesIsFine) {
  const auto schema = load(R"({"type": "object", "properties": {"next": {"$ref": "#"}}})");
  EXPECT_THAT(schema.violations(json::parse(R"({"next": {"next": 3}})")),
              ElementsAre("/next/next: expected object, got integer"));
}

}  // namespace
}  // namespace modelcompare::text_checks
