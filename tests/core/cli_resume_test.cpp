// --resume: refusals, and a run killed with SIGKILL midway that resumes with every case once.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/cli_runner.hpp"
#include "store/run_store.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

namespace fs = std::filesystem;
const std::string kFixtures = std::string(MODELCOMPARE_FIXTURE_PLUGIN_DIR) + "/good";

const char* kSlowMockConfig = R"({"name": "kill-test",
  "providers": [
    {"id": "slow-a", "plugin": "mock", "options": {"template": "answer {{turn}} {{repeat}}", "latency_ms": 150, "ttft_ms": 50, "max_in_flight": 2}},
    {"id": "slow-b", "plugin": "mock", "options": {"template": "other {{turn}}", "latency_ms": 150, "ttft_ms": 50, "max_in_flight": 2}}],
  "defaults": {"repeat": 12},
  "scenarios": [{"id": "two-turns", "turns": [{"user": [{"text": "first"}]}, {"user": [{"text": "second"}]}]}],
  "output": {"dir": "runs"}})";

TEST(CliResume, RefusesAFolderThatIsNotARun) {
  TempDir dir;
  write_file(dir / "config.json", kSlowMockConfig);
  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--resume", dir.path().string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: " + dir.path().string() + ": not a run folder (no run.db)\n");
}

TEST(CliResume, RefusesARunOfAnotherConfig) {
  TempDir dir;
  write_file(dir / "a.json", R"({"name": "a", "providers": [{"id": "p", "plugin": "scripted"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})");
  write_file(dir / "b.json", R"({"name": "a", "providers": [{"id": "p", "plugin": "scripted"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "changed"}]}]}]})");
  ASSERT_EQ(run_cli({"run", (dir / "a.json").string(), "--plugin-dir", kFixtures}).exit_code, 0);
  const auto run_dir = only_run_folder((dir / "runs").string());
  const auto result =
      run_cli({"run", (dir / "b.json").string(), "--resume", run_dir, "--plugin-dir", kFixtures});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(run_dir + ": was run from a different config (config hash "),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("start a new run instead"), std::string::npos);
}

std::size_t stored_cases(const fs::path& run_dir) {
  try {
    return store::RunStore::open(run_dir).cases().size();
  } catch (const std::exception&) {
    return 0;  // not created yet
  }
}

TEST(CliResume, KilledMidwayAndResumedHoldsEveryCaseExactlyOnce) {
  TempDir dir;
  write_file(dir / "config.json", kSlowMockConfig);
  const std::size_t expected = 2 * 12 * 2;
  const int pid = start_cli({"run", (dir / "config.json").string()});

  // Wait until some cases are stored, then kill without warning.
  fs::path run_dir;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::size_t before_kill = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (run_dir.empty() && fs::exists(dir / "runs"))
      for (const auto& entry : fs::directory_iterator(dir / "runs"))
        if (entry.is_directory()) run_dir = entry.path();  // runs/ also holds cache.db
    if (!run_dir.empty() && (before_kill = stored_cases(run_dir)) >= 8) break;
  }
  ASSERT_GE(before_kill, 8u) << "the run did not get going";
  ASSERT_LT(before_kill, expected) << "the run finished before it could be killed";
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  std::map<std::string, std::string> finished_before;  // case -> finished_at
  for (const auto& record : store::RunStore::open(run_dir).cases())
    finished_before[record.key.provider + "/" + std::to_string(record.key.repeat) + "/" +
                    std::to_string(record.key.turn)] = record.finished_at;
  EXPECT_LT(finished_before.size(), expected);

  const auto result =
      run_cli({"run", (dir / "config.json").string(), "--resume", run_dir.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;

  std::map<std::string, int> seen;
  std::ifstream in(run_dir / "results.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto r = nlohmann::json::parse(line);
    const std::string key = r["provider"].get<std::string>() + "/" +
                            std::to_string(r["repeat"].get<int>()) + "/" +
                            std::to_string(r["turn"].get<int>());
    ++seen[key];
    EXPECT_EQ(r["status"], "ok") << key;
    // A case finished before the kill was not sent again.
    if (finished_before.count(key)) {
      EXPECT_EQ(r["finished_at"], finished_before[key]) << key;
    }
  }
  EXPECT_EQ(seen.size(), expected);
  for (const auto& [key, count] : seen) EXPECT_EQ(count, 1) << key;
  EXPECT_EQ(nlohmann::json::parse(read_file(run_dir / "summary.json"))["state"], "finished");
}

}  // namespace
}  // namespace modelcompare::testing
