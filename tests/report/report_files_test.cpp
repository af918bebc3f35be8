// results.csv, report.html and the report's charts, from a small summary built the real way.
#include <gtest/gtest.h>

#include <regex>

#include "report/html_report.hpp"
#include "report/markdown_report.hpp"
#include "report/report_charts.hpp"
#include "report/results_csv.hpp"
#include "report/run_prices.hpp"
#include "report/run_summary.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::report {
namespace {

const unsigned char kTinyPng[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99,
    0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

store::CaseRecord answer(const std::string& provider, int repeat, double score,
                         const std::string& image = "") {
  store::CaseRecord r;
  r.key = {provider, "pie", "pie", repeat, 0};
  r.model = provider + "-model";
  r.response = "Here:\n```python\nprint(\"a, b\")\n```\n<script>alert(1)</script>";
  r.usage = {1000, 500, 1500, 200, std::nullopt};
  r.latency_ms = 1000 + 100 * repeat;
  nlohmann::json details = {{"findings", {"english: 0.169 drawn, 0.159 expected"}}};
  if (!image.empty()) details["images"] = {image};
  r.evaluations = nlohmann::json::array({{{"plugin", "code-correctness"},
                                          {"score", score},
                                          {"passed", score >= 0.8},
                                          {"details", details}}});
  return r;
}

store::CaseRecord failure(const std::string& provider, int repeat) {
  store::CaseRecord r;
  r.key = {provider, "pie", "pie", repeat, 0};
  r.status = store::CaseStatus::error;
  r.error_kind = "server_error";
  r.error = "HTTP 500 from the service";
  return r;
}

TEST(RunPrices, PricesCachedInputApartAndSurviveTheStoredForm) {
  RunPrices prices;
  prices["big"] = {catalog::TokenPrices{10, 5, 30}, "catalog big"};
  const auto back = run_prices_from_json(to_json(prices));
  ASSERT_EQ(back.size(), 1u);
  std::vector<store::CaseRecord> cases = {answer("big", 0, 1), answer("small", 0, 1)};
  price_cases(cases, back);
  // 800 input at $10/M + 200 cached at $5/M + 500 output at $30/M.
  ASSERT_TRUE(cases[0].cost_usd);
  EXPECT_NEAR(*cases[0].cost_usd, 0.008 + 0.001 + 0.015, 1e-12);
  EXPECT_FALSE(cases[1].cost_usd);  // no price known: unknown, never 0
  EXPECT_TRUE(
      run_prices_from_json(nlohmann::json::parse(R"({"x": {"input_per_1m": "ten"}})")).empty());
}

TEST(RunPrices, TheConfigPriceOverridesTheCatalogPerField) {
  config::Config config;
  config.providers.push_back({"a", "mock", "", {}, config::PriceConfig{1.0, std::nullopt, 2.0}});
  config.providers.push_back({"b", "mock", "", {}, std::nullopt});
  const auto prices = run_prices(config, nullptr);
  ASSERT_EQ(prices.count("a"), 1u);
  EXPECT_EQ(prices.at("a").source, "config");
  EXPECT_EQ(prices.at("a").prices.output, 2.0);
  EXPECT_EQ(prices.count("b"), 0u);
}

TEST(ResultsCsv, QuotesWhatNeedsQuotingAndHasAColumnPerEvaluator) {
  auto ok = answer("a", 0, 0.9);
  ok.cost_usd = 0.0125;
  const auto csv = results_csv({ok, failure("a", 1)});
  const auto header_end = csv.find("\r\n");
  EXPECT_EQ(csv.substr(0, header_end),
            "provider,scenario,case_key,repeat,turn,status,model,prompt_tokens,completion_tokens,"
            "total_tokens,cached_prompt_tokens,latency_ms,ttft_ms,cost_usd,retries,cached,"
            "error_kind,error,started_at,finished_at,code-correctness score,code-correctness "
            "passed,response");
  EXPECT_NE(csv.find("a,pie,pie,1,1,ok,a-model,1000,500,1500,200,1000,,0.0125,0,false,,,,,0.9,true,"
                     "\"Here:\n```python\nprint(\"\"a, b\"\")\n```"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("a,pie,pie,2,1,error,,0,0,0,,0,,,0,false,server_error,HTTP 500 from the "
                     "service,,,,,\r\n"),
            std::string::npos)
      << csv;
}

class HtmlReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_file(dir_.path() / "drawn.png",
                        std::string(reinterpret_cast<const char*>(kTinyPng), sizeof kTinyPng));
    testing::write_file(dir_.path() / "chart.png",
                        std::string(reinterpret_cast<const char*>(kTinyPng), sizeof kTinyPng));
    const auto image = (dir_.path() / "drawn.png").string();
    for (int i = 0; i < 4; ++i) cases_.push_back(answer("gpt-4o", i, 1.0, image));
    cases_.push_back(failure("gpt-4o", 4));
    for (int i = 0; i < 5; ++i) cases_.push_back(answer("gpt-4o-mini", i, 0.9, image));
    config_ = nlohmann::json::parse(R"({
      "decision": {"score": "code-correctness", "min": 0.8, "prefer": "cheapest"},
      "providers": [{"id": "gpt-4o"}, {"id": "gpt-4o-mini"}],
      "scenarios": [{"id": "pie", "turns": [{"user": [{"text": "Draw <this> chart"},
                                                      {"image": "chart.png"}]}]}]})");
    const std::map<std::string, std::string> info = {
        {"name", "tutor & friends"}, {"state", "finished"}, {"config", config_.dump()}};
    RunPrices prices;
    prices["gpt-4o"] = {catalog::TokenPrices{2.5, 1.25, 10}, "catalog"};
    prices["gpt-4o-mini"] = {catalog::TokenPrices{0.15, 0.075, 0.6}, "catalog"};
    price_cases(cases_, prices);
    summary_ = summarize_run(info, CaseTally(cases_));
  }

