#include "judge_options.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace modelcompare::llm_judge {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

std::string error_for(const std::string& options, const std::filesystem::path& base = {}) {
  sdk::PluginContext context;
  context.options = json::parse(options);
  context.base_dir = base;
  try {
    parse_judge_options(context);
  } catch (const sdk::PluginError& e) {
    return e.what();
  }
  return "no error";
}

TEST(JudgeOptions, DefaultsAndValues) {
  sdk::PluginContext context;
  context.options = json::parse(R"({"judge": "gpt-4o", "rubric": "draws the chart",
      "scale": 5, "pass": "0.8", "max_images": 1, "attach_drawn_images": "false",
      "timeout_seconds": 30})");
  const auto options = parse_judge_options(context);
  EXPECT_EQ(options.judge, "gpt-4o");
  EXPECT_EQ(options.scale, 5);
  EXPECT_DOUBLE_EQ(options.pass, 0.8);
  EXPECT_EQ(options.max_images, 1);
  EXPECT_FALSE(options.attach_drawn_images);
  EXPECT_EQ(options.timeout.count(), 30);
  EXPECT_EQ(options.max_tokens, 800);
}

TEST(JudgeOptions, RubricFromAFileBesideTheConfig) {
  testing::TempDir dir;
  testing::write_file(dir / "rubrics" / "chart.md", "The pie has four slices.");
  sdk::PluginContext context;
  context.base_dir = dir.path();
  context.options = json::parse(R"({"judge": "j", "rubric_file": "rubrics/chart.md"})");
  EXPECT_EQ(parse_judge_options(context).rubric, "The pie has four slices.");
  EXPECT_EQ(error_for(R"({"judge": "j", "rubric_file": "rubrics/none.md"})", dir.path()),
            "llm-judge: option 'rubric_file' 'rubrics/none.md': no such file");
}

TEST(JudgeOptions, BadOptionsAreOneLineEach) {
  EXPECT_EQ(error_for(R"({"rubric": "x"})"),
            "llm-judge: option 'judge' is missing: the id of the provider in the config that "
            "grades the answers (e.g. \"gpt-4o\")");
  EXPECT_EQ(error_for(R"({"judge": "j"})"),
            "llm-judge: option 'rubric' is missing: what a good answer does, as text (or "
            "'rubric_file', a file beside the config)");
  EXPECT_EQ(error_for(R"({"judge": "j", "rubric": "x", "rubric_file": "y"})"),
            "llm-judge: give 'rubric' or 'rubric_file', not both");
  EXPECT_THAT(error_for(R"({"judge": "j", "rubric": "x", "rubrik": "y"})"),
              HasSubstr("llm-judge: unknown option 'rubrik' (did you mean 'rubric'?); known: "
                        "judge, rubric, rubric_file"));
  EXPECT_EQ(error_for(R"({"judge": "j", "rubric": "x", "scale": 0})"),
            "llm-judge: option 'scale' must be a whole number from 1 to 100, got 0");
  EXPECT_EQ(error_for(R"({"judge": "j", "rubric": "x", "pass": 70})"),
            "llm-judge: option 'pass' must be a number from 0 to 1, got 70");
  EXPECT_EQ(error_for(R"({"judge": "", "rubric": "x"})"),
            "llm-judge: option 'judge' must be a non-empty string, got \"\"");
}

}  // namespace
}  // namespace modelcompare::llm_judge
