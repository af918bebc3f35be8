// `modelcompare metrics` and the telemetry at the end of `modelcompare run`, through the real
// binary: the local table and charts, every bad input's one line, and a run whose azure-monitor
// series come from a fake Azure Resource Manager on 127.0.0.1 on its third poll.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "fake_http_server.hpp"
#include "store/run_store.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"
#include "telemetry/server_metrics_file.hpp"
#include "telemetry/token_comparison.hpp"
#include "telemetry/utc_minute.hpp"

namespace modelcompare::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

const std::string kPlugins = MODELCOMPARE_PLUGIN_DIR;
const std::string kResource =
    "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/lab-rg/providers/"
    "Microsoft.CognitiveServices/accounts/lab-openai";
const std::string kMetricsPath = kResource + "/providers/Microsoft.Insights/metrics";

bool is_png(const fs::path& file) {
  if (!fs::exists(file)) return false;
  return read_file(file).substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8);
}

std::string last_line(const std::string& text) {
  auto trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  return trimmed.substr(trimmed.rfind('\n') == std::string::npos ? 0 : trimmed.rfind('\n') + 1);
}

// The environment every binary run here gets: no proxy, the fake as Entra's authority.
std::map<std::string, std::string> azure_environment(const std::string& endpoint) {
  return {{"HTTP_PROXY", ""},
          {"HTTPS_PROXY", ""},
          {"http_proxy", ""},
          {"https_proxy", ""},
          {"NO_PROXY", "127.0.0.1"},
          {"AZURE_TENANT_ID", "tenant-1"},
          {"AZURE_CLIENT_ID", "app-1"},
          {"AZURE_CLIENT_SECRET", "client-secret-value-42"},
          {"AZURE_AUTHORITY_HOST", endpoint}};
}

json monitor_entry(const std::string& endpoint) {
  return {{"plugin", "azure-monitor"},
          {"options",
           {{"resource_id", kResource},
            {"endpoint", endpoint},
            {"poll_interval_seconds", 0.05},
            {"ingestion_wait_seconds", 20}}}};
}

// A run folder written the way `run` writes it, with cases at known times.
fs::path make_run(const TempDir& dir, const json& metrics = json::array()) {
  const fs::path run_dir = dir / "run";
  fs::create_directories(run_dir);
  auto store = store::RunStore::create(run_dir);
  json config = {{"name", "t"},
                 {"providers",
                  {{{"id", "fast"}, {"plugin", "mock"}, {"options", {{"deployment", "gpt-4o"}}}},
                   {{"id", "small"}, {"plugin", "mock"}}}},
                 {"metrics", metrics}};
  store.set_info("config", config.dump());
  store.set_info("config_path", (dir / "config.json").string());
  const auto add = [&](const std::string& provider, const std::string& scenario,
                       const std::string& finished, int prompt, int generated,
                       store::CaseStatus status) {
    store::CaseRecord record;
    record.key = {provider, scenario, scenario, 0, 0};
    record.started_at = finished;
    record.finished_at = finished;
    record.usage.prompt_tokens = prompt;
    record.usage.completion_tokens = generated;
    record.status = status;
    store.record(record);
  };
  add("fast", "a", "2026-11-27T10:00:20.000Z", 100, 10, store::CaseStatus::ok);
  add("fast", "b", "2026-11-27T10:02:05.000Z", 300, 30, store::CaseStatus::ok);
  add("small", "a", "2026-11-27T10:00:40.000Z", 50, 0, store::CaseStatus::error);
  return run_dir;
}

