// `modelcompare run` / `validate` end to end, through the real binary and real plugin libraries.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "good_fixtures.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

namespace fs = std::filesystem;

std::vector<nlohmann::json> read_results(const fs::path& run_dir) {
  std::vector<nlohmann::json> out;
  std::ifstream in(run_dir / "results.jsonl");
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

std::string scripted_config(const std::string& provider_options, const std::string& extra = "") {
  return R"({"name": "cli-test",
    "providers": [{"id": "p1", "plugin": "scripted", "options": )" +
         provider_options + R"(},
                  {"id": "p2", "plugin": "scripted"}],
    "defaults": {"repeat": 2},
    "scenarios": [{"id": "chat", "system": "be brief", "turns": [
      {"user": [{"text": "hello from {{provider}}"}], "evaluators": [{"plugin": "length", "options": {"min_length": 5}}]},
      {"user": [{"text": "and again"}]}]}],
    "output": {"dir": "runs"})" +
         extra + "}";
}

TEST(CliRun, RunsEveryCaseAndWritesTheRunFolder) {
  TempDir dir;
  write_file(dir / "config.json", scripted_config("{}"));
  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kGoodFixtures});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const fs::path run_dir = only_run_folder((dir / "runs").string());
  EXPECT_NE(result.out.find("run folder: " + run_dir.string()), std::string::npos) << result.out;
  EXPECT_EQ(run_dir.filename().string().rfind("cli-test-", 0), 0u);
  for (const char* file : {"run.db", "results.jsonl", "summary.json", "report.md", "run.log"})
    EXPECT_TRUE(fs::exists(run_dir / file)) << file;

  const auto results = read_results(run_dir);
  ASSERT_EQ(results.size(), 8u);  // 2 providers x 2 repeats x 2 turns
  std::set<std::string> keys;
  for (const auto& r : results) {
    EXPECT_EQ(r["status"], "ok");
    keys.insert(r["provider"].get<std::string>() + "/" + std::to_string(r["repeat"].get<int>()) +
                "/" + std::to_string(r["turn"].get<int>()));
    EXPECT_EQ(r["usage"]["total_tokens"], 15);
  }
  EXPECT_EQ(keys.size(), 8u);
  // Turn 2 is sent with the whole conversation: system, user, assistant, user.
  EXPECT_EQ(results[1]["turn"], 1);
  EXPECT_EQ(results[1]["response"], "answer to and again after 4 messages");
  EXPECT_EQ(results[0]["response"], "answer to hello from p1 after 2 messages");
  EXPECT_EQ(results[0]["evaluations"][0]["plugin"], "length");
  EXPECT_EQ(results[0]["evaluations"][0]["passed"], true);
  EXPECT_TRUE(fs::exists(run_dir / "artifacts/p1/chat/repeat-1/turn-1/response.md"));

  const auto summary = nlohmann::json::parse(read_file(run_dir / "summary.json"));
  ASSERT_EQ(summary["providers"].size(), 2u);
  EXPECT_EQ(summary["providers"][0]["cases"], 4);
  EXPECT_EQ(summary["providers"][0]["failures"], 0);
  EXPECT_EQ(summary["providers"][0]["evaluators"]["length"]["pass_rate"], 1.0);
  EXPECT_TRUE(summary["providers"][0]["latency_ms"]["p99"].is_number());
  EXPECT_EQ(summary["state"], "finished");
  EXPECT_NE(read_file(run_dir / "report.md").find("| p1 | 4 | 4 | 0 | 0 |"), std::string::npos);
}

TEST(CliRun, APluginThatThrowsFailsOnlyThatCase) {
  TempDir dir;
  write_file(dir / "config.json", scripted_config(R"({"throw_on_turn": 2})"));
  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 1) << "some cases failed: " << result.err;
  EXPECT_NE(result.out.find("8 cases, 2 failed"), std::string::npos) << result.out;
  const auto results = read_results(only_run_folder((dir / "runs").string()));
  ASSERT_EQ(results.size(), 8u);
  int failed = 0;
  for (const auto& r : results) {
    if (r["status"] == "ok") continue;
    ++failed;
    EXPECT_EQ(r["provider"], "p1");
    EXPECT_EQ(r["turn"], 1);
    EXPECT_EQ(r["error_kind"], "plugin_error");
    EXPECT_EQ(r["error"], "provider plugin 'scripted' threw: scripted failure on turn 2");
  }
  EXPECT_EQ(failed, 2);
}

TEST(CliRun, AFailedTurnSkipsTheRestOfItsConversation) {
  TempDir dir;
  write_file(dir / "config.json", scripted_config(R"({"fail_on_turn": 1})"));
  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 1);
  for (const auto& r : read_results(only_run_folder((dir / "runs").string()))) {
    if (r["provider"] != "p1") continue;
    if (r["turn"] == 0) {
      EXPECT_EQ(r["status"], "error");
      EXPECT_EQ(r["error_kind"], "server_error");
    } else {
      EXPECT_EQ(r["status"], "skipped");
      EXPECT_EQ(r["error"], "not sent: turn 1 failed");
    }
  }
}

