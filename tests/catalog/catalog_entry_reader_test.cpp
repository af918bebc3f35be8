#include "catalog/catalog_entry_reader.hpp"

#include <gtest/gtest.h>

#include "catalog_test_entries.hpp"
#include "config/config_error.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::catalog {
namespace {

using testing::catalog_document;
using testing::TempDir;

nlohmann::json valid() {
  return catalog_document("m-2024-01-01", "m", "2024-01-01", 2, 8);
}

// The one-line error reading `document` as <dir>/<file_name> gives; fails when it reads fine.
std::string error_of(const nlohmann::json& document, const std::string& file_name = "") {
  TempDir dir("catalog-reader");
  const auto file =
      dir / (file_name.empty() ? document.at("id").get<std::string>() + ".json" : file_name);
  testing::write_file(file, document.dump(2));
  try {
    read_catalog_entry(file);
  } catch (const config::ConfigError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(file.string() + ": ", 0), 0u) << "names the file: " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
    return message.substr(file.string().size() + 2);
  }
  ADD_FAILURE() << "read without an error";
  return "";
}

TEST(CatalogEntryReader, ReadsEveryFigure) {
  TempDir dir("catalog-reader");
  auto document = valid();
  document["notes"] = "a note";
  const auto entry = read_catalog_entry(testing::write_catalog_document(dir.path(), document));
  EXPECT_EQ(entry.id, "m-2024-01-01");
  EXPECT_EQ(entry.model, "m");
  EXPECT_EQ(entry.version, "2024-01-01");
  EXPECT_EQ(entry.publisher, "Example Labs");
  EXPECT_EQ(entry.input_modalities, (std::vector<std::string>{"text", "image"}));
  EXPECT_EQ(entry.prices.input_per_1m, 2.0);
  EXPECT_EQ(entry.prices.cached_input_per_1m, 1.0);
  EXPECT_EQ(entry.prices.output_per_1m, 8.0);
  EXPECT_EQ(entry.prices.sources, (std::vector<std::string>{"https://example.com/prices"}));
  EXPECT_EQ(entry.prices.checked, "2026-11-28");
  EXPECT_EQ(entry.benchmarks.source, "https://example.com/evals");
  EXPECT_EQ(entry.notes, "a note");
  EXPECT_DOUBLE_EQ(*entry.accuracy(), (80 + 40 + 70 + 90) / 4.0);
  EXPECT_DOUBLE_EQ(*entry.portal_cost(), (3 * 2 + 8) / 4.0);
  EXPECT_DOUBLE_EQ(entry.token_prices()->cached_input_rate(), 1.0);
}

TEST(CatalogEntryReader, NullFiguresWithAReasonAreUnknown) {
  TempDir dir("catalog-reader");
  auto document = valid();
  document["prices"]["input_per_1m"] = nullptr;
  document["prices"]["cached_input_per_1m"] = nullptr;
  document["prices"]["notes"] = "no published price";
  document["benchmarks"]["gpqa"] = nullptr;
  document["notes"] = "GPQA not published";
  const auto entry = read_catalog_entry(testing::write_catalog_document(dir.path(), document));
  EXPECT_FALSE(entry.prices.input_per_1m);
  EXPECT_FALSE(entry.portal_cost()) << "no estimate without an input price";
  EXPECT_FALSE(entry.token_prices());
  EXPECT_FALSE(entry.accuracy()) << "accuracy averages all four benchmarks or none";
  EXPECT_EQ(entry.benchmarks.mmlu, 80.0);
}

