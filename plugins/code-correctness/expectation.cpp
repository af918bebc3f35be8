#include "expectation.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace modelcompare::code_correctness {
namespace {

[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& what) {
  throw std::invalid_argument(source + ": '" + key + "' " + what);
}

std::string shown(const nlohmann::json& value) {
  auto text = value.dump();
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

void reject_unknown_keys(const nlohmann::json& object, const std::set<std::string>& known,
                         const std::string& source, const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    if (!known.contains(key)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw std::invalid_argument(source + ": unknown key '" + where + key + "' (known: " + list +
                                  ")");
    }
  }
}

double fraction_in_unit_range(const nlohmann::json& value, const std::string& source,
                              const std::string& key) {
  if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1)
    fail(source, key, "must be a number from 0 to 1, got " + shown(value));
  return value.get<double>();
}

std::string text(const nlohmann::json& value, const std::string& source, const std::string& key) {
  if (!value.is_string()) fail(source, key, "must be a string, got " + shown(value));
  return value.get<std::string>();
}

}  // namespace

Expectation parse_expectation(const nlohmann::json& document, const std::string& source) {
  if (!document.is_object())
    throw std::invalid_argument(source + ": an expectation file must hold a JSON object");
  reject_unknown_keys(
      document,
      {"chart", "title", "slices", "wedge_labels", "legend", "saves", "tolerance", "pass"}, source,
      "");
  Expectation expectation;
  if (document.contains("chart")) {
    const auto chart = text(document["chart"], source, "chart");
    if (chart != "pie" && chart != "bar" && chart != "line" && chart != "scatter")
      fail(source, "chart",
           "must be one of pie, bar, line, scatter, got " + shown(document["chart"]));
    expectation.chart = chart;
  }
  if (document.contains("title")) expectation.title = text(document["title"], source, "title");
  if (document.contains("slices")) {
    const auto& slices = document["slices"];
    if (!slices.is_array() || slices.empty())
      fail(source, "slices", "must be a non-empty list of {label, fraction, color}");
    expectation.has_slices = true;
    std::set<std::string> labels;
    for (std::size_t i = 0; i < slices.size(); ++i) {
      const std::string where = "slices[" + std::to_string(i) + "]";
      const auto& slice = slices[i];
      if (!slice.is_object()) fail(source, where, "must be an object, got " + shown(slice));
      reject_unknown_keys(slice, {"label", "fraction", "color"}, source, where + ".");
      if (!slice.contains("label")) fail(source, where + ".label", "is missing");
      ExpectedSlice expected;
      expected.label = text(slice["label"], source, where + ".label");
      if (!labels.insert(expected.label).second)
        fail(source, where + ".label", "repeats \"" + expected.label + "\"");
      if (slice.contains("fraction"))
        expected.fraction = fraction_in_unit_range(slice["fraction"], source, where + ".fraction");
      if (slice.contains("color")) {
        expected.color = parse_color(slice["color"]);
        if (!expected.color)
          fail(source, where + ".color",
               "is not a matplotlib colour (letter, name, hex or [r, g, b] in 0..1): " +
                   shown(slice["color"]));
        expected.color_text =
            slice["color"].is_string() ? slice["color"].get<std::string>() : slice["color"].dump();
      }
      expectation.slices.push_back(std::move(expected));
    }
  }
  if (document.contains("wedge_labels")) {
    if (!document["wedge_labels"].is_boolean())
      fail(source, "wedge_labels", "must be true or false, got " + shown(document["wedge_labels"]));
    expectation.wedge_labels = document["wedge_labels"].get<bool>();
  }
  if (document.contains("legend")) {
    expectation.check_legend = true;
    const auto& legend = document["legend"];
    if (!legend.is_null()) {
      if (!legend.is_array())
        fail(source, "legend",
             "must be null (no legend) or a list of entries, got " + shown(legend));
      std::vector<std::string> entries;
      for (std::size_t i = 0; i < legend.size(); ++i)
        entries.push_back(text(legend[i], source, "legend[" + std::to_string(i) + "]"));
      expectation.legend = std::move(entries);
    }
  }
  if (document.contains("saves")) {
    expectation.saves = text(document["saves"], source, "saves");
    if (expectation.saves->empty() || expectation.saves->front() == '/' ||
        expectation.saves->find("..") != std::string::npos)
      fail(source, "saves",
           "must be a path relative to the code's working folder, got " + shown(document["saves"]));
  }
  if (document.contains("tolerance")) {
    const auto& tolerance = document["tolerance"];
    if (!tolerance.is_object())
      fail(source, "tolerance", "must be an object like {\"fraction\": 0.01, \"color\": 0.12}");
    reject_unknown_keys(tolerance, {"fraction", "color"}, source, "tolerance.");
    if (tolerance.contains("fraction"))
      expectation.fraction_tolerance =
          fraction_in_unit_range(tolerance["fraction"], source, "tolerance.fraction");
    if (tolerance.contains("color"))
      expectation.color_tolerance =
          fraction_in_unit_range(tolerance["color"], source, "tolerance.color");
  }
  if (document.contains("pass"))
    expectation.pass = fraction_in_unit_range(document["pass"], source, "pass");
  return expectation;
}

Expectation load_expectation(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(path.string() + ": cannot read the expectation file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(buffer.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument(path.string() + ": not valid JSON (" + e.what() + ")");
  }
  return parse_expectation(document, path.string());
}

}  // namespace modelcompare::code_correctness