  testing::TempDir dir_;
  std::vector<store::CaseRecord> cases_;
  nlohmann::json config_;
  nlohmann::json summary_;
};

TEST_F(HtmlReportTest, TheSummaryRecommendsTheCheapModelThatMeetsTheRule) {
  const auto& r = summary_["recommendation"];
  EXPECT_EQ(r["chosen"], "gpt-4o-mini") << r.dump(2);
  EXPECT_NE(r["rationale"].get<std::string>().find("gpt-4o-mini passes 100 % [57, 100] of 5 cases"),
            std::string::npos)
      << r["rationale"];
  EXPECT_NE(r["rationale"].get<std::string>().find("at 13× the cost"), std::string::npos)
      << r["rationale"];
  EXPECT_NE(summary_["providers"][0]["cost_per_case_usd"], nullptr);
}

TEST_F(HtmlReportTest, IsSelfContainedAndLeadsWithTheRecommendation) {
  const auto html = html_report({summary_, cases_, config_, dir_.path(), dir_.path()});
  const auto recommendation = html.find("id=recommendation");
  ASSERT_NE(recommendation, std::string::npos);
  EXPECT_LT(recommendation, html.find("<h2>Summary</h2>"));
  EXPECT_LT(html.find("<h2>Summary</h2>"), html.find("<h2>Cases</h2>"));
  EXPECT_NE(html.find("<p class=chosen>gpt-4o-mini</p>"), std::string::npos);
  // Nothing is fetched from elsewhere: every src is a data URL and no stylesheet is linked.
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*"?(https?:|//))")));
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("src=\"data:image/png;base64,iVBORw0KGgo"), std::string::npos);
  // The model's text is shown, never run.
  EXPECT_EQ(html.find("<script>alert(1)</script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Draw &lt;this&gt; chart"), std::string::npos);
  EXPECT_NE(html.find("<title>tutor &amp; friends · modelcompare</title>"), std::string::npos);
  EXPECT_NE(html.find("english: 0.169 drawn, 0.159 expected"), std::string::npos);
  EXPECT_NE(html.find("HTTP 500 from the service"), std::string::npos);
}

TEST_F(HtmlReportTest, BothReportsShowOurTokensBesideTheServers) {
  summary_["server_tokens"] = nlohmann::json::parse(R"({"deployments": [{"deployment": "gpt-4o",
    "source": "azure-monitor",
    "local": {"prompt_tokens": 22, "generated_tokens": 20, "total_tokens": 42},
    "server": {"prompt_tokens": 1000, "generated_tokens": 100, "total_tokens": 1100},
    "difference": {"total_tokens": {"absolute": 1058, "percent": 2519.04}}}]})");
  const auto md = markdown_report(summary_, CaseTally(cases_));
  EXPECT_NE(md.find("| gpt-4o | azure-monitor | 22 / 1000 | 20 / 100 | 1058 (+2519.0 %) |"),
            std::string::npos)
      << md;
  const auto html = html_report({summary_, cases_, config_, dir_.path(), dir_.path()});
  EXPECT_NE(html.find("<td>22 / 1000</td><td>20 / 100</td><td>1058 (2519.0 %)</td>"),
            std::string::npos);
}