TEST(CatalogEntryReader, MalformedJsonNamesLineAndColumn) {
  TempDir dir("catalog-reader");
  const auto file = dir / "broken.json";
  testing::write_file(file, "{\n  \"id\": \"broken\",\n  \"model\" \"x\"\n}\n");
  try {
    read_catalog_entry(file);
    FAIL() << "read without an error";
  } catch (const config::ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(file.string() + ":3:", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
  }
}

TEST(CatalogEntryReader, UnreadableFileIsNamed) {
  EXPECT_THROW(
      {
        try {
          read_catalog_entry("/nonexistent/folder/x.json");
        } catch (const config::ConfigError& e) {
          EXPECT_STREQ(e.what(), "/nonexistent/folder/x.json: cannot read the file");
          throw;
        }
      },
      config::ConfigError);
}

TEST(CatalogEntryReader, WrongTypeNamesThePointer) {
  auto document = valid();
  document["prices"]["output_per_1m"] = "10";
  EXPECT_EQ(error_of(document), "/prices/output_per_1m: expected a number, found a string \"10\"");
  document = valid();
  document["input_modalities"] = "text";
  EXPECT_EQ(error_of(document), "/input_modalities: expected an array, found a string \"text\"");
  document = valid();
  document["benchmarks"] = {1, 2};
  EXPECT_EQ(error_of(document), "/benchmarks: expected an object, found an array [1,2]");
  document = valid();
  document["input_modalities"] = {"text", 3};
  EXPECT_EQ(error_of(document), "/input_modalities/1: expected a string, found an integer");
}

TEST(CatalogEntryReader, UnknownKeysAreRefusedWithAGuess) {
  auto document = valid();
  document["publsher"] = "x";
  EXPECT_EQ(
      error_of(document).rfind("/: unknown key \"publsher\" (did you mean \"publisher\"?)", 0), 0u);
  document = valid();
  document["prices"]["ouput_per_1m"] = 3;
  EXPECT_EQ(error_of(document).rfind(
                "/prices: unknown key \"ouput_per_1m\" (did you mean \"output_per_1m\"?)", 0),
            0u);
  document = valid();
  document["benchmarks"]["humaneva"] = 3;
  EXPECT_EQ(error_of(document).rfind(
                "/benchmarks: unknown key \"humaneva\" (did you mean \"humaneval\"?)", 0),
            0u);
  document = valid();
  document["benchmarks"]["mgsm"] = 90;
  const auto message = error_of(document);
  EXPECT_NE(message.find("unknown key \"mgsm\"; allowed here: mmlu, gpqa, math, humaneval"),
            std::string::npos)
      << message;
}

TEST(CatalogEntryReader, MissingFiguresAskForNullAndANote) {
  auto document = valid();
  document["prices"].erase("cached_input_per_1m");
  EXPECT_EQ(error_of(document),
            "/prices: missing required key \"cached_input_per_1m\" (write null when the figure "
            "is unknown, and say why in \"notes\")");
  document = valid();
  document.erase("publisher");
  EXPECT_EQ(error_of(document), "/: missing required key \"publisher\"");
  document = valid();
  document.erase("benchmarks");
  EXPECT_EQ(error_of(document), "/: missing required key \"benchmarks\"");
}

TEST(CatalogEntryReader, NullWithoutAReasonIsRefused) {
  auto document = valid();
  document["prices"]["cached_input_per_1m"] = nullptr;
  EXPECT_EQ(error_of(document),
            "/prices/cached_input_per_1m: is null but no \"notes\" say why (write the reason "
            "in /prices/notes)");
  document = valid();
  document["benchmarks"]["math"] = nullptr;
  EXPECT_EQ(error_of(document),
            "/benchmarks/math: is null but no \"notes\" say why (write the reason in "
            "/benchmarks/notes)");
}

TEST(CatalogEntryReader, FiguresNeedSourcesAndDates) {
  auto document = valid();
  document["prices"].erase("sources");
  EXPECT_EQ(error_of(document),
            "/prices: missing required key \"sources\" (the URLs the prices "
            "were checked against)");
  document = valid();
  document["prices"]["sources"] = {"promptfoo"};
  EXPECT_EQ(error_of(document), "/prices/sources/0: expected an http(s) URL, found \"promptfoo\"");
  document = valid();
  document["benchmarks"].erase("source");
  EXPECT_EQ(error_of(document), "/benchmarks: missing required key \"source\"");
  document = valid();
  document["benchmarks"]["checked"] = "28/11/2026";
  EXPECT_EQ(error_of(document),
            "/benchmarks/checked: expected a date as YYYY-MM-DD, found \"28/11/2026\"");
}

TEST(CatalogEntryReader, ImplausibleFiguresAreRefused) {
  auto document = valid();
  document["prices"]["input_per_1m"] = -1;
  EXPECT_EQ(error_of(document), "/prices/input_per_1m: must be between 0 and 10000, found -1");
  document = valid();
  document["benchmarks"]["mmlu"] = 0.887;
  document["benchmarks"]["gpqa"] = 153.1;
  EXPECT_EQ(error_of(document), "/benchmarks/gpqa: must be between 0 and 100, found 153.1");
  document = valid();
  document["prices"]["cached_input_per_1m"] = 5;
  EXPECT_EQ(error_of(document),
            "/prices/cached_input_per_1m: a cached input price above the "
            "input price is surely a typo");
}

TEST(CatalogEntryReader, IdMustNameTheFile) {
  EXPECT_EQ(error_of(valid(), "other.json"),
            "/id: \"m-2024-01-01\" differs from the file name \"other.json\" (name the file "
            "<id>.json)");
  auto document = valid();
  document["id"] = "m 2024";
  EXPECT_EQ(error_of(document, "m 2024.json"),
            "/id: \"m 2024\" may hold only letters, digits, '.', '_' and '-'");
}

TEST(CatalogEntryReader, UnknownModalityIsRefusedWithAGuess) {
  auto document = valid();
  document["input_modalities"] = {"text", "imag"};
  EXPECT_EQ(error_of(document),
            "/input_modalities/1: unknown modality \"imag\" (did you mean "
            "\"image\"?); expected text, image, audio or video");
  document["input_modalities"] = nlohmann::json::array();
  EXPECT_EQ(error_of(document), "/input_modalities: needs at least 1 entry, found none");
}

}  // namespace
}  // namespace modelcompare::catalog
