#include "chart_scorer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace modelcompare::code_correctness {
namespace {

using nlohmann::json;
using ::testing::Contains;
using ::testing::HasSubstr;

json wedge(const std::string& label, double fraction, std::vector<double> color) {
  return {{"label", label}, {"fraction", fraction}, {"color", color}};
}

// A figure as the harness describes it: the demo's pie, with knobs to break it.
json pie_figure(std::vector<json> wedges, std::vector<std::string> labels, json legend,
                const std::string& saved, const std::string& title = "Marks obtained in an exam") {
  json axes = {{"title", title},
               {"kinds", {"pie"}},
               {"legend", legend},
               {"pie", {{"wedges", wedges}, {"labels", labels}, {"autopct", json::array()}}}};
  json saves = json::array();
  if (!saved.empty()) saves.push_back({{"requested", saved}, {"path", saved}, {"format", "jpg"}});
  return {{"index", 1},
          {"saves", saves},
          {"suptitle", ""},
          {"legends", json::array()},
          {"axes", {axes}}};
}

std::vector<json> demo_wedges() {
  return {wedge("maths", 0.3492, {0.75, 0, 0.75}), wedge("physics", 0.2857, {1, 0, 0}),
          wedge("chemistry", 0.2063, {0.75, 0.75, 0}), wedge("english", 0.1587, {0, 0.75, 0.75})};
}

class ChartScorer : public ::testing::Test {
 protected:
  ChartScorer() {
    expectation = load_expectation(std::string(MODELCOMPARE_SOURCE_DIR) +
                                   "/tests/plugins/code-correctness/fixtures/expect-turn1.json");
    execution.status = "ok";
    execution.job_dir = dir.path();
    testing::write_file(dir / "imgs/gpt-4o.jpg", "jpeg bytes");
  }
  testing::TempDir dir;
  Expectation expectation;
  ExecutionReport execution;
};

TEST_F(ChartScorer, AFaithfulChartScoresFullMarks) {
  execution.figures = {pie_figure(demo_wedges(), {"maths", "physics", "chemistry", "english"},
                                  nullptr, "imgs/gpt-4o.jpg")};
  const auto card = score_chart(expectation, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.score, 1.0);
  EXPECT_TRUE(card.passed);
  for (const char* criterion :
       {"runs", "chart", "data", "labels", "colors", "title", "legend", "saves"})
    EXPECT_DOUBLE_EQ(card.details[criterion].get<double>(), 1.0) << criterion;
  EXPECT_TRUE(card.details["findings"].empty()) << card.details["findings"];
}

TEST_F(ChartScorer, WrongFractionsAreFoundPerSlice) {
  auto wedges = demo_wedges();
  wedges[0]["fraction"] = 20.0 / 59;  // Phi-3-vision's marks in the lab
  wedges[3]["fraction"] = 10.0 / 59;
  execution.figures = {
      pie_figure(wedges, {"maths", "physics", "chemistry", "english"}, nullptr, "imgs/gpt-4o.jpg")};
  const auto card = score_chart(expectation, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.details["data"].get<double>(), 0.5);
  EXPECT_THAT(card.details["findings"], Contains("english: 0.169 drawn, 0.159 expected"));
  EXPECT_THAT(card.details["findings"], Contains("maths: 0.339 drawn, 0.349 expected"));
  EXPECT_NEAR(card.score, 8.0 / 9.0, 1e-9);
}

TEST_F(ChartScorer, MissingAndExtraSlicesBothCount) {
  auto wedges = demo_wedges();
  wedges.pop_back();
  wedges.push_back(wedge("art", 0.1587, {0, 0.75, 0.75}));
  execution.figures = {
      pie_figure(wedges, {"maths", "physics", "chemistry", "art"}, nullptr, "imgs/gpt-4o.jpg")};
  const auto card = score_chart(expectation, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.details["data"].get<double>(), 3.0 / 5.0);
  EXPECT_THAT(card.details["findings"], Contains("english: no such slice drawn"));
  EXPECT_THAT(card.details["findings"], Contains("extra slice \"art\" (0.159)"));
  EXPECT_THAT(card.details["findings"], Contains("wedge label: unexpected \"art\""));
}

TEST_F(ChartScorer, ColoursAreComparedInRgbWithTheTolerance) {
  auto wedges = demo_wedges();
  wedges[0]["color"] = {1, 0, 1};        // pure magenta, 0.204 away from 'm'
  wedges[1]["color"] = {0.95, 0.05, 0};  // close enough to 'r'
  execution.figures = {
      pie_figure(wedges, {"maths", "physics", "chemistry", "english"}, nullptr, "imgs/gpt-4o.jpg")};
  const auto card = score_chart(expectation, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.details["colors"].get<double>(), 0.75);
  EXPECT_THAT(card.details["findings"],
              Contains("maths: colour #ff00ff drawn, m (#bf00bf) expected, distance 0.20"));
}

TEST_F(ChartScorer, SlicesMatchByLabelInAnyOrder) {
  auto wedges = demo_wedges();
  std::reverse(wedges.begin(), wedges.end());
  execution.figures = {
      pie_figure(wedges, {"english", "chemistry", "physics", "maths"}, nullptr, "imgs/gpt-4o.jpg")};
  EXPECT_DOUBLE_EQ(score_chart(expectation, execution, "gpt-4o").score, 1.0);
}

TEST_F(ChartScorer, TurnTwoWantsALegendInsteadOfLabels) {
  auto turn2 = expectation;
  turn2.wedge_labels = false;
  turn2.legend = std::vector<std::string>{"maths", "physics", "chemistry", "english"};
  auto wedges = demo_wedges();
  for (auto& w : wedges) w["label"] = "";  // plt.legend(wedges, labels) names them
  execution.figures = {
      pie_figure(wedges, {}, json{"maths", "physics", "chemistry", "english"}, "imgs/gpt-4o.jpg")};
  auto card = score_chart(turn2, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.score, 1.0) << card.details;

  // Still labelled and no legend: both criteria fail and say why.
  execution.figures = {pie_figure(demo_wedges(), {"maths", "physics", "chemistry", "english"},
                                  nullptr, "imgs/gpt-4o.jpg")};
  card = score_chart(turn2, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.details["labels"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(card.details["legend"].get<double>(), 0.0);
  EXPECT_THAT(card.details["findings"], Contains("legend: none drawn"));
  EXPECT_THAT(card.details["findings"],
              Contains("labels: wedge labels drawn (4) where none were expected"));
  EXPECT_FALSE(card.passed);
}

TEST_F(ChartScorer, SavesUsesTheProviderAndNamesWhatWasSaved) {
  testing::write_file(dir / "imgs/plot.png", "png");
  execution.figures = {pie_figure(demo_wedges(), {"maths", "physics", "chemistry", "english"},
                                  nullptr, "imgs/plot.png")};
  const auto card = score_chart(expectation, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.details["saves"].get<double>(), 0.0);
  EXPECT_THAT(card.details["findings"],
              Contains("saves: imgs/gpt-4o.jpg expected, saved imgs/plot.png"));
}

TEST_F(ChartScorer, ATitleIsComparedIgnoringCaseAndSpacing) {
  execution.figures = {pie_figure(demo_wedges(), {"maths", "physics", "chemistry", "english"},
                                  nullptr, "imgs/gpt-4o.jpg", "  marks obtained IN an   exam")};
  EXPECT_DOUBLE_EQ(score_chart(expectation, execution, "gpt-4o").details["title"].get<double>(),
                   1.0);
  execution.figures[0]["axes"][0]["title"] = "Exam marks";
  const auto card = score_chart(expectation, execution, "gpt-4o");
  EXPECT_THAT(card.details["findings"],
              Contains("title: \"Exam marks\" drawn, \"Marks obtained in an exam\" expected"));
}

TEST_F(ChartScorer, NothingDrawnScoresZero) {
  execution.status = "exception";
  execution.error = "NameError: name 'plt' is not defined";
  const auto card = score_chart(expectation, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.score, 0.0);
  EXPECT_FALSE(card.passed);
  EXPECT_THAT(
      card.details["findings"],
      Contains(
          "the code did not run to its end: exception (NameError: name 'plt' is not defined)"));
  EXPECT_THAT(card.details["findings"], Contains("no figure was drawn"));
}

TEST_F(ChartScorer, TheBestOfSeveralFiguresIsScored) {
  json bar = {{"index", 1},
              {"saves", json::array()},
              {"suptitle", ""},
              {"legends", json::array()},
              {"axes", {{{"title", ""}, {"kinds", {"bar"}}, {"legend", nullptr}}}}};
  auto pie = pie_figure(demo_wedges(), {"maths", "physics", "chemistry", "english"}, nullptr,
                        "imgs/gpt-4o.jpg");
  pie["index"] = 2;
  execution.figures = {bar, pie};
  const auto card = score_chart(expectation, execution, "gpt-4o");
  EXPECT_DOUBLE_EQ(card.score, 1.0);
  EXPECT_EQ(card.details["figure"]["index"], 2);
  EXPECT_EQ(card.details["figures_drawn"], 2);
}

}  // namespace
}  // namespace modelcompare::code_correctness
