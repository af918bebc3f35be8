// `modelcompare catalog` through the real binary: with the shipped catalog (copied into the build
// tree's share/modelcompare/catalog) and with temporary catalog folders.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "catalog_test_entries.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

// The environment a user without MODELCOMPARE_CATALOG_PATH has.
const std::map<std::string, std::string> kNoCatalogPath = {{"MODELCOMPARE_CATALOG_PATH", ""}};

CliResult catalog(std::vector<std::string> args,
                         std::map<std::string, std::string> environment = kNoCatalogPath) {
  args.insert(args.begin(), "catalog");
  return run_cli(args, environment);
}

// Exit 2 with exactly one line on stderr; returns that line without "modelcompare: ".
std::string failure(const CliResult& result) {
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  const std::string prefix = "modelcompare: ";
  EXPECT_EQ(result.err.rfind(prefix, 0), 0u) << result.err;
  std::string line = result.err.substr(std::min(prefix.size(), result.err.size()));
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CatalogCli, ListShowsTheShippedModels) {
  const auto result = catalog({"list"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* id :
       {"gpt-4-turbo-2024-04-09", "gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20",
        "gpt-4o-mini-2024-07-18", "phi-3-vision-128k-instruct"})
    EXPECT_TRUE(contains(result.out, id)) << id << "\n" << result.out;
  EXPECT_TRUE(contains(result.out, "ID")) << result.out;
  EXPECT_TRUE(contains(result.out, "gpt-4o = gpt-4o-2024-11-20")) << result.out;
  EXPECT_TRUE(contains(result.out, "gpt-4o-mini = gpt-4o-mini-2024-07-18")) << result.out;
  EXPECT_TRUE(contains(result.out, "gpt-4-turbo = gpt-4-turbo-2024-04-09")) << result.out;
  // gpt-4-turbo's row: $10 in, $30 out, accuracy 74.4.
  const auto row = result.out.substr(result.out.find("gpt-4-turbo-2024-04-09"));
  const auto line = row.substr(0, row.find('\n'));
  EXPECT_TRUE(contains(line, "OpenAI") && contains(line, "text+image") && contains(line, "$10") &&
              contains(line, "$30") && contains(line, "74.4"))
      << line;
}

TEST(CatalogCli, ListJsonIsOneDocument) {
  const auto result = catalog({"list", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto doc = nlohmann::json::parse(result.out);
  ASSERT_EQ(doc["models"].size(), 6u);
  for (const auto& model : doc["models"]) {
    if (model["id"] != "gpt-4o-mini-2024-07-18") continue;
    EXPECT_DOUBLE_EQ(model["estimated_cost_per_1m"].get<double>(), 0.2625);
    EXPECT_DOUBLE_EQ(model["accuracy"].get<double>(), (82.0 + 40.2 + 70.2 + 87.2) / 4);
    EXPECT_EQ(model["aliases"], nlohmann::json({"gpt-4o-mini"}));
    EXPECT_EQ(model["prices"]["cached_input_per_1m"], 0.075);
  }
}

TEST(CatalogCli, ShowGivesEveryFigureWithSources) {
  const auto result = catalog({"show", "gpt-4o-mini"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("gpt-4o-mini-2024-07-18  (also: gpt-4o-mini)", 0), 0u) << result.out;
  for (const char* part :
       {"$0.15", "$0.075", "$0.60", "$0.2625", "82.0", "40.2", "70.2", "87.2", "69.90",
        "mean of MMLU, GPQA, MATH and HumanEval", "https://openai.com/index/api-prompt-caching/",
        "https://github.com/openai/simple-evals/", "checked 2026-11-28"})
    EXPECT_TRUE(contains(result.out, part)) << part << "\n" << result.out;
}

TEST(CatalogCli, ShowSaysWhyAFigureIsUnknown) {
  const auto result = catalog({"show", "phi-3-vision-128k-instruct"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "input:           -")) << result.out;
  EXPECT_TRUE(contains(result.out, "accuracy:        -")) << result.out;
  EXPECT_TRUE(contains(result.out, "simple-evals does not evaluate Phi-3")) << result.out;
  const auto turbo = catalog({"show", "gpt-4-turbo"});
  EXPECT_TRUE(contains(turbo.out, "(cached tokens are billed at the input price)")) << turbo.out;
}

TEST(CatalogCli, CompareTableAndPngChart) {
  TempDir dir("catalog-chart");
  const auto png = (dir / "compare.png").string();
  const auto result = catalog(
      {"compare", "gpt-4-turbo-2024-04-09", "gpt-4o-2024-08-06", "gpt-4o-mini", "--out", png});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* part : {"gpt-4-turbo-2024-04-09", "$15", "74.40", "gpt-4o-2024-08-06", "$4.375",
                           "76.98", "gpt-4o-mini-2024-07-18", "$0.2625", "69.90"})
    EXPECT_TRUE(contains(result.out, part)) << part << "\n" << result.out;
  EXPECT_TRUE(contains(result.out, "chart (cost vs accuracy): " + png)) << result.out;
  const std::string bytes = read_file(png);
  ASSERT_GT(bytes.size(), 8u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(CatalogCli, CompareSvgWithChosenAxes) {
  TempDir dir("catalog-chart");
  const auto svg = (dir / "compare.svg").string();
  const auto result = catalog({"compare", "gpt-4o", "gpt-4o-2024-05-13", "--x", "output-price",
                               "--y", "humaneval", "--out", svg, "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto doc = nlohmann::json::parse(result.out);
  EXPECT_EQ(doc["x"], "output-price");
  EXPECT_EQ(doc["y"], "humaneval");
  EXPECT_EQ(doc["chart"], svg);
  ASSERT_EQ(doc["models"].size(), 2u);
  EXPECT_EQ(doc["models"][0]["id"], "gpt-4o-2024-11-20");
  const auto text = read_file(svg);
  EXPECT_TRUE(contains(text, "<svg")) << text.substr(0, 200);
  EXPECT_TRUE(contains(text, "gpt-4o-2024-05-13")) << "points are labelled";
}

TEST(CatalogCli, ATemporaryCatalogFolderComesFirst) {
  TempDir dir("catalog-mine");
  // A negotiated price for a shipped model, and a model of our own.
  auto negotiated = catalog_document("gpt-4o-2024-08-06", "gpt-4o", "2024-08-06", 2.0, 8.0);
  write_catalog_document(dir.path(), negotiated);
  write_catalog_document(dir.path(), catalog_document("house-model-1", "house-model", "1", 1, 2));
  const auto shown = catalog({"show", "gpt-4o-2024-08-06", "--catalog-dir", dir.path().string()});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(contains(shown.out, "input:           $2.00\n")) << shown.out;
  EXPECT_TRUE(contains(shown.out, (dir / "gpt-4o-2024-08-06.json").string())) << shown.out;
  const auto listed = catalog({"list", "--catalog-dir", dir.path().string()});
  EXPECT_TRUE(contains(listed.out, "house-model-1")) << listed.out;
  EXPECT_TRUE(contains(listed.out, "gpt-4o-mini-2024-07-18")) << "shipped models still listed";
  // The same through the environment.
  auto env = kNoCatalogPath;
  env["MODELCOMPARE_CATALOG_PATH"] = dir.path().string();
  const auto by_env = catalog({"show", "house-model"}, env);
  ASSERT_EQ(by_env.exit_code, 0) << by_env.err;
  EXPECT_EQ(by_env.out.rfind("house-model-1  (also: house-model)", 0), 0u) << by_env.out;
}

TEST(CatalogCli, BadCatalogFileIsOneLineNamingFileAndPointer) {
  TempDir dir("catalog-bad");
  auto document = catalog_document("broken-1", "broken", "1", 1, 2);
  document["prices"]["output_per_1m"] = "two";
  write_catalog_document(dir.path(), document);
  EXPECT_EQ(failure(catalog({"list", "--catalog-dir", dir.path().string()})),
            (dir / "broken-1.json").string() +
                ": /prices/output_per_1m: expected a number, found a string \"two\"");
  document = catalog_document("broken-1", "broken", "1", 1, 2);
  document["benchmarks"]["mmlux"] = 1;
  write_catalog_document(dir.path(), document);
  EXPECT_TRUE(contains(failure(catalog({"list", "--catalog-dir", dir.path().string()})),
                       ": /benchmarks: unknown key \"mmlux\" (did you mean \"mmlu\"?)"));
}

TEST(CatalogCli, UnknownModelSaysWhatWasMeant) {
  EXPECT_EQ(failure(catalog({"show", "gpt-4o-2024-08-07"})),
            "unknown model \"gpt-4o-2024-08-07\" (did you mean \"gpt-4o-2024-08-06\"?); the "
            "catalog has 6 models: see `modelcompare catalog list`");
  EXPECT_TRUE(contains(failure(catalog({"compare", "gpt-4o", "gpt4-turbo"})),
                       "unknown model \"gpt4-turbo\" (did you mean \"gpt-4-turbo\"?)"));
}

TEST(CatalogCli, UnknownAxisSaysWhatWasMeant) {
  EXPECT_EQ(failure(catalog({"compare", "gpt-4o", "--y", "cots"})),
            "catalog compare: unknown axis \"cots\" (did you mean \"cost\"?); expected one of "
            "accuracy, cost, input-price, output-price, mmlu, gpqa, math, humaneval");
}

TEST(CatalogCli, AModelWithoutTheChartedFigureIsNamed) {
  TempDir dir("catalog-chart");
  const auto png = (dir / "c.png").string();
  EXPECT_EQ(failure(catalog({"compare", "gpt-4o", "phi-3-vision-128k-instruct", "--out", png})),
            "catalog compare: phi-3-vision-128k-instruct has no accuracy figure in the catalog "
            "(see `modelcompare catalog show phi-3-vision-128k-instruct` for why)");
  EXPECT_FALSE(std::filesystem::exists(png));
  // Without a chart the table shows the model with "-" for what is unknown.
  const auto table = catalog({"compare", "gpt-4o", "phi-3-vision-128k-instruct"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
}

TEST(CatalogCli, BadUsageIsOneClearLine) {
  EXPECT_EQ(failure(catalog({})),
            "catalog: expected list, show MODEL or compare MODEL... (see "
            "`modelcompare catalog --help`)");
  EXPECT_EQ(failure(catalog({"lsit"})),
            "catalog: unknown action 'lsit'; expected list, show MODEL or compare MODEL...");
  EXPECT_EQ(failure(catalog({"show"})), "catalog show: expected exactly one MODEL, found 0");
  EXPECT_EQ(failure(catalog({"show", "gpt-4o", "gpt-4o-mini"})),
            "catalog show: expected exactly one MODEL, found 2");
  EXPECT_EQ(failure(catalog({"list", "gpt-4o"})),
            "catalog list: takes no model (did you mean `catalog show gpt-4o`?)");
  EXPECT_EQ(failure(catalog({"compare"})), "catalog compare: expected at least one MODEL");
  EXPECT_EQ(failure(catalog({"list", "--x", "cost"})),
            "catalog list: --x, --y and --out belong to `catalog compare`");
  EXPECT_EQ(failure(catalog({"compare", "gpt-4o", "--out", "chart.jpg"})),
            "catalog compare: --out chart.jpg: a chart is written as .png or .svg");
  EXPECT_EQ(failure(catalog({"list", "--catalog-dir", "/nonexistent/catalog"})),
            "catalog: --catalog-dir /nonexistent/catalog: no such folder");
  EXPECT_TRUE(contains(failure(catalog({"list", "--colour"})), "catalog: unrecognised option"));
}

TEST(CatalogCli, HelpExplainsTheVerb) {
  const auto result = catalog({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* part :
       {"catalog list", "catalog show MODEL", "catalog compare MODEL...",
        "accuracy, cost, input-price, output-price, mmlu, gpqa, math, humaneval",
        "(3 x input + output) / 4", "MODELCOMPARE_CATALOG_PATH", "--catalog-dir"})
    EXPECT_TRUE(contains(result.out, part)) << part << "\n" << result.out;
  EXPECT_FALSE(contains(result.out, "--words")) << "positional plumbing stays out of the help";
}

}  // namespace
}  // namespace modelcompare::testing
