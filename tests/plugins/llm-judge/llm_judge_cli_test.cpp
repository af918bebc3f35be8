// The judge inside a real run: `modelcompare validate` and `run` with mock providers, one of them
// grading the others' answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

std::string config(const std::string& judge) {
  return R"json({
  "name": "judge-demo",
  "providers": [
    {"id": "model-a", "plugin": "mock",
     "options": {"template": "import matplotlib.pyplot as plt\nplt.pie([34.9, 28.6])"}},
    {"id": "grader", "plugin": "mock",
     "options": {"template": "Right numbers, no labels.\nSCORE: 8/10", "model": "grader-1"}}
  ],
  "defaults": {"repeat": 1},
  "scenarios": [
    {"id": "pie", "turns": [
      {"user": [{"text": "Draw the exam marks as a pie chart"}],
       "evaluators": [{"plugin": "llm-judge",
                       "options": {"judge": ")json" +
         judge + R"json(", "rubric": "A pie of the marks."}}]}
    ]}
  ],
  "output": {"dir": "runs"}
})json";
}

TEST(LlmJudgeCli, ValidateRefusesAJudgeThatIsNotAProvider) {
  TempDir dir;
  write_file(dir / "judge.json", config("gpt-4o"));
  const auto result = run_cli({"validate", (dir / "judge.json").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("llm-judge: option 'judge': 'gpt-4o' is not a provider of "
                                    "this config"));
  EXPECT_THAT(result.err, HasSubstr("judge.json"));
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

TEST(LlmJudgeCli, ARunRecordsTheGradeAndTheJudgesTokens) {
  TempDir dir;
  write_file(dir / "judge.json", config("grader"));
  const auto result =
      run_cli({"run", (dir / "judge.json").string(), "--out", (dir / "runs").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto run_dir = only_run_folder((dir / "runs").string());
  std::istringstream lines(read_file(std::filesystem::path(run_dir) / "results.jsonl"));
  int judged = 0;
  for (std::string line; std::getline(lines, line);) {
    const auto record = json::parse(line);
    if (record["provider"] != "model-a") continue;
    const auto& evaluation = record["evaluations"].at(0);
    EXPECT_EQ(evaluation["plugin"], "llm-judge");
    EXPECT_DOUBLE_EQ(evaluation["score"].get<double>(), 0.8);
    const auto& judge = evaluation["details"]["judge"];
    EXPECT_EQ(judge["provider"], "grader");
    EXPECT_EQ(judge["model"], "grader-1");
    EXPECT_EQ(judge["requests"], 1);
    EXPECT_GT(judge["usage"]["prompt_tokens"].get<int>(), 20);  // the rubric, question, answer
    // The judge's tokens are not the compared model's.
    EXPECT_NE(record["usage"]["prompt_tokens"], judge["usage"]["prompt_tokens"]);
    ++judged;
  }
  EXPECT_EQ(judged, 1);
}

}  // namespace
}  // namespace modelcompare::testing