TEST_F(HtmlReportTest, MarkdownTablesStopAtFiveHundredRowsWithANote) {
  std::vector<store::CaseRecord> many;
  for (int i = 0; i < 1200; ++i)
    many.push_back(i % 2 ? answer("gpt-4o", i, 1.0, "") : failure("gpt-4o-mini", i));
  const auto md = markdown_report(summary_, CaseTally(many));
  const auto rows = [&](const std::string& heading) {
    const auto start = md.find(heading);
    const auto end = md.find("\n\n", md.find("|---", start));
    std::size_t n = 0;
    for (auto at = md.find("\n| ", start); at < end; at = md.find("\n| ", at + 1)) ++n;
    return n - 1;  // the header row
  };
  EXPECT_EQ(rows("## Failures"), 500u);
  EXPECT_EQ(rows("## Cases"), 500u);
  EXPECT_NE(md.find("500 of 600 rows shown; every case is in results.csv and results.jsonl."),
            std::string::npos);
  EXPECT_NE(md.find("500 of 1200 rows shown; every case is in results.csv and results.jsonl."),
            std::string::npos);
  EXPECT_EQ(markdown_report(summary_, CaseTally(cases_)).find("rows shown"), std::string::npos);
}

TEST_F(HtmlReportTest, ManyCasesAreCutWithANote) {
  HtmlReportInput input{summary_, cases_, config_, dir_.path(), dir_.path()};
  input.max_case_groups = 0;
  const auto html = html_report(input);
  EXPECT_NE(html.find("The first 0 of 1 case turns"), std::string::npos);
  EXPECT_EQ(html.find("<section class=case>"), std::string::npos);
}

// A large run hands report.html only the records it shows, with the run's totals.
TEST_F(HtmlReportTest, ShownCasesWithTheRunsTotals) {
  const std::vector<store::CaseRecord> shown(cases_.begin(), cases_.begin() + 2);
  HtmlReportInput input{summary_, shown, config_, dir_.path(), dir_.path()};
  input.max_case_groups = 1;
  input.case_count = 20000;
  input.case_turn_count = 10000;
  const auto html = html_report(input);
  EXPECT_NE(html.find("state finished, 20000 cases."), std::string::npos);
  EXPECT_NE(html.find("The first 1 of 10000 case turns"), std::string::npos);
  std::size_t sections = 0;
  for (auto at = html.find("<section class=case>"); at != std::string::npos;
       at = html.find("<section class=case>", at + 1))
    ++sections;
  EXPECT_EQ(sections, 1u);
}

TEST_F(HtmlReportTest, ChartsPlotScoreAgainstCostWithIntervalsAndLatency) {
  const auto score = score_vs_cost_chart(summary_);
  ASSERT_TRUE(score);
  EXPECT_EQ(score->x_label, "cost per case (USD)");
  ASSERT_EQ(score->series.size(), 2u);
  const auto& mini = score->series[1].points.at(0);
  EXPECT_EQ(mini.label, "gpt-4o-mini");
  EXPECT_NEAR(mini.y,
              summary_["providers"][1]["evaluators"]["code-correctness"]["failures_as_zero"]["mean"]
                  .get<double>(),
              1e-12);
  EXPECT_TRUE(mini.y_low && mini.y_high);
  const auto latency = latency_chart(summary_, CaseTally(cases_));
  ASSERT_TRUE(latency);
  EXPECT_EQ(latency->series[0].points.back().y, 1.0);
  const auto written =
      draw_report_charts(dir_.path(), summary_, CaseTally(cases_), config_, nullptr);
  ASSERT_EQ(written.size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "charts" / "score-vs-cost.svg"));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "charts" / "latency.png"));
}

// A large run's latency chart keeps at most about a thousand steps a provider, still starting at 0,
// ending at every answer (share 1) at the slowest one, and rising with the latency.
TEST(ReportCharts, LatencyChartOfALargeRunIsThinnedButKeepsItsShape) {
  std::vector<store::CaseRecord> cases;
  for (int i = 0; i < 2500; ++i) cases.push_back(answer("big", i, 1));
  for (int i = 0; i < 7; ++i) cases.push_back(answer("small", i, 1));
  const CaseTally tally(cases);
  const auto summary = summarize_run({}, tally);
  const auto chart = latency_chart(summary, tally);
  ASSERT_TRUE(chart);
  ASSERT_EQ(chart->series.size(), 2u);
  const auto& big = chart->series[0].points;
  EXPECT_LE(big.size(), 1002u);
  EXPECT_GE(big.size(), 500u);
  EXPECT_EQ(big.front().y, 0.0);
  EXPECT_EQ(big.back().y, 1.0);
  EXPECT_EQ(big.back().x, 1000 + 100 * 2499);
  for (std::size_t i = 1; i < big.size(); ++i) {
    EXPECT_GT(big[i].y, big[i - 1].y) << i;
    EXPECT_GE(big[i].x, big[i - 1].x) << i;
    // Each kept point is the true share of answers at that latency.
    EXPECT_NEAR(big[i].y, (big[i].x - 1000) / 100 / 2500 + 1.0 / 2500, 1e-9) << i;
  }
  EXPECT_EQ(chart->series[1].points.size(), 8u);  // a small run keeps every answer
}

}  // namespace
}  // namespace modelcompare::report
