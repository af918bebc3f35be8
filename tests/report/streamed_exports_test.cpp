// The pieces write_run_exports streams a large run with: results.csv row by row, a file written
// atomically in pieces, and the compact records the summary and charts hold in memory.
#include <gtest/gtest.h>

#include <fstream>

#include "report/atomic_file.hpp"
#include "report/results_csv.hpp"
#include "store/compact_case.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::report {
namespace {

store::CaseRecord judged_answer(const std::string& provider) {
  store::CaseRecord r;
  r.key = {provider, "pie", "row-1", 0, 0};
  r.model = provider + "-model";
  r.response = "```python\nplt.pie([1, 2], labels=[\"a, b\", \"c\"])\n```";
  r.usage = {100, 50, 150, std::nullopt, std::nullopt};
  r.latency_ms = 420;
  r.error = "";
  r.extra = {{"cached", true}, {"client_request_id", "c0ffee"}, {"http_status", 200}};
  r.row_hash = std::string(64, 'a');
  r.started_at = "2026-11-28T05:00:00.000Z";
  r.finished_at = "2026-11-28T05:00:00.420Z";
  r.evaluations = nlohmann::json::array(
      {{{"plugin", "text-checks"},
        {"score", 1.0},
        {"passed", true},
        {"details", {{"checks", nlohmann::json::array()}, {"findings", {"none"}}}}},
       {{"plugin", "llm-judge"},
        {"score", 0.5},
        {"passed", false},
        {"details", {{"judge", {{"usage", {{"prompt_tokens", 7}}}, {"verdict", "meh"}}}}}}});
  return r;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(ResultsCsvPieces, HeaderAndRowsMakeTheWholeFile) {
  std::vector<store::CaseRecord> cases = {judged_answer("a"), judged_answer("b")};
  const auto evaluators = evaluator_columns(cases);
  EXPECT_EQ(evaluators, (std::vector<std::string>{"text-checks", "llm-judge"}));
  std::string pieces = results_csv_header(evaluators);
  for (const auto& r : cases) pieces += results_csv_row(r, evaluators);
  EXPECT_EQ(pieces, results_csv(cases));
  EXPECT_NE(pieces.find("plt.pie([1, 2], labels=[\"\"a, b\"\", \"\"c\"\"])"), std::string::npos);
}

TEST(AtomicFileWriter, CommitsThePiecesOverTheOldFile) {
  testing::TempDir dir;
  const auto path = dir.path() / "results.jsonl";
  write_file_atomically(path, "old\n");
  {
    AtomicFileWriter out(path);
    out.append("one\n");
    EXPECT_EQ(read(path), "old\n");  // unchanged until commit
    out.append("two\n");
    out.commit();
  }
  EXPECT_EQ(read(path), "one\ntwo\n");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "results.jsonl.partial"));
}

TEST(AtomicFileWriter, WithoutCommitLeavesTheOldFileAndNoTemporary) {
  testing::TempDir dir;
  const auto path = dir.path() / "results.csv";
  write_file_atomically(path, "old\n");
  {
    AtomicFileWriter out(path);
    out.append("half a run");
  }
  EXPECT_EQ(read(path), "old\n");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "results.csv.partial"));
}

TEST(AtomicFileWriter, AnUnwritableFolderIsNamed) {
  testing::TempDir dir;
  try {
    AtomicFileWriter out(dir.path() / "missing" / "results.csv");
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir.path() / "missing" / "results.csv.partial").string() + ": cannot write");
  }
}

TEST(CompactCase, KeepsWhatSummariesReadAndDropsTheRest) {
  const auto whole = judged_answer("a");
  const auto compact = store::compact_case(whole);
  EXPECT_EQ(compact.key, whole.key);
  EXPECT_EQ(compact.usage.total_tokens, 150);
  EXPECT_EQ(compact.latency_ms, 420);
  EXPECT_EQ(compact.started_at, whole.started_at);
  EXPECT_EQ(compact.finished_at, whole.finished_at);
  EXPECT_EQ(compact.model, "a-model");
  EXPECT_TRUE(compact.response.empty());
  EXPECT_TRUE(compact.row_hash.empty());
  EXPECT_EQ(compact.extra, (nlohmann::json{{"cached", true}}));
  const nlohmann::json expected =
      nlohmann::json::array({{{"plugin", "text-checks"}, {"score", 1.0}, {"passed", true}},
                             {{"plugin", "llm-judge"},
                              {"score", 0.5},
                              {"passed", false},
                              {"details", {{"judge", {{"usage", {{"prompt_tokens", 7}}}}}}}}});
  EXPECT_EQ(compact.evaluations, expected);
  // The same columns as the whole record, but the response.
  const auto evaluators = evaluator_columns({whole});
  auto without_answer = whole;
  without_answer.response.clear();
  EXPECT_EQ(results_csv_row(compact, evaluators), results_csv_row(without_answer, evaluators));
}

}  // namespace
}  // namespace modelcompare::report
