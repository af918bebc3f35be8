// The server's series saved in the run folder (round trip, atomic write, a damaged file) and the
// side-by-side token comparison built from them.
#include "telemetry/server_metrics_file.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "telemetry/token_comparison.hpp"
#include "utc_at.hpp"

namespace modelcompare::telemetry {
namespace {

store::CaseRecord finished_case(const std::string& provider, const std::string& finished,
                                int prompt, int generated) {
  store::CaseRecord record;
  record.key.provider = provider;
  record.started_at = finished;
  record.finished_at = finished;
  record.usage.prompt_tokens = prompt;
  record.usage.completion_tokens = generated;
  return record;
}

SavedServerMetrics azure_answer() {
  SavedServerMetrics saved;
  saved.instance = "azure-monitor";
  saved.plugin = "azure-monitor";
  saved.fetched_at = "2026-11-27T10:09:00.000Z";
  saved.window = {
      at("2026-11-27T10:00:10Z"), at("2026-11-27T10:01:30Z"), {"gpt-4o", "gpt-4o-mini"}};
  saved.deployments = {{"fast", "gpt-4o"}, {"small", "gpt-4o-mini"}};
  const auto t0 = at("2026-11-27T09:59:00Z"), t1 = at("2026-11-27T10:00:00Z"),
             t2 = at("2026-11-27T10:01:00Z");
  saved.series = {
      {"ProcessedPromptTokens", "gpt-4o", "Count", {{t0, std::nullopt}, {t1, 100.0}, {t2, 110.0}}},
      {"GeneratedTokens", "gpt-4o", "Count", {{t0, std::nullopt}, {t1, 10.0}, {t2, 12.0}}},
      {"TokenTransaction", "gpt-4o", "Count", {{t0, std::nullopt}, {t1, 110.0}, {t2, 122.0}}},
      {"AzureOpenAIRequests", "gpt-4o", "Count", {{t1, 1.0}, {t2, 1.0}}},
      {"TokenTransaction", "gpt-4o-mini", "Count", {{t1, 50.0}, {t2, std::nullopt}}}};
  return saved;
}

TEST(ServerMetricsFile, SavesAtomicallyAndReadsBackTheSameSeries) {
  testing::TempDir run("run");
  const auto file = save_server_metrics(run.path(), azure_answer());
  EXPECT_EQ(file, run.path() / "metrics" / "azure-monitor.json");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(run / "metrics"))
    ++entries;
  EXPECT_EQ(entries, 1u);  // no partial file left behind

  const auto loaded = load_server_metrics(run.path());
  ASSERT_EQ(loaded.size(), 1u);
  const auto& one = loaded[0];
  EXPECT_EQ(one.instance, "azure-monitor");
  EXPECT_EQ(one.fetched_at, "2026-11-27T10:09:00.000Z");
  EXPECT_EQ(format_utc(one.window.start), "2026-11-27T10:00:10.000Z");
  EXPECT_EQ(one.window.deployments, (std::vector<std::string>{"gpt-4o", "gpt-4o-mini"}));
  EXPECT_EQ(one.deployments.at("small"), "gpt-4o-mini");
  ASSERT_EQ(one.series.size(), 5u);
  EXPECT_EQ(one.series[0].metric, "ProcessedPromptTokens");
  EXPECT_FALSE(one.series[0].points[0].value);
  EXPECT_EQ(*one.series[0].points[2].value, 110.0);
  EXPECT_EQ(format_utc(one.series[4].points[1].time), "2026-11-27T10:01:00.000Z");
}

TEST(ServerMetricsFile, NoFolderMeansNothingSavedAndADamagedFileIsNamed) {
  testing::TempDir run("run");
  EXPECT_TRUE(load_server_metrics(run.path()).empty());
  testing::write_file(run / "metrics/azure-monitor.json", R"({"instance": "azure-monitor"})");
  try {
    load_server_metrics(run.path());
    FAIL() << "a damaged file was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find((run / "metrics/azure-monitor.json").string() +
                                         ": not a saved metrics file"),
              std::string::npos)
        << e.what();
  }
}

TEST(TokenComparison, NullWithoutSavedSeries) {
  testing::TempDir run("run");
  EXPECT_TRUE(
      token_comparison(run.path(), {finished_case("fast", "2026-11-27T10:00:20.000Z", 1, 1)})
          .is_null());
}

TEST(TokenComparison, OurCountBesideTheServersWithTheDifference) {
  testing::TempDir run("run");
  save_server_metrics(run.path(), azure_answer());
  const auto comparison =
      token_comparison(run.path(), {finished_case("fast", "2026-11-27T10:00:20.000Z", 100, 10),
                                    finished_case("fast", "2026-11-27T10:01:20.000Z", 100, 10),
                                    finished_case("small", "2026-11-27T10:01:30.000Z", 40, 0)});
  ASSERT_FALSE(comparison.is_null());
  EXPECT_EQ(comparison["sources"][0]["instance"], "azure-monitor");
  ASSERT_EQ(comparison["deployments"].size(), 2u);
  const auto& gpt4o = comparison["deployments"][0];
  EXPECT_EQ(gpt4o["deployment"], "gpt-4o");
  EXPECT_EQ(gpt4o["providers"], nlohmann::json::array({"fast"}));
  EXPECT_EQ(gpt4o["local"]["prompt_tokens"], 200);
  EXPECT_EQ(gpt4o["server"]["prompt_tokens"], 210);
  EXPECT_EQ(gpt4o["difference"]["prompt_tokens"]["absolute"], 10);
  EXPECT_EQ(gpt4o["difference"]["prompt_tokens"]["percent"], 5);
  EXPECT_EQ(gpt4o["local"]["generated_tokens"], 20);
  EXPECT_EQ(gpt4o["server"]["generated_tokens"], 22);
  EXPECT_EQ(gpt4o["difference"]["generated_tokens"]["percent"], 10);
  EXPECT_EQ(gpt4o["local"]["total_tokens"], 220);
  EXPECT_EQ(gpt4o["server"]["total_tokens"], 232);
  EXPECT_EQ(gpt4o["difference"]["total_tokens"]["absolute"], 12);
  EXPECT_EQ(gpt4o["difference"]["total_tokens"]["percent"], 5.45);
  EXPECT_EQ(gpt4o["server"]["requests"], 2);
  EXPECT_EQ(gpt4o["difference"]["requests"]["absolute"], 0);

  // Only TokenTransaction for the mini: the halves are unknown (null), the total compares.
  const auto& mini = comparison["deployments"][1];
  EXPECT_EQ(mini["deployment"], "gpt-4o-mini");
  EXPECT_TRUE(mini["server"]["prompt_tokens"].is_null());
  EXPECT_TRUE(mini["difference"]["prompt_tokens"]["absolute"].is_null());
  EXPECT_EQ(mini["server"]["total_tokens"], 50);
  EXPECT_EQ(mini["difference"]["total_tokens"]["absolute"], 10);
  EXPECT_EQ(mini["difference"]["total_tokens"]["percent"], 25);
}

}  // namespace
}  // namespace modelcompare::telemetry