TEST(CliRun, EvaluatorThatThrowsIsRecordedAndTheRunGoesOn) {
  TempDir dir;
  auto config = scripted_config("{}");
  config.replace(config.find("hello from"), 10, "explode at");
  write_file(dir / "config.json", config);
  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 0) << "an evaluator failure is a score, not a lost case";
  const auto results = read_results(only_run_folder((dir / "runs").string()));
  ASSERT_EQ(results.size(), 8u);
  const auto& evaluation = results[0]["evaluations"][0];
  EXPECT_EQ(evaluation["score"], 0.0);
  EXPECT_EQ(evaluation["passed"], false);
  EXPECT_EQ(evaluation["details"]["error"],
            "evaluator threw: length: cannot measure an exploding answer");
}

TEST(CliRun, SecretsNeverReachTheRunFolderOrTheTerminal) {
  TempDir dir;
  const std::string key = "sk-test-4b1d9e0c77aa";
  write_file(dir / "config.json",
             scripted_config(R"({"fail_on_turn": 1, "api_key": "${TEST_PROVIDER_API_KEY}"})"));
  const auto result = run_cli({"--log-level", "debug", "run", (dir / "config.json").string(),
                               "--plugin-dir", kGoodFixtures},
                              {{"TEST_PROVIDER_API_KEY", key}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err.find(key), std::string::npos) << result.err;
  EXPECT_EQ(result.out.find(key), std::string::npos);
  const fs::path run_dir = only_run_folder((dir / "runs").string());
  bool saw_mask = false;
  for (const auto& entry : fs::recursive_directory_iterator(run_dir)) {
    if (!entry.is_regular_file()) continue;
    const auto content = read_file(entry.path());
    EXPECT_EQ(content.find(key), std::string::npos) << entry.path();
    if (content.find("HTTP 500 (key *** was used)") != std::string::npos) saw_mask = true;
  }
  EXPECT_TRUE(saw_mask) << "the error is kept, with the key masked";
}

TEST(CliRun, UnknownPluginListsTheAvailableOnes) {
  TempDir dir;
  auto config = scripted_config("{}");
  config.replace(config.find("\"length\""), 8, "\"lenght\"");
  write_file(dir / "config.json", config);
  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 2);
  // The bundled plugins are available too, so the list holds at least the fixtures.
  EXPECT_EQ(result.err.rfind("modelcompare: " + (dir / "config.json").string() +
                                 ": /scenarios/0/turns/0/evaluators/0/plugin: unknown evaluator "
                                 "plugin 'lenght' (did you mean 'length'?); available: ",
                             0),
            0u)
      << result.err;
  EXPECT_NE(result.err.find("failing-factory"), std::string::npos);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1);
  EXPECT_FALSE(fs::exists(dir / "runs")) << "nothing half-written";
}

TEST(CliRun, PluginRefusingItsOptionsStopsTheRunBeforeAnythingIsSent) {
  TempDir dir;
  auto config = scripted_config("{}");
  config.replace(config.find("\"length\""), 8, "\"failing-factory\"");
  write_file(dir / "config.json", config);
  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(": /scenarios/0/turns/0/evaluators/0/options: failing-factory: option "
                            "'threshold' must be a number"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(dir / "runs"));
}

TEST(CliRun, UnsetVariableIsNamedInOneLine) {
  TempDir dir;
  write_file(dir / "config.json", scripted_config(R"({"api_key": "${SURELY_UNSET_VAR_1}"})"));
  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: " + (dir / "config.json").string() +
                            ": /providers/0/options/api_key: ${SURELY_UNSET_VAR_1} is not set (set "
                            "it in the environment or in .env beside the config)\n");
}

TEST(CliRun, ValidateChecksWithoutSendingOrWriting) {
  TempDir dir;
  write_file(dir / "config.json", scripted_config("{}"));
  const auto result =
      run_cli({"validate", (dir / "config.json").string(), "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, (dir / "config.json").string() +
                            ": ok — 2 providers, 1 scenarios, 4 conversations, 8 cases\n");
  EXPECT_FALSE(fs::exists(dir / "runs"));
}

TEST(CliRun, BadUsageExitsTwoWithOneLine) {
  auto result = run_cli({"run"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: run: missing CONFIG (see `modelcompare run --help`)\n");
  result = run_cli({"frobnicate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: unknown verb 'frobnicate'; expected run, validate, plugins, "
            "evaluate, report, catalog, metrics or merge\n");
  result = run_cli({"run", "x.json", "--repeat", "0"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: run: --repeat must be at least 1, found 0\n");
  result = run_cli({"run", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("--resume"), std::string::npos);
}

}  // namespace
}  // namespace modelcompare::testing
