#include "grade_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace modelcompare::llm_judge {
namespace {

using ::testing::HasSubstr;

TEST(GradeReader, FinalScoreLine) {
  const auto reading = read_grade("The chart is right but the legend is missing.\nSCORE: 7/10", 10);
  ASSERT_TRUE(reading.grade) << reading.problem;
  EXPECT_EQ(reading.grade->points, 7);
  EXPECT_EQ(reading.grade->reason, "The chart is right but the legend is missing.");
}

TEST(GradeReader, DecoratedAndSpacedVariants) {
  for (const char* reply : {"ok\n**Score:** 7 / 10", "ok\n### SCORE: 7/10\n", "ok\nscore = 7",
                            "ok\nScore: 7 out of 10.", "ok\n> SCORE: 7.0/10  "}) {
    const auto reading = read_grade(reply, 10);
    ASSERT_TRUE(reading.grade) << reply << ": " << reading.problem;
    EXPECT_EQ(reading.grade->points, 7) << reply;
  }
}

TEST(GradeReader, TheLastScoreLineCounts) {
  const auto reading =
      read_grade("First impression: SCORE: 9/10 would be too kind.\nSCORE: 3/10\nthanks\n", 10);
  ASSERT_TRUE(reading.grade);
  EXPECT_EQ(reading.grade->points, 3);
}

TEST(GradeReader, OtherScales) {
  EXPECT_EQ(read_grade("SCORE: 4/5", 5).grade->points, 4);
  EXPECT_EQ(read_grade("SCORE: 4/5", 10).problem,
            "the score line 'SCORE: 4/5' is not a grade from 0 to 10: the grade is out of 5, not "
            "out of 10");
}

TEST(GradeReader, OutOfRange) {
  EXPECT_EQ(read_grade("SCORE: 12/10", 10).problem,
            "the score line 'SCORE: 12/10' is not a grade from 0 to 10: 12 is above 10");
  EXPECT_THAT(read_grade("SCORE: -1", 10).problem, HasSubstr("-1 is below 0"));
}

TEST(GradeReader, JsonObject) {
  const auto reading = read_grade(R"({"score": 6, "reason": "wrong colours"})", 10);
  ASSERT_TRUE(reading.grade);
  EXPECT_EQ(reading.grade->points, 6);
  EXPECT_EQ(reading.grade->reason, "wrong colours");
  const auto fenced =
      read_grade("Here:\n```json\n{\"score\": 8.5, \"explanation\": \"x\"}\n```", 10);
  ASSERT_TRUE(fenced.grade);
  EXPECT_EQ(fenced.grade->points, 8.5);
  EXPECT_EQ(read_grade(R"({"grade": 6})", 10).problem,
            "the JSON object in the reply has no numeric \"score\"");
}

TEST(GradeReader, NoGrade) {
  EXPECT_EQ(read_grade("I think it is quite good overall.", 10).problem,
            "the reply has no line 'SCORE: N/10' and no JSON object with a \"score\"");
  EXPECT_EQ(read_grade(" \n", 10).problem, "the reply is empty");
  EXPECT_FALSE(read_grade("SCORE: seven/10", 10).grade);
}

}  // namespace
}  // namespace modelcompare::llm_judge
