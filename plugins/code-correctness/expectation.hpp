// The expectation file a user writes for a chart (the contract in
// docs/plugins/code-correctness.md). Every key is optional; only what is given is checked.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "rgb.hpp"

namespace modelcompare::code_correctness {

struct ExpectedSlice {
  std::string label;
  std::optional<double> fraction;
  std::optional<Rgb> color;
  std::string color_text;  // as the user wrote it, for findings
};

struct Expectation {
  std::optional<std::string> chart;  // pie, bar, line, scatter
  std::optional<std::string> title;
  std::vector<ExpectedSlice> slices;
  bool has_slices = false;
  std::optional<bool> wedge_labels;
  // Absent: not checked. null: no legend may be drawn. A list: its entries, order free.
  bool check_legend = false;
  std::optional<std::vector<std::string>> legend;
  std::optional<std::string> saves;  // may hold {{provider}}
  double fraction_tolerance = 0.01;
  double color_tolerance = 0.12;
  double pass = 0.8;
};

// Throws std::invalid_argument with one line naming the file and the key at fault.
Expectation parse_expectation(const nlohmann::json& document, const std::string& source);
Expectation load_expectation(const std::filesystem::path& path);

}  // namespace modelcompare::code_correctness
