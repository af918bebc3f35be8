// run --shard K/N and merge: the shards of a comparison merge into the same cases as one whole
// run, every refusal is one line naming the folder, and a merge of missing shards says so.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "good_fixtures.hpp"
#include "store/run_store.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

namespace fs = std::filesystem;

// 2 providers x 7 repeats x 2 turns = 28 cases; answers differ by provider, repeat and turn.
const char* kConfig = R"({"name": "sharded",
  "providers": [
    {"id": "short", "plugin": "mock", "options": {"template": "ok {{turn}}"}},
    {"id": "long", "plugin": "mock", "options": {"template": "a longer answer {{turn}} {{repeat}}"}}],
  "defaults": {"repeat": 7},
  "scenarios": [{"id": "chat", "turns": [
    {"user": [{"text": "first"}], "evaluators": [{"plugin": "length", "options": {"min_length": 8}}]},
    {"user": [{"text": "second"}]}]}],
  "output": {"dir": "runs"}})";

struct ShardedComparison {
  TempDir dir;
  std::string config;
  ShardedComparison() : config((dir / "config.json").string()) {
    write_file(dir / "config.json", kConfig);
  }

  // Runs the config (with `extra` flags) into runs/<out>/ and returns the new run folder.
  std::string run(const std::string& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run",          config,       "--out", (dir / out).string(),
                                     "--plugin-dir", kGoodFixtures};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = run_cli(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return only_run_folder((dir / out).string());
  }
  CliResult merge(const std::vector<std::string>& folders, const std::string& out = "merged") {
    std::vector<std::string> args = {"merge", "--out", (dir / out).string()};
    args.insert(args.end(), folders.begin(), folders.end());
    return run_cli(args);
  }
};

std::vector<nlohmann::json> results_of(const fs::path& run_dir) {
  std::vector<nlohmann::json> results;
  std::ifstream in(run_dir / "results.jsonl");
  for (std::string line; std::getline(in, line);) results.push_back(nlohmann::json::parse(line));
  return results;
}

std::string key_of(const nlohmann::json& r) {
  return r["provider"].get<std::string>() + "/" + std::to_string(r["repeat"].get<int>()) + "/" +
         std::to_string(r["turn"].get<int>());
}

std::size_t folders_in(const fs::path& parent) {
  if (!fs::exists(parent)) return 0;
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(parent)) n += entry.is_directory();
  return n;
}

TEST(CliShard, ThreeShardsMergeIntoTheSameCasesAsOneWholeRun) {
  ShardedComparison run;
  const auto whole = run.run("whole");
  std::vector<std::string> shards;
  std::set<std::string> shard_keys;
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    shards.push_back(run.run(std::string("shard-") + shard[0], {"--shard", shard}));
    const auto results = results_of(shards.back());
    // 7 conversations per provider dealt 3, 2, 2; two turns each.
    EXPECT_EQ(results.size(), shard[0] == '1' ? 12u : 8u) << "shard " << shard;
    for (const auto& r : results)
      EXPECT_TRUE(shard_keys.insert(key_of(r)).second) << key_of(r) << " in two shards";
    EXPECT_EQ(store::RunStore::open(shards.back()).info("shard"), shard);
  }

  const auto result = run.merge(shards);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto merged = only_run_folder((run.dir / "merged").string());
  EXPECT_EQ(result.out, "run folder: " + merged + "\n28 cases from 3 folders, 0 failed\n");
  EXPECT_EQ(result.err, "");

  std::map<std::string, nlohmann::json> expected;
  for (const auto& r : results_of(whole)) expected[key_of(r)] = r;
  const auto results = results_of(merged);
  ASSERT_EQ(results.size(), 28u);
  std::set<std::string> seen;
  for (const auto& r : results) {
    const auto key = key_of(r);
    ASSERT_TRUE(expected.count(key)) << key;
    EXPECT_TRUE(seen.insert(key).second) << key << " twice";
    EXPECT_EQ(r["response"], expected[key]["response"]) << key;
    EXPECT_EQ(r["status"], "ok") << key;
    // The evaluator's artifact path now points into the merged folder, where the file is.
    if (r["turn"] == 0) {
      const std::string file = r["evaluations"][0]["details"]["answer_file"];
      EXPECT_EQ(file.rfind(merged + "/artifacts/", 0), 0u) << file;
      EXPECT_TRUE(fs::exists(file)) << file;
    }
  }
  // Statistics are computed over every case, as for the whole run.
  const auto summary = nlohmann::json::parse(read_file(fs::path(merged) / "summary.json"));
  const auto whole_summary = nlohmann::json::parse(read_file(fs::path(whole) / "summary.json"));
  EXPECT_EQ(summary["state"], "finished");
  ASSERT_EQ(summary["providers"].size(), 2u);
  for (std::size_t p = 0; p < 2; ++p) {
    EXPECT_EQ(summary["providers"][p]["id"], whole_summary["providers"][p]["id"]);
    EXPECT_EQ(summary["providers"][p]["cases"], 14);
    EXPECT_EQ(summary["providers"][p]["evaluators"]["length"]["pass_rate"],
              whole_summary["providers"][p]["evaluators"]["length"]["pass_rate"]);
  }
  EXPECT_TRUE(fs::exists(fs::path(merged) / "report.html"));
  const auto sources = nlohmann::json::parse(*store::RunStore::open(merged).info("merged_from"));
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[1]["shard"], "2/3");
}

