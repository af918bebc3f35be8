// --resume: refusals, and a run killed with SIGKILL midway that resumes with every case once.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "good_fixtures.hpp"
#include "store/run_store.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

namespace fs = std::filesystem;

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
  ASSERT_EQ(run_cli({"run", (dir / "a.json").string(), "--plugin-dir", kGoodFixtures}).exit_code,
            0);
  const auto run_dir = only_run_folder((dir / "runs").string());
  const auto result = run_cli(
      {"run", (dir / "b.json").string(), "--resume", run_dir, "--plugin-dir", kGoodFixtures});
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

// Waits (up to a minute) until the run under `runs` has stored at least `count` cases; returns
// its folder and how many it holds.
std::pair<fs::path, std::size_t> wait_for_stored_cases(const fs::path& runs, std::size_t count) {
  fs::path run_dir;
  std::size_t stored = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (run_dir.empty() && fs::exists(runs))
      for (const auto& entry : fs::directory_iterator(runs))
        if (entry.is_directory()) run_dir = entry.path();  // runs/ also holds cache.db
    if (!run_dir.empty() && (stored = stored_cases(run_dir)) >= count) break;
  }
  return {run_dir, stored};
}

// provider/repeat/turn of every line of results.jsonl, with how often it appears.
std::map<std::string, int> result_lines(const fs::path& run_dir) {
  std::map<std::string, int> seen;
  std::ifstream in(run_dir / "results.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto r = nlohmann::json::parse(line);
    ++seen[r["provider"].get<std::string>() + "/" + std::to_string(r["repeat"].get<int>()) + "/" +
           std::to_string(r["turn"].get<int>())];
  }
  return seen;
}

TEST(CliResume, KilledMidwayAndResumedHoldsEveryCaseExactlyOnce) {
  TempDir dir;
  write_file(dir / "config.json", kSlowMockConfig);
  const std::size_t expected = 2 * 12 * 2;
  const int pid = start_cli({"run", (dir / "config.json").string()});

  // Wait until some cases are stored, then kill without warning.
  const auto [run_dir, before_kill] = wait_for_stored_cases(dir / "runs", 8);
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

// SIGINT (Ctrl-C) and SIGTERM (a scheduler stopping a job) stop a run cleanly: the requests in
// flight finish and are stored, the run says it was interrupted, and a resume completes it.
class CliStopSignal : public ::testing::TestWithParam<int> {};

TEST_P(CliStopSignal, FinishesRequestsInFlightAndMarksTheRunInterrupted) {
  TempDir dir;
  write_file(dir / "config.json", kSlowMockConfig);
  const std::size_t expected = 2 * 12 * 2;
  const int pid = start_cli({"run", (dir / "config.json").string()});
  const auto [run_dir, before_signal] = wait_for_stored_cases(dir / "runs", 4);
  ASSERT_GE(before_signal, 4u) << "the run did not get going";
  ASSERT_LT(before_signal, expected) << "the run finished before the signal";
  kill(pid, GetParam());
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "ended by the signal instead of stopping by itself";
  EXPECT_EQ(WEXITSTATUS(status), 1);

  const auto store = store::RunStore::open(run_dir);
  EXPECT_EQ(store.info("state"), "interrupted");
  const auto stored = store.cases();
  EXPECT_GE(stored.size(), before_signal);
  EXPECT_LT(stored.size(), expected) << "it went on to the end";
  for (const auto& record : stored)  // the requests in flight were finished, not cut
    EXPECT_EQ(record.status, store::CaseStatus::ok) << record.key.provider << " " << record.error;
  const auto exported = result_lines(run_dir);  // the exports agree with run.db
  EXPECT_EQ(exported.size(), stored.size());
  EXPECT_EQ(nlohmann::json::parse(read_file(run_dir / "summary.json"))["state"], "interrupted");

  const auto resumed =
      run_cli({"run", (dir / "config.json").string(), "--resume", run_dir.string()});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const auto seen = result_lines(run_dir);
  EXPECT_EQ(seen.size(), expected);
  for (const auto& [key, count] : seen) EXPECT_EQ(count, 1) << key;
}

INSTANTIATE_TEST_SUITE_P(Signals, CliStopSignal, ::testing::Values(SIGINT, SIGTERM),
                         [](const auto& info) {
                           return std::string(info.param == SIGINT ? "SIGINT" : "SIGTERM");
                         });

}  // namespace
}  // namespace modelcompare::testing
