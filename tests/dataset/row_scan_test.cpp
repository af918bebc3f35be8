// The first pass over a scenario's rows: counts, and the messages for rows that cannot be used.
#include "dataset/row_scan.hpp"

#include <gtest/gtest.h>

#include "dataset/dataset_error.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::dataset {
namespace {

using testing::TempDir;
using testing::write_file;

config::ScenarioConfig csv_scenario(const std::filesystem::path& file, const std::string& text) {
  config::ScenarioConfig scenario;
  scenario.id = "qa";
  scenario.dataset = config::DatasetConfig{file, config::DatasetConfig::Format::csv, ""};
  config::TurnConfig turn;
  config::PromptPart part;
  part.text = text;
  turn.user.push_back(part);
  scenario.turns.push_back(turn);
  return scenario;
}

std::string error_of(const config::ScenarioConfig& scenario, const std::filesystem::path& config) {
  try {
    scan_rows(scenario, config);
  } catch (const DatasetError& e) {
    return e.what();
  }
  return "no error";
}

TEST(RowScan, CountsRows) {
  TempDir dir;
  write_file(dir / "d.csv", "id,question\n1,a\n2,b\n3,c\n");
  EXPECT_EQ(
      scan_rows(csv_scenario(dir / "d.csv", "{{question}} from {{provider}}"), dir / "c.json"), 3u);
}

TEST(RowScan, AVariableNoRowProvidesNamesItTheScenarioAndTheRow) {
  TempDir dir;
  write_file(dir / "d.csv", "id,question\n1,a\n");
  EXPECT_EQ(error_of(csv_scenario(dir / "d.csv", "{{question}} {{ answer }}"), dir / "c.json"),
            (dir / "d.csv").string() +
                ":2: scenario \"qa\" uses {{answer}}, which this row does not provide (it has id, "
                "question)");
}

TEST(RowScan, AJsonlRowMissingAVariableIsNamedByLine) {
  TempDir dir;
  write_file(dir / "d.jsonl", "{\"q\": 1}\n{\"x\": 2}\n");
  auto scenario = csv_scenario(dir / "d.jsonl", "{{q}}");
  scenario.dataset->format = config::DatasetConfig::Format::jsonl;
  EXPECT_EQ(error_of(scenario, dir / "c.json"),
            (dir / "d.jsonl").string() +
                ":2: scenario \"qa\" uses {{q}}, which this row does not provide (it has x)");
}

TEST(RowScan, AVariableInAScenarioWithoutRowsIsNamed) {
  TempDir dir;
  config::ScenarioConfig scenario = csv_scenario(dir / "unused.csv", "{{topic}} for {{provider}}");
  scenario.dataset.reset();
  EXPECT_EQ(error_of(scenario, dir / "c.json"),
            (dir / "c.json").string() +
                ": scenario \"qa\" uses {{topic}}, but it has no \"dataset\" or \"vars\" to "
                "provide it");
}

TEST(RowScan, DuplicateIdsAreRefused) {
  TempDir dir;
  write_file(dir / "d.csv", "id,question\n1,a\n1,b\n");
  EXPECT_EQ(error_of(csv_scenario(dir / "d.csv", "{{question}}"), dir / "c.json"),
            (dir / "d.csv").string() + ":3: same case key \"1\" as " + (dir / "d.csv").string() +
                ":2 (ids must be unique within a scenario)");
}

TEST(RowScan, InlineVarsAreRows) {
  TempDir dir;
  config::ScenarioConfig scenario = csv_scenario(dir / "unused.csv", "{{city}}");
  scenario.dataset.reset();
  scenario.vars = nlohmann::json::array({{{"city", "Oslo"}}, {{"town", "Bergen"}}});
  EXPECT_EQ(error_of(scenario, dir / "c.json"),
            (dir / "c.json").string() +
                ": scenario \"qa\" vars/1: scenario \"qa\" uses {{city}}, which this row does not "
                "provide (it has town)");
  scenario.vars = nlohmann::json::array({{{"city", "Oslo"}}, {{"city", "Bergen"}}});
  EXPECT_EQ(scan_rows(scenario, dir / "c.json"), 2u);
}

TEST(RowScan, AnImagePathFromARowMustNameAFile) {
  TempDir dir;
  write_file(dir / "d.csv", "id,picture\n1,there.png\n2,missing.png\n");
  write_file(dir / "there.png", "x");
  auto scenario = csv_scenario(dir / "d.csv", "look");
  config::PromptPart image;
  image.kind = config::PromptPart::Kind::image;
  image.image_template = "{{picture}}";
  scenario.turns[0].user.push_back(image);
  EXPECT_EQ(error_of(scenario, dir / "c.json"),
            (dir / "d.csv").string() + ":3: scenario \"qa\": image \"{{picture}}\" is " +
                (dir / "missing.png").string() + " for this row, which is not a file");
}

// A large file streams: 100,000 rows are counted without keeping them (only their keys).
TEST(RowScan, HundredThousandRowsStream) {
  TempDir dir;
  std::string text = "id,question\n";
  for (int i = 0; i < 100'000; ++i)
    text += std::to_string(i) + ",\"question number " + std::to_string(i) + ", with a comma\"\n";
  write_file(dir / "big.csv", text);
  EXPECT_EQ(scan_rows(csv_scenario(dir / "big.csv", "{{question}}"), dir / "c.json"), 100'000u);
}

}  // namespace
}  // namespace modelcompare::dataset
