// `modelcompare plugins` and `evaluate` through the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

const std::string kFixtures = MODELCOMPARE_FIXTURE_PLUGIN_DIR;

TEST(CliPlugins, ListsLoadedAndRefusedFilesWithoutCrashing) {
  TempDir dir;
  write_file(dir / "garbage.so", "not a library");
  const auto result =
      run_cli({"plugins", "--json", "--plugin-dir", kFixtures + "/good", "--plugin-dir",
               kFixtures + "/bad", "--plugin-dir", dir.path().string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto doc = nlohmann::json::parse(result.out);
  std::map<std::string, nlohmann::json> by_file;
  for (const auto& p : doc["plugins"])
    by_file[std::filesystem::path(p["path"].get<std::string>()).filename().string()] = p;
  EXPECT_EQ(by_file["fixture-scripted-provider.so"]["kind"], "provider");
  EXPECT_EQ(by_file["fixture-scripted-provider.so"]["name"], "scripted");
  EXPECT_EQ(by_file["fixture-scripted-provider.so"]["abi"], 1);
  EXPECT_TRUE(by_file["fixture-scripted-provider.so"]["refused_reason"].is_null());
  EXPECT_EQ(by_file["garbage.so"]["refused_reason"], "not a shared library (no ELF header)");
  EXPECT_EQ(by_file["fixture-abi-v2.so"]["refused_reason"],
            "ABI version mismatch: expected v1, found v2");
  EXPECT_EQ(by_file["fixture-abi-v2.so"]["loaded"], false);
  // The bundled plugins are listed too (the build tree's plugin folder).
  bool bundled = false;
  for (const auto& p : doc["plugins"]) bundled |= p.value("name", "") == "mock";
  EXPECT_TRUE(bundled) << result.out;
}

TEST(CliPlugins, TableNamesEveryRefusal) {
  const auto result = run_cli({"plugins", "--plugin-dir", kFixtures + "/bad"});
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("refused: not a modelcompare plugin (no modelcompare_plugin_v1 "
                            "descriptor exported)"),
            std::string::npos)
      << result.out;
}

TEST(CliEvaluate, ScoresACandidateAndPrintsOneJsonDocument) {
  TempDir dir;
  write_file(dir / "answer.md", "a long enough answer");
  auto result =
      run_cli({"evaluate", "length", "--candidate", (dir / "answer.md").string(), "--option",
               "min_length=5", "--json", "--plugin-dir", kFixtures + "/good"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto doc = nlohmann::json::parse(result.out);
  EXPECT_EQ(doc["plugin"], "length");
  EXPECT_EQ(doc["score"], 1.0);
  EXPECT_EQ(doc["passed"], true);
  EXPECT_EQ(doc["details"]["length"], 20);

  result = run_cli({"evaluate", "length", "--candidate", (dir / "answer.md").string(), "--option",
                    "min_length=500", "--json", "--plugin-dir", kFixtures + "/good"});
  EXPECT_EQ(result.exit_code, 1) << "not passed";
  EXPECT_EQ(nlohmann::json::parse(result.out)["score"], 0.0);
}

TEST(CliEvaluate, BadInputIsOneLine) {
  auto result = run_cli({"evaluate", "length", "--candidate", "/nonexistent/answer.md",
                         "--plugin-dir", kFixtures + "/good"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: evaluate: --candidate /nonexistent/answer.md: no such file\n");
  TempDir dir;
  write_file(dir / "a.md", "x");
  result = run_cli({"evaluate", "nope", "--candidate", (dir / "a.md").string(), "--plugin-dir",
                    kFixtures + "/good"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("unknown evaluator plugin 'nope'"), std::string::npos) << result.err;
  result = run_cli({"evaluate", "length", "--candidate", (dir / "a.md").string(), "--option",
                    "novalue", "--plugin-dir", kFixtures + "/good"});
  EXPECT_EQ(result.err, "modelcompare: evaluate: --option novalue: expected KEY=VALUE\n");
}

}  // namespace
}  // namespace modelcompare::testing
