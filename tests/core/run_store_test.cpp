#include "store/run_store.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace modelcompare::store {
namespace {

CaseRecord sample(int repeat, int turn) {
  CaseRecord r;
  r.key = {"gpt-4o", "pie", "pie", repeat, turn};
  r.response = "answer ✓";
  r.usage = {100, 20, 120, 5, std::nullopt};
  r.latency_ms = 812.5;
  r.ttft_ms = 301;
  r.evaluations = nlohmann::json::array({{{"plugin", "x"}, {"score", 0.5}, {"passed", false}}});
  r.started_at = "2026-11-27T10:00:00.000Z";
  r.finished_at = "2026-11-27T10:00:01.000Z";
  return r;
}

TEST(RunStore, RecordsReplacesAndReadsBackInOrder) {
  testing::TempDir dir;
  auto store = RunStore::create(dir.path());
  store.set_info("config_hash", "abc");
  store.record(sample(1, 0));
  store.record(sample(0, 1));
  auto failed = sample(0, 0);
  failed.status = CaseStatus::error;
  failed.error_kind = "timeout";
  failed.error = "no answer in 60 s";
  store.record(failed);
  store.record(sample(0, 0));  // the same case again replaces it

  auto reopened = RunStore::open(dir.path());
  EXPECT_EQ(reopened.info("config_hash"), "abc");
  const auto cases = reopened.cases();
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[0].key, (CaseKey{"gpt-4o", "pie", "pie", 0, 0}));
  EXPECT_EQ(cases[0].status, CaseStatus::ok);
  EXPECT_EQ(cases[1].key.turn, 1);
  EXPECT_EQ(cases[2].key.repeat, 1);
  EXPECT_EQ(cases[0].response, "answer ✓");
  EXPECT_EQ(cases[0].usage.cached_prompt_tokens, 5);
  EXPECT_FALSE(cases[0].usage.reasoning_tokens.has_value());
  EXPECT_EQ(cases[0].ttft_ms, 301);
  EXPECT_EQ(cases[0].evaluations[0]["score"], 0.5);
  const auto json = cases[0].to_json();
  EXPECT_EQ(json["usage"]["total_tokens"], 120);
  EXPECT_TRUE(json["error"].is_null());
  EXPECT_TRUE(json["cost_usd"].is_null());
}

TEST(RunStore, APassWithoutAnswersReadsEverythingElse) {
  testing::TempDir dir;
  auto store = RunStore::create(dir.path());
  store.record(sample(0, 0));
  std::vector<CaseRecord> read;
  store.for_each_case([&](CaseRecord& r) { read.push_back(std::move(r)); },
                      RunStore::CaseText::without_answer);
  ASSERT_EQ(read.size(), 1u);
  auto expected = sample(0, 0);
  EXPECT_EQ(read[0].response, "");
  expected.response.clear();
  EXPECT_EQ(read[0].to_json(), expected.to_json());
}

TEST(RunStore, CheckpointFoldsTheLogIntoRunDb) {
  testing::TempDir dir;
  auto store = RunStore::create(dir.path());
  for (int repeat = 0; repeat < 20; ++repeat) store.record(sample(repeat, 0));
  const auto log = dir.path() / "run.db-wal";
  ASSERT_TRUE(std::filesystem::exists(log));
  ASSERT_GT(std::filesystem::file_size(log), 0u);
  store.checkpoint();
  EXPECT_EQ(std::filesystem::file_size(log), 0u);
  // Still readable and writable after it.
  store.record(sample(20, 0));
  EXPECT_EQ(store.case_count(), 21u);
  EXPECT_EQ(RunStore::open(dir.path()).case_count(), 21u);
}

TEST(RunStore, RefusesFoldersThatAreNotRuns) {
  testing::TempDir dir;
  try {
    RunStore::open(dir.path());
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_EQ(std::string(e.what()), dir.path().string() + ": not a run folder (no run.db)");
  }
  testing::write_file(dir / "run.db", "this is not sqlite");
  try {
    RunStore::open(dir.path());
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_NE(
        std::string(e.what()).find(": not a run folder (run.db is not a modelcompare run store"),
        std::string::npos)
        << e.what();
  }
  try {
    RunStore::open(dir / "missing");
    FAIL();
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("not a run folder (no such folder)"), std::string::npos);
  }
}

// record() and find() prepare their statements once and reuse them: values of one case must not
// leak into the next (nulls included), and a store opened again, as --resume does, reads and
// writes with its own statements, finds interleaved with records.
TEST(RunStore, ReusedStatementsKeepEachCaseAndSurviveResume) {
  testing::TempDir dir;
  const auto varied = [](int i) {
    auto r = sample(i, 0);
    r.key.case_key = "row-" + std::to_string(i);
    r.usage.cached_prompt_tokens =
        i % 2 ? std::nullopt : std::optional<std::int64_t>(std::int64_t{i});
    r.ttft_ms = i % 3 ? std::optional<double>(i) : std::nullopt;
    r.response = std::string(std::size_t(i), 'x');
    return r;
  };
  {
    auto store = RunStore::create(dir.path());
    for (int i = 0; i < 6; ++i) store.record(varied(i));
  }
  auto resumed = RunStore::open(dir.path());
  for (int i = 0; i < 6; ++i) {  // finds and records interleaved, as a resumed run does
    EXPECT_TRUE(resumed.find(varied(i).key)) << i;
    EXPECT_FALSE(resumed.find(varied(i + 6).key)) << i;
    resumed.record(varied(i + 6));
    EXPECT_TRUE(resumed.find(varied(i + 6).key)) << i;
  }
  std::filesystem::create_directories(dir / "other");
  auto moved = RunStore::create(dir / "other");
  moved = std::move(resumed);
  moved.record(varied(12));
  for (int i = 0; i <= 12; ++i) {
    const auto found = moved.find(varied(i).key);
    ASSERT_TRUE(found) << i;
    EXPECT_EQ(found->response.size(), std::size_t(i));
    EXPECT_EQ(found->usage.cached_prompt_tokens, varied(i).usage.cached_prompt_tokens) << i;
    EXPECT_EQ(found->ttft_ms, varied(i).ttft_ms) << i;
  }
  EXPECT_EQ(moved.case_count(), 13u);
}

TEST(RunStore, CreateRefusesAnExistingStore) {
  testing::TempDir dir;
  RunStore::create(dir.path());
  EXPECT_THROW(RunStore::create(dir.path()), std::runtime_error);
}

}  // namespace
}  // namespace modelcompare::store
