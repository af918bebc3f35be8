#include "expectation.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace modelcompare::code_correctness {
namespace {

using nlohmann::json;

std::string error_of(const std::string& text) {
  try {
    parse_expectation(json::parse(text), "expect.json");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(Expectation, ReadsTheContractExample) {
  const auto e = parse_expectation(json::parse(R"({"chart": "pie", "title": "Marks",
      "slices": [{"label": "maths", "fraction": 0.349, "color": "m"},
                 {"label": "physics", "color": [1, 0, 0]}],
      "wedge_labels": true, "legend": null, "saves": "imgs/{{provider}}.jpg",
      "tolerance": {"fraction": 0.02, "color": 0.1}, "pass": 0.7})"),
                                   "x");
  EXPECT_EQ(e.chart, "pie");
  ASSERT_EQ(e.slices.size(), 2u);
  EXPECT_DOUBLE_EQ(*e.slices[0].fraction, 0.349);
  EXPECT_NEAR((*e.slices[0].color)[0], 0.75, 1e-6);
  EXPECT_FALSE(e.slices[1].fraction.has_value());
  EXPECT_TRUE(e.check_legend);
  EXPECT_FALSE(e.legend.has_value());
  EXPECT_EQ(e.saves, "imgs/{{provider}}.jpg");
  EXPECT_DOUBLE_EQ(e.fraction_tolerance, 0.02);
  EXPECT_DOUBLE_EQ(e.pass, 0.7);
}

TEST(Expectation, EveryKeyIsOptional) {
  const auto e = parse_expectation(json::object(), "x");
  EXPECT_FALSE(e.chart || e.title || e.wedge_labels || e.saves || e.has_slices || e.check_legend);
  EXPECT_DOUBLE_EQ(e.pass, 0.8);
  EXPECT_DOUBLE_EQ(e.fraction_tolerance, 0.01);
  EXPECT_DOUBLE_EQ(e.color_tolerance, 0.12);
}

TEST(Expectation, NamesAnUnknownKey) {
  EXPECT_EQ(error_of(R"({"titel": "x"})"),
            "expect.json: unknown key 'titel' (known: chart, legend, pass, saves, slices, "
            "title, tolerance, wedge_labels)");
  EXPECT_EQ(error_of(R"({"slices": [{"label": "a", "colour": "r"}]})"),
            "expect.json: unknown key 'slices[0].colour' (known: color, fraction, label)");
  EXPECT_EQ(error_of(R"({"tolerance": {"fractions": 0.1}})"),
            "expect.json: unknown key 'tolerance.fractions' (known: color, fraction)");
}

TEST(Expectation, NamesBadValues) {
  EXPECT_EQ(error_of(R"({"chart": "donut"})"),
            "expect.json: 'chart' must be one of pie, bar, line, scatter, got \"donut\"");
  EXPECT_EQ(error_of(R"({"slices": [{"label": "a", "fraction": "0.3"}]})"),
            "expect.json: 'slices[0].fraction' must be a number from 0 to 1, got \"0.3\"");
  EXPECT_EQ(error_of(R"({"slices": [{"label": "a", "fraction": 34.9}]})"),
            "expect.json: 'slices[0].fraction' must be a number from 0 to 1, got 34.9");
  EXPECT_EQ(error_of(R"({"slices": [{"label": "a", "color": "magentaa"}]})"),
            "expect.json: 'slices[0].color' is not a matplotlib colour (letter, name, hex or "
            "[r, g, b] in 0..1): \"magentaa\"");
  EXPECT_EQ(error_of(R"({"slices": [{"fraction": 0.5}]})"),
            "expect.json: 'slices[0].label' is missing");
  EXPECT_EQ(error_of(R"({"slices": [{"label": "a"}, {"label": "a"}]})"),
            "expect.json: 'slices[1].label' repeats \"a\"");
  EXPECT_EQ(error_of(R"({"slices": []})"),
            "expect.json: 'slices' must be a non-empty list of {label, fraction, color}");
  EXPECT_EQ(error_of(R"({"wedge_labels": "yes"})"),
            "expect.json: 'wedge_labels' must be true or false, got \"yes\"");
  EXPECT_EQ(error_of(R"({"legend": "maths"})"),
            "expect.json: 'legend' must be null (no legend) or a list of entries, got \"maths\"");
  EXPECT_EQ(error_of(R"({"legend": ["a", 2]})"),
            "expect.json: 'legend[1]' must be a string, got 2");
  EXPECT_EQ(error_of(R"({"saves": "/etc/passwd"})"),
            "expect.json: 'saves' must be a path relative to the code's working folder, got "
            "\"/etc/passwd\"");
  EXPECT_EQ(error_of(R"({"pass": 80})"),
            "expect.json: 'pass' must be a number from 0 to 1, got 80");
  EXPECT_EQ(error_of(R"([1, 2])"), "expect.json: an expectation file must hold a JSON object");
}

TEST(Expectation, NamesTheFileWhenItIsMissingOrNotJson) {
  testing::TempDir dir;
  try {
    load_expectation(dir / "absent.json");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "absent.json").string() + ": cannot read the expectation file");
  }
  testing::write_file(dir / "broken.json", "{\"chart\": ");
  try {
    load_expectation(dir / "broken.json");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).rfind((dir / "broken.json").string() + ": not valid JSON (", 0),
              0u)
        << e.what();
  }
}

}  // namespace
}  // namespace modelcompare::code_correctness
