#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <regex>

#include "evaluator_fixture.hpp"

namespace modelcompare::testing {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;

class CodeCorrectness : public EvaluatorFixture {};

std::string with_provider(std::string text, const std::string& provider) {
  return std::regex_replace(text, std::regex(R"(\{\{provider\}\})"), provider);
}

TEST_F(CodeCorrectness, AFaithfulAnswerPassesBothTurns) {
  auto turn1 = make({{"expect", "expect-turn1.json"}});
  auto result = turn1->evaluate(
      input(with_provider(read_fixture("faithful-turn1.md"), "mock-faithful"), "mock-faithful"));
  EXPECT_DOUBLE_EQ(result.score, 1.0) << result.details.dump(2);
  EXPECT_TRUE(result.passed);
  EXPECT_EQ(result.details["execution"]["status"], "ok");
  EXPECT_THAT(result.details["execution"]["isolation"].get<std::string>(),
              HasSubstr("a pid namespace per job"));

  // The figure's PNG comes first for the image evaluator, then what the code saved.
  std::vector<std::string> images;
  for (const auto& artifact : result.artifacts)
    if (artifact.kind == "image") images.push_back(artifact.path.string());
  ASSERT_EQ(images.size(), 2u);
  EXPECT_THAT(images[0], HasSubstr("figures/mock-faithful-figure-1.png"));
  EXPECT_EQ(images[1], (artifacts_.path() / "mock-faithful/imgs/mock-faithful.jpg").string());
  for (const auto& image : images) EXPECT_GT(std::filesystem::file_size(image), 1000u) << image;
  EXPECT_EQ(read_file(artifacts_.path() / "mock-faithful/answer.py").substr(0, 31),
            "import matplotlib.pyplot as plt");

  auto turn2 = make({{"expect", "expect-turn2.json"}});
  result = turn2->evaluate(
      input(with_provider(read_fixture("faithful-turn2.md"), "mock-faithful"), "mock-faithful"));
  EXPECT_DOUBLE_EQ(result.score, 1.0) << result.details.dump(2);
  EXPECT_EQ(result.details["code"]["choice"], "2 blocks joined in order");
  EXPECT_EQ(result.details["figure"]["legend"], json({"maths", "physics", "chemistry", "english"}));
}

TEST_F(CodeCorrectness, RanksTheLabsOwnAnswersGpt4oAbovePhi3) {
  auto evaluator = make({{"expect", "expect-turn1.json"}});
  const auto gpt4o = evaluator->evaluate(input(read_fixture("lab-gpt4o.py"), "gpt-4o"));
  const auto phi3 = evaluator->evaluate(input(read_fixture("lab-phi-3-vision.py"), "phi-3-vision"));
  std::printf("lab gpt-4o: %.3f %s\nlab phi-3-vision: %.3f %s\n", gpt4o.score,
              gpt4o.details.dump().c_str(), phi3.score, phi3.details.dump().c_str());
  EXPECT_GT(gpt4o.score, phi3.score);
  EXPECT_TRUE(gpt4o.passed);
  EXPECT_FALSE(phi3.passed);
  EXPECT_DOUBLE_EQ(gpt4o.details["data"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(gpt4o.details["colors"].get<double>(), 0.25);  // only red is 'r'
  EXPECT_DOUBLE_EQ(phi3.details["data"].get<double>(), 0.5);
  EXPECT_THAT(phi3.details["findings"], Contains("english: 0.169 drawn, 0.159 expected"));
  EXPECT_THAT(phi3.details["findings"], Contains("maths: 0.339 drawn, 0.349 expected"));
}

TEST_F(CodeCorrectness, NoCodeScoresZero) {
  auto evaluator = make({{"expect", "expect-turn1.json"}});
  const auto result = evaluator->evaluate(input("I would use a pie chart for this.", "mock"));
  EXPECT_DOUBLE_EQ(result.score, 0.0);
  EXPECT_FALSE(result.passed);
  EXPECT_EQ(result.details["findings"], json({"no code found"}));
}

TEST_F(CodeCorrectness, WithoutAnExpectationOnlyRunningCounts) {
  auto evaluator = make(json::object());
  const auto result = evaluator->evaluate(input("```python\nprint('hi')\n```", "mock"));
  EXPECT_DOUBLE_EQ(result.score, 0.0) << "nothing drawn";
  EXPECT_EQ(result.details["execution"]["stdout_tail"], "hi\n");
  EXPECT_THAT(result.details["findings"], Contains("no expectation file: only runs checked"));
}

TEST_F(CodeCorrectness, RefusesBadOptionsWithTheirNames) {
  auto error_of = [&](json options) -> std::string {
    try {
      make(options);
    } catch (const sdk::PluginError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(error_of({{"expct", "x.json"}}),
            "code-correctness: unknown option 'expct' (known: cpu_seconds, expect, file_size_mb, "
            "harness, memory_mb, processes, provider, python, timeout_seconds)");
  EXPECT_EQ(error_of({{"timeout_seconds", "soon"}}),
            "code-correctness: option 'timeout_seconds' must be a number, got \"soon\"");
  EXPECT_EQ(error_of({{"timeout_seconds", 0}}),
            "code-correctness: option 'timeout_seconds' must be between 0.1 and 3600, got 0");
  EXPECT_EQ(
      error_of({{"expect", "absent.json"}}),
      "code-correctness: " + fixture_path("absent.json") + ": cannot read the expectation file");
  EXPECT_EQ(error_of({{"python", "/nonexistent/python3"}}),
            "code-correctness: option python names /nonexistent/python3, which is not an "
            "executable file");
}

TEST_F(CodeCorrectness, SaysWhenThePythonLacksMatplotlib) {
  TempDir dir("python-without-matplotlib");
  chmod(dir.path().c_str(), 0755);
  // -S leaves out site-packages, so matplotlib cannot be imported.
  write_file(dir / "python3", "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
  chmod((dir / "python3").c_str(), 0755);
  auto evaluator = make({{"python", (dir / "python3").string()}});
  try {
    evaluator->evaluate(input("```python\nprint(1)\n```", "mock"));
    FAIL() << "ran without matplotlib";
  } catch (const sdk::PluginError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no usable Python with matplotlib (option python)"));
    EXPECT_THAT(e.what(), HasSubstr("ModuleNotFoundError: No module named 'matplotlib'"));
  }
}

}  // namespace
}  // namespace modelcompare::testing
