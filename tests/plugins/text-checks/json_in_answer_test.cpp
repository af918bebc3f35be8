#include "json_in_answer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace modelcompare::text_checks {
namespace {

using ::testing::HasSubstr;

TEST(JsonInAnswer, TheWholeAnswerSurroundedByWhitespace) {
  const auto found = find_json_in_answer("\n  {\"a\": [1, 2]}\n");
  ASSERT_TRUE(found.value);
  EXPECT_EQ((*found.value)["a"][1], 2);
  EXPECT_EQ(found.source, "the answer");
}

TEST(JsonInAnswer, AFencedJsonBlockInProse) {
  const auto found =
      find_json_in_answer("Here is the data:\n\n```json\n{\"price\": 3}\n```\nHope this helps.");
  ASSERT_TRUE(found.value);
  EXPECT_EQ((*found.value)["price"], 3);
  EXPECT_EQ(found.source, "the ```json block at line 3");
}

TEST(JsonInAnswer, TheJsonBlockWinsOverAnEarlierPythonBlock) {
  const auto found = find_json_in_answer("```python\nprint(1)\n```\n~~~JSON\n[true]\n~~~\n");
  ASSERT_TRUE(found.value);
  EXPECT_EQ(*found.value, nlohmann::json::parse("[true]"));
  EXPECT_EQ(found.source, "the ```json block at line 4");
}

TEST(JsonInAnswer, AnUnlabelledBlockThatParsesWhenNoJsonBlock) {
  const auto found = find_json_in_answer("Result:\n```\n{\"ok\": true}\n```");
  ASSERT_TRUE(found.value);
  EXPECT_EQ(found.source, "the ``` block at line 2");
}

TEST(JsonInAnswer, ABrokenJsonBlockSaysWhereAndWhy) {
  const auto found = find_json_in_answer("Sure!\n```json\n{\"a\": 1,}\n```");
  EXPECT_FALSE(found.value);
  EXPECT_THAT(found.problem, HasSubstr("the ```json block at line 2 is not JSON: parse error at "
                                       "line 1, column 9"));
  EXPECT_THAT(found.problem, ::testing::Not(HasSubstr("json.exception")));
}

TEST(JsonInAnswer, ProseWithoutBlock) {
  const auto found = find_json_in_answer("The price is three.");
  EXPECT_FALSE(found.value);
  EXPECT_THAT(found.problem, HasSubstr("the answer is not JSON ("));
  EXPECT_THAT(found.problem, HasSubstr(") and has no ```json block"));
}

TEST(JsonInAnswer, EmptyAnswer) {
  EXPECT_EQ(find_json_in_answer("  \n").problem, "the answer is empty");
}

TEST(JsonInAnswer, AnUnclosedFenceIsNotABlock) {
  EXPECT_FALSE(find_json_in_answer("```json\n{\"a\": 1}\n").value);
}

}  // namespace
}  // namespace modelcompare::text_checks