TEST(CliShard, AMissingShardIsNamedAndAResumeOfTheMergedRunCompletesIt) {
  ShardedComparison run;
  const auto first = run.run("a", {"--shard", "1/3"});
  const auto second = run.run("b", {"--shard", "2/3"});
  const auto result = run.merge({first, second});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "merge: incomplete: shard 3/3 is missing: run it with --shard 3/3, then merge again\n");
  const auto merged = only_run_folder((run.dir / "merged").string());
  EXPECT_NE(result.out.find("20 cases from 2 folders, 0 failed (incomplete)"), std::string::npos)
      << result.out;
  EXPECT_EQ(nlohmann::json::parse(read_file(fs::path(merged) / "summary.json"))["state"],
            "incomplete");

  // The merged run is a whole run with gaps: --resume sends only the missing shard's cases.
  const auto resumed =
      run_cli({"run", run.config, "--resume", merged, "--plugin-dir", kGoodFixtures});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(results_of(merged).size(), 28u);
  EXPECT_EQ(nlohmann::json::parse(read_file(fs::path(merged) / "summary.json"))["state"],
            "finished");
}

TEST(CliShard, MergeRefusalsNameTheFolderAndLeaveNothingBehind) {
  ShardedComparison run;
  const auto whole = run.run("whole");
  const auto shard_one = run.run("one", {"--shard", "1/2"});
  const auto shard_one_again = run.run("again", {"--shard", "1/2"});
  const auto other_split = run.run("split", {"--shard", "2/3"});

  auto result = run.merge({shard_one});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: merge: give at least two run folders to merge (one per shard)\n");

  result = run.merge({shard_one, shard_one + "/"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: merge: " + shard_one + ": given twice\n");

  result = run.merge({shard_one, shard_one_again});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: merge: " + shard_one_again + " and " + shard_one +
                            " both hold shard 1/2; give one folder per shard (a resumed shard "
                            "continues in its own folder)\n");

  result = run.merge({shard_one, other_split});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: merge: " + other_split + " (shard 2/3) and " + shard_one +
                            " (shard 1/2) come from different splits; merge shards of one "
                            "--shard N\n");

  // A whole run and one of its shards share every case of the shard.
  result = run.merge({whole, shard_one});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("modelcompare: merge: case long / chat / chat repeat 1 turn 1 is in "
                             "both " +
                                 whole + " and " + shard_one + "; refusing to merge a case twice\n",
                             0),
            0u)
      << result.err;

  write_file(run.dir / "changed.json",
             std::string(kConfig).replace(std::string(kConfig).find("\"first\""), 7, "\"1st\""));
  ASSERT_EQ(
      run_cli({"run", (run.dir / "changed.json").string(), "--out", (run.dir / "changed").string(),
               "--plugin-dir", kGoodFixtures, "--shard", "2/2"})
          .exit_code,
      0);
  const auto changed = only_run_folder((run.dir / "changed").string());
  result = run.merge({shard_one, changed});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(
      result.err.rfind("modelcompare: merge: " + changed +
                           ": was run from a different config than " + shard_one + " (config hash ",
                       0),
      0u)
      << result.err;
  EXPECT_NE(result.err.find("); only shards of one comparison can be merged\n"), std::string::npos);

  result = run.merge({shard_one, (run.dir / "whole").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: merge: " + (run.dir / "whole").string() +
                            ": not a run folder (no run.db)\n");

  result = run_cli({"merge"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: merge: missing RUN_DIR... (see `modelcompare merge --help`)\n");

  // Every refused merge removed the folder it had started.
  EXPECT_EQ(folders_in(run.dir / "merged"), 0u);
}

TEST(CliShard, ABadShardAndAResumeOfAnotherSliceAreRefused) {
  ShardedComparison run;
  auto result = run_cli({"run", run.config, "--shard", "5/4", "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: run: --shard 5/4: K must be a whole number between 1 and N (4)\n");
  result = run_cli({"run", run.config, "--shard", "two", "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: run: --shard two: expected K/N, e.g. 2/4 for the second "
            "of four shards\n");

  const auto shard = run.run("one", {"--shard", "1/2"});
  result = run_cli({"run", run.config, "--resume", shard, "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: " + shard + ": holds shard 1/2; resume it with --shard 1/2\n");
  result = run_cli(
      {"run", run.config, "--resume", shard, "--shard", "2/2", "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "modelcompare: " + shard + ": holds shard 1/2; resume it with --shard 1/2\n");

  const auto whole = run.run("whole");
  result = run_cli(
      {"run", run.config, "--resume", whole, "--shard", "1/2", "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: " + whole +
                            ": holds a whole run, not a shard; resume it without --shard\n");
  result = run_cli(
      {"run", run.config, "--resume", shard, "--shard", "1/2", "--plugin-dir", kGoodFixtures});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace
}  // namespace modelcompare::testing