TEST(MetricsCli, PrintsTheLocalTableAndDrawsTheCharts) {
  TempDir dir;
  const auto run_dir = make_run(dir);
  const auto result = run_cli({"metrics", run_dir.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("2026-11-27T10:00   gpt-4o"), std::string::npos) << result.out;
  // 10:01 is idle (0), 10:02 has the second case of gpt-4o
  EXPECT_NE(result.out.find("2026-11-27T10:01   gpt-4o                            0          0"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("2026-11-27T10:02   gpt-4o                          300         30"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("total              gpt-4o                          400         40"),
            std::string::npos)
      << result.out;
  // the provider without a deployment option is its own deployment; its failure is counted
  EXPECT_NE(result.out.find("total              small                            50          0"
                            "         50         1       1"),
            std::string::npos)
      << result.out;
  for (const auto* name : {"tokens-over-time-local.png", "tokens-over-time-local-requests.png"})
    EXPECT_TRUE(is_png(run_dir / "charts" / name)) << name;
  EXPECT_TRUE(fs::exists(run_dir / "charts/tokens-over-time-local.svg"));
  EXPECT_NE(result.err.find("wrote " + (run_dir / "charts/tokens-over-time-local.png").string()),
            std::string::npos);
}

TEST(MetricsCli, JsonAndOut) {
  TempDir dir;
  const auto run_dir = make_run(dir);
  auto result = run_cli({"metrics", run_dir.string(), "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto doc = json::parse(result.out);
  EXPECT_EQ(doc["source"], "local");
  ASSERT_EQ(doc["deployments"].size(), 2u);
  EXPECT_EQ(doc["deployments"][0]["deployment"], "gpt-4o");
  EXPECT_EQ(doc["deployments"][0]["minutes"].size(), 3u);
  EXPECT_EQ(doc["deployments"][0]["minutes"][2]["prompt_tokens"], 300);

  result = run_cli({"metrics", run_dir.string(), "--out", (dir / "t.svg").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");  // no table with --out
  EXPECT_NE(read_file(dir / "t.svg").find("<svg"), std::string::npos);
  EXPECT_NE(read_file(dir / "t-requests.svg").find("Requests Over Time"), std::string::npos);
}

TEST(MetricsCli, EveryBadInputIsOneLineAndExitTwo) {
  TempDir dir;
  const auto run_dir = make_run(dir);
  const auto expect_error = [&](const std::vector<std::string>& args, const std::string& line,
                                const std::map<std::string, std::string>& env = {}) {
    const auto result = run_cli(args, env);
    EXPECT_EQ(result.exit_code, 2) << line;
    EXPECT_EQ(result.err, "modelcompare: " + line + "\n");
  };
  expect_error({"metrics"}, "metrics: missing RUN_DIR (see `modelcompare metrics --help`)");
  expect_error({"metrics", (dir / "nowhere").string()},
               (dir / "nowhere").string() + ": not a run folder (no such folder)");
  expect_error({"metrics", dir.path().string()},
               dir.path().string() + ": not a run folder (no run.db)");
  expect_error({"metrics", run_dir.string(), "--out", "tokens.jpg"},
               "metrics: --out tokens.jpg: a chart is written as .png or .svg, not '.jpg'");
  expect_error({"metrics", run_dir.string(), "--source", "azure-monitr", "--plugin-dir", kPlugins},
               "metrics: unknown source 'azure-monitr' (did you mean 'azure-monitor'?); sources: "
               "azure-monitor, local");
  expect_error({"metrics", run_dir.string(), "--source", "azure-monitor", "--plugin-dir", kPlugins},
               "metrics: no metrics plugin configured: " + run_dir.string() +
                   " was run from a config without a \"metrics\" entry for 'azure-monitor' and "
                   "has no saved series in metrics/ (add {\"plugin\": \"azure-monitor\", "
                   "\"options\": {...}} to the config's \"metrics\" for the next run)");

  // A metrics entry whose variable is not set now.
  TempDir other;
  const auto unset_run = make_run(
      other, json::array({{{"plugin", "azure-monitor"},
                           {"options", {{"resource_id", "${TELEMETRY_TEST_UNSET_ID}"}}}}}));
  const auto result = run_cli(
      {"metrics", unset_run.string(), "--source", "azure-monitor", "--plugin-dir", kPlugins});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << result.err;  // one line
  EXPECT_NE(result.err.find(
                unset_run.string() + "/run.db: stored config (" + (other / "config.json").string() +
                ") /metrics/0/options/resource_id: ${TELEMETRY_TEST_UNSET_ID} is not set"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("TELEMETRY_TEST_UNSET_ID"), std::string::npos) << result.err;
}

TEST(MetricsCli, APluginErrorIsOneLineAndSecretsStayOut) {
  FakeHttpServer arm([](const ReceivedRequest& request) {
    if (request.method == "POST")
      return ScriptedReply::json(
          200, R"({"token_type":"Bearer","expires_in":3599,"access_token":"eyJ-arm-token-9"})");
    return ScriptedReply::json(
        403,
        R"({"error":{"code":"AuthorizationFailed","message":"The client 'reader@lab' with object id 'x' does not have authorization to perform action 'microsoft.insights/metrics/read' over scope '/subscriptions/0b1f'."}})");
  });
  TempDir dir;
  const auto run_dir = make_run(dir, json::array({monitor_entry(arm.base_url())}));
  const auto result =
      run_cli({"metrics", run_dir.string(), "--source", "azure-monitor", "--plugin-dir", kPlugins},
              azure_environment(arm.base_url()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(last_line(result.err),
            "modelcompare: metrics: metrics source 'azure-monitor' (azure-monitor): HTTP 403 "
            "AuthorizationFailed: The client 'reader@lab' with object id 'x' does not have "
            "authorization to perform action 'microsoft.insights/metrics/read' over scope "
            "'/subscriptions/0b1f'.");
  EXPECT_EQ(result.err.find("client-secret-value-42"), std::string::npos);
  EXPECT_EQ(result.err.find("eyJ-arm-token-9"), std::string::npos);
  EXPECT_FALSE(fs::exists(run_dir / "metrics"));
}

// Azure Resource Manager (and Entra) for the end-to-end run: every minute of the asked timespan
// after the first (which only pads the window) has 1000 prompt and 100 generated tokens and 2
// requests per deployment; polls 1 and 2 lack the last minute, as Azure does while ingesting.
class IngestingArm {
 public:
  explicit IngestingArm(bool refuse = false)
      : server_([this, refuse](const ReceivedRequest& request) {
          if (request.method == "POST")
            return ScriptedReply::json(
                200,
                R"({"token_type":"Bearer","expires_in":3599,"access_token":"eyJ-arm-token-7"})");
          if (request.path() != kMetricsPath)
            return ScriptedReply::json(404, R"({"error":{"code":"NotFound","message":"no"}})");
          if (refuse)
            return ScriptedReply::json(
                400, R"({"code":"BadRequest","message":"Failed to find metric configuration"})");
          return answer(request, ++polls_);
        }) {}

  std::string endpoint() const { return server_.base_url(); }
  int polls() const { return polls_; }
  std::vector<ReceivedRequest> requests() const { return server_.requests(); }

 private:
  static std::string decoded(std::string text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '%' && i + 2 < text.size()) {
        out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += text[i];
      }
    return out;
  }

  static ScriptedReply answer(const ReceivedRequest& request, int poll) {
    const auto span = decoded(request.query("timespan").value_or(""));
    const auto start = telemetry::parse_utc(span.substr(0, span.find('/'))).value();
    const auto end = telemetry::parse_utc(span.substr(span.find('/') + 1)).value();
    json metrics = json::array();
    for (const auto& [name, per_minute] :
         std::vector<std::pair<std::string, double>>{{"ProcessedPromptTokens", 1000},
                                                     {"GeneratedTokens", 100},
                                                     {"TokenTransaction", 1100},
                                                     {"AzureOpenAIRequests", 2}}) {
      json series = json::array();
      for (const std::string deployment : {"gpt-4o", "gpt-4o-mini"}) {
        json data = json::array();
        for (auto minute = start; minute < end; minute += 1min) {
          json point = {{"timeStamp", telemetry::format_utc(minute).substr(0, 19) + "Z"}};
          const bool padding = minute == start;
          const bool not_ingested = poll < 3 && minute + 1min >= end;
          if (!padding && !not_ingested) point["total"] = per_minute;
          data.push_back(point);
        }
        series.push_back(
            {{"metadatavalues", json::array({{{"name",
                                               {{"value", "modeldeploymentname"},
                                                {"localizedValue", "modeldeploymentname"}}},
                                              {"value", deployment}}})},
             {"data", data}});
      }
      metrics.push_back({{"id", kMetricsPath + "/" + name},
                         {"type", "Microsoft.Insights/metrics"},
                         {"name", {{"value", name}, {"localizedValue", name}}},
                         {"unit", "Count"},
                         {"timeseries", series},
                         {"errorCode", "Success"}});
    }
    return ScriptedReply::json(
        200,
        json{{"cost", 0}, {"timespan", span}, {"interval", "PT1M"}, {"value", metrics}}.dump());
  }

  std::atomic<int> polls_{0};
  FakeHttpServer server_;
};

std::string mock_config(const json& metrics) {
  json config = {{"name", "telemetry-e2e"},
                 {"providers",
                  {{{"id", "big"},
                    {"plugin", "mock"},
                    {"options",
                     {{"template", "{{provider}} answers turn {{turn}}: {{prompt}}"},
                      {"deployment", "gpt-4o"},
                      {"ttft_ms", 2},
                      {"latency_ms", 10}}}},
                   {{"id", "mini"},
                    {"plugin", "mock"},
                    {"options",
                     {{"template", "OK"},
                      {"deployment", "gpt-4o-mini"},
                      {"ttft_ms", 2},
                      {"latency_ms", 5}}}}}},
                 {"defaults", {{"max_tokens", 100}, {"repeat", 2}}},
                 {"scenarios",
                  {{{"id", "greeting"},
                    {"turns", {{{"user", {{{"text", "Say hello from {{provider}}."}}}}}}}}}},
                 {"metrics", metrics},
                 {"output", {{"dir", "runs"}}}};
  return config.dump(2);
}

TEST(RunTelemetry, AzureSeriesArriveOnTheThirdPollAndAreSavedBesideOurCount) {
  TempDir dir;
  fs::path run_dir;
  {
    IngestingArm arm;
    write_file(dir / "config.json", mock_config(json::array({monitor_entry(arm.endpoint())})));
    const auto result = run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kPlugins},
                                azure_environment(arm.endpoint()));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(arm.polls(), 3) << result.err;
    EXPECT_NE(result.err.find("poll 1: waiting for Azure Monitor to ingest gpt-4o: "),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("poll 3: Azure Monitor has data for every interval of the run"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.err.find("client-secret-value-42"), std::string::npos);
    const auto filter = arm.requests().back().query("$filter").value_or("");
    EXPECT_NE(filter.find("gpt-4o%27"), std::string::npos) << filter;
    EXPECT_NE(filter.find("gpt-4o-mini%27"), std::string::npos) << filter;
    run_dir = only_run_folder((dir / "runs").string());
    if (std::getenv("TELEMETRY_TEST_SHOW")) std::cout << result.err << result.out;
  }  // the fake is gone: what follows reads only the run folder

  EXPECT_TRUE(is_png(fs::path(run_dir) / "charts/tokens-over-time-local.png"));
  EXPECT_TRUE(is_png(fs::path(run_dir) / "charts/tokens-over-time-azure-monitor.png"));
  const auto saved = telemetry::load_server_metrics(run_dir);
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].series.size(), 8u);  // 4 metrics x 2 deployments
  EXPECT_EQ(saved[0].deployments.at("big"), "gpt-4o");

  const auto cases = store::RunStore::open(run_dir).cases();
  const auto comparison = telemetry::token_comparison(run_dir, cases);
  ASSERT_FALSE(comparison.is_null());
  if (std::getenv("TELEMETRY_TEST_SHOW")) std::cout << comparison.dump(2) << "\n";
  ASSERT_EQ(comparison["deployments"].size(), 2u);
  double local_prompt = 0;
  for (const auto& record : cases)
    if (record.key.provider == "big") local_prompt += double(record.usage.prompt_tokens);
  const auto& big = comparison["deployments"][0];
  EXPECT_EQ(big["deployment"], "gpt-4o");
  EXPECT_EQ(big["local"]["prompt_tokens"].get<double>(), local_prompt);
  const double minutes = big["server"]["requests"].get<double>() / 2;  // 2 requests a minute
  EXPECT_GE(minutes, 1);
  EXPECT_EQ(big["server"]["prompt_tokens"].get<double>(), 1000 * minutes);
  EXPECT_EQ(big["server"]["total_tokens"].get<double>(), 1100 * minutes);
  EXPECT_EQ(big["difference"]["prompt_tokens"]["absolute"].get<double>(),
            1000 * minutes - local_prompt);

  // `metrics --source azure-monitor` draws the saved series without the network.
  const auto shown =
      run_cli({"metrics", run_dir.string(), "--source", "azure-monitor", "--plugin-dir", kPlugins},
              {{"HTTP_PROXY", ""}, {"HTTPS_PROXY", ""}});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  if (std::getenv("TELEMETRY_TEST_SHOW")) std::cout << shown.out;
  EXPECT_NE(shown.out.find("gpt-4o-mini"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("1000        100       1100         2"), std::string::npos) << shown.out;

  // `report` redraws every chart from the run folder alone.
  fs::remove_all(fs::path(run_dir) / "charts");
  const auto report = run_cli({"report", run_dir.string()}, {{"HTTP_PROXY", ""}});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_TRUE(is_png(fs::path(run_dir) / "charts/tokens-over-time-local.png")) << report.err;
  EXPECT_TRUE(is_png(fs::path(run_dir) / "charts/tokens-over-time-azure-monitor-requests.png"));
  EXPECT_TRUE(fs::exists(fs::path(run_dir) / "charts/tokens-over-time-azure-monitor.svg"));
}

TEST(RunTelemetry, AFailedFetchIsAWarningAndTheRunKeepsItsExitCode) {
  IngestingArm arm(/*refuse=*/true);
  TempDir dir;
  write_file(dir / "config.json", mock_config(json::array({monitor_entry(arm.endpoint())})));
  const auto result = run_cli({"run", (dir / "config.json").string(), "--plugin-dir", kPlugins},
                              azure_environment(arm.endpoint()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("metrics source 'azure-monitor' failed (the run is kept): metrics "
                            "source 'azure-monitor' (azure-monitor): HTTP 400 BadRequest: Failed "
                            "to find metric configuration"),
            std::string::npos)
      << result.err;
  const auto run_dir = fs::path(only_run_folder((dir / "runs").string()));
  EXPECT_FALSE(fs::exists(run_dir / "metrics"));
  EXPECT_TRUE(is_png(run_dir / "charts/tokens-over-time-local.png"));
  EXPECT_TRUE(fs::exists(run_dir / "summary.json"));
  EXPECT_NE(result.out.find("4 cases, 0 failed"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace modelcompare::testing
