// Datasets and the response cache through the real binary: rows become cases, a rerun is answered
// from the cache, an edited row is the only one a resumed run sends again, and bad datasets are
// named by validate and run alike.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

namespace fs = std::filesystem;

const char* kDatasetConfig = R"({"name": "rows",
  "providers": [{"id": "echo", "plugin": "mock",
                 "options": {"template": "echo {{case_key}}: {{prompt}}", "latency_ms": 5}}],
  "scenarios": [{"id": "qa", "dataset": "questions.csv",
                 "turns": [{"user": [{"text": "Q: {{question}}"}]},
                           {"user": [{"text": "Again, for {{provider}}"}]}]}],
  "output": {"dir": "runs"}})";

std::vector<nlohmann::json> results(const fs::path& run_dir) {
  std::vector<nlohmann::json> out;
  std::istringstream lines(read_file(run_dir / "results.jsonl"));
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

// case_key/turn -> record
std::map<std::string, nlohmann::json> by_case(const fs::path& run_dir) {
  std::map<std::string, nlohmann::json> out;
  for (auto& r : results(run_dir))
    out[r["case_key"].get<std::string>() + "/" + std::to_string(r["turn"].get<int>())] = r;
  return out;
}

// The folder a run printed ("run folder: DIR").
fs::path run_folder_of(const CliResult& result) {
  const std::string marker = "run folder: ";
  const auto at = result.out.find(marker);
  if (at == std::string::npos) return {};
  const auto end = result.out.find('\n', at);
  return result.out.substr(at + marker.size(), end - at - marker.size());
}

bool cached(const nlohmann::json& record) {
  return record.contains("extra") && record["extra"].value("cached", false);
}

TEST(CliDataset, RowsBecomeCasesAndARerunIsAnsweredFromTheCache) {
  TempDir dir;
  write_file(dir / "questions.csv",
             "id,question\nq1,\"What is 2+2, really?\"\nq2,\"two\nlines\"\n");
  write_file(dir / "config.json", kDatasetConfig);
  const auto first =
      run_cli({"run", (dir / "config.json").string(), "--out", (dir / "a").string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto a = by_case(run_folder_of(first));
  ASSERT_EQ(a.size(), 4u);  // 2 rows x 2 turns
  EXPECT_EQ(a.at("q1/0")["response"], "echo q1: Q: What is 2+2, really?");
  EXPECT_EQ(a.at("q2/0")["response"], "echo q2: Q: two\nlines");
  EXPECT_EQ(a.at("q2/1")["response"], "echo q2: Again, for echo");
  for (const auto& [key, record] : a) {
    EXPECT_FALSE(cached(record)) << key;
    EXPECT_EQ(record["row_hash"].get<std::string>().size(), 16u);
  }
  EXPECT_TRUE(fs::exists(dir / "a" / "cache.db"));

  // The same requests again: every answer from the cache, with the original usage.
  const auto second =
      run_cli({"run", (dir / "config.json").string(), "--out", (dir / "a").string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto second_dir = run_folder_of(second);
  ASSERT_NE(second_dir, run_folder_of(first));
  const auto b = by_case(second_dir);
  ASSERT_EQ(b.size(), 4u);
  for (const auto& [key, record] : b) {
    EXPECT_TRUE(cached(record)) << key;
    EXPECT_EQ(record["response"], a.at(key)["response"]);
    EXPECT_EQ(record["usage"], a.at(key)["usage"]);
  }

  // --no-cache sends everything again.
  const auto third =
      run_cli({"run", (dir / "config.json").string(), "--out", (dir / "c").string(), "--no-cache"});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  const auto no_cache_dir = run_folder_of(third);
  for (const auto& [key, record] : by_case(no_cache_dir)) EXPECT_FALSE(cached(record)) << key;
  // ... and still saves every answer: the same requests again are all answered from the cache.
  const auto fourth =
      run_cli({"run", (dir / "config.json").string(), "--out", (dir / "c").string()});
  ASSERT_EQ(fourth.exit_code, 0) << fourth.err;
  ASSERT_NE(run_folder_of(fourth), no_cache_dir);
  const auto d = by_case(run_folder_of(fourth));
  ASSERT_EQ(d.size(), 4u);
  for (const auto& [key, record] : d) EXPECT_TRUE(cached(record)) << key;
}

TEST(CliDataset, ResumeSendsAgainOnlyTheRowThatChanged) {
  TempDir dir;
  write_file(dir / "questions.csv", "id,question\nq1,alpha\nq2,beta\nq3,gamma\n");
  write_file(dir / "config.json", kDatasetConfig);
  ASSERT_EQ(run_cli({"run", (dir / "config.json").string()}).exit_code, 0);
  const auto run_dir = only_run_folder((dir / "runs").string());
  const auto before = by_case(run_dir);
  ASSERT_EQ(before.size(), 6u);

  write_file(dir / "questions.csv", "id,question\nq1,alpha\nq2,beta edited\nq3,gamma\n");
  const auto resumed = run_cli({"run", (dir / "config.json").string(), "--resume", run_dir});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming: 4 of 6 cases already done"), std::string::npos)
      << resumed.err;
  const auto after = by_case(run_dir);
  ASSERT_EQ(after.size(), 6u);
  for (const std::string key : {"q1/0", "q1/1", "q3/0", "q3/1"})
    EXPECT_EQ(after.at(key)["started_at"], before.at(key)["started_at"]) << key;
  EXPECT_EQ(after.at("q2/0")["response"], "echo q2: Q: beta edited");
  EXPECT_NE(after.at("q2/0")["row_hash"], before.at("q2/0")["row_hash"]);
  EXPECT_NE(after.at("q2/1")["started_at"], before.at("q2/1")["started_at"]);
  EXPECT_FALSE(cached(after.at("q2/0")));
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

TEST(CliDataset, ValidateNamesAMissingDataset) {
  TempDir dir;
  write_file(dir / "config.json", kDatasetConfig);
  const auto result = run_cli({"validate", (dir / "config.json").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: " + (dir / "config.json").string() +
                            ": /scenarios/0/dataset: dataset not found: " +
                            (dir / "questions.csv").string() + "\n");
}

TEST(CliDataset, ValidateAndRunNameARaggedRowByLine) {
  TempDir dir;
  write_file(dir / "questions.csv", "id,question\nq1,alpha\nq2,beta,surplus\n");
  write_file(dir / "config.json", kDatasetConfig);
  const std::string expected = "modelcompare: " + (dir / "questions.csv").string() +
                               ":3: row has 3 fields, the header has 2\n";
  const auto validate = run_cli({"validate", (dir / "config.json").string()});
  EXPECT_EQ(validate.exit_code, 2);
  EXPECT_EQ(validate.err, expected);
  const auto run = run_cli({"run", (dir / "config.json").string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, expected);
  EXPECT_FALSE(fs::exists(dir / "runs")) << "nothing is written for a bad dataset";
}

TEST(CliDataset, ValidateNamesAJsonlLineThatIsNotJson) {
  TempDir dir;
  write_file(dir / "q.jsonl", "{\"question\": \"a\"}\n{\"question\": \"b\"\n");
  std::string config = kDatasetConfig;
  config.replace(config.find("questions.csv"), 13, "q.jsonl");
  write_file(dir / "config.json", config);
  const auto result = run_cli({"validate", (dir / "config.json").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(first_line(result.err)
                .rfind("modelcompare: " + (dir / "q.jsonl").string() + ":2: not valid JSON", 0),
            0u)
      << result.err;
}

TEST(CliDataset, ValidateNamesAVariableNoRowProvides) {
  TempDir dir;
  write_file(dir / "questions.csv", "id,query\nq1,alpha\n");
  write_file(dir / "config.json", kDatasetConfig);
  const auto result = run_cli({"validate", (dir / "config.json").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "modelcompare: " + (dir / "questions.csv").string() +
                            ":2: scenario \"qa\" uses {{question}}, which this row does not "
                            "provide (it has id, query)\n");
}

TEST(CliDataset, ValidateCountsRowCases) {
  TempDir dir;
  write_file(dir / "questions.csv", "id,question\nq1,a\nq2,b\nq3,c\n");
  write_file(dir / "config.json", kDatasetConfig);
  const auto result = run_cli({"validate", (dir / "config.json").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("1 providers, 1 scenarios, 3 conversations, 6 cases"),
            std::string::npos)
      << result.out;
}

}  // namespace
}  // namespace modelcompare::testing
