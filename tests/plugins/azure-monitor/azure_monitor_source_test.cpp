// The azure-monitor source against a fake Azure Resource Manager on 127.0.0.1 that also plays the
// Entra token endpoint (AZURE_AUTHORITY_HOST points at it): the request it sends, the answers it
// reads, the errors it reports, throttling and the wait for ingestion.
#include "azure_monitor_source.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>

#include "fake_http_server.hpp"
#include "http/http_client.hpp"
#include "lab_resource.hpp"
#include "run_awaitable.hpp"
#include "support/test_host.hpp"
#include "utc_timestamp.hpp"

namespace modelcompare::azure_monitor {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::ReceivedRequest;
using testing::ScriptedReply;

const std::string kMetricsPath = kResource + "/providers/Microsoft.Insights/metrics";
const std::string kToken = "eyJ-arm-token-7f3c";

std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The minutes a request's timespan covers, as Azure would list them.
std::vector<TimePoint> minutes_of(const ReceivedRequest& request) {
  const auto span = percent_decode(request.query("timespan").value_or(""));
  const auto slash = span.find('/');
  const auto start = parse_utc(span.substr(0, slash)).value();
  const auto end = parse_utc(span.substr(slash + 1)).value();
  std::vector<TimePoint> minutes;
  for (auto at = start; at < end; at += 1min) minutes.push_back(at);
  return minutes;
}

// One timeseries in Azure's shape; a point with no value carries only its timeStamp.
json timeseries(const std::string& deployment,
                const std::vector<std::pair<TimePoint, std::optional<double>>>& points) {
  json data = json::array();
  for (const auto& [time, value] : points) {
    json point = {{"timeStamp", format_utc(time)}};
    if (value) point["total"] = *value;
    data.push_back(point);
  }
  json dimension = {
      {"name", {{"value", "modeldeploymentname"}, {"localizedValue", "modeldeploymentname"}}},
      {"value", deployment}};
  json out = json::object();
  out["metadatavalues"] = json::array({dimension});
  out["data"] = data;
  return out;
}

json metric(const std::string& name, json series) {
  return {{"id", kMetricsPath + "/" + name},
          {"type", "Microsoft.Insights/metrics"},
          {"name", {{"value", name}, {"localizedValue", name}}},
          {"displayDescription", "test"},
          {"unit", "Count"},
          {"timeseries", std::move(series)},
          {"errorCode", "Success"}};
}

ScriptedReply answer(const ReceivedRequest& request, json metrics) {
  return ScriptedReply::json(200, json{{"cost", 0},
                                       {"timespan", percent_decode(*request.query("timespan"))},
                                       {"interval", "PT1M"},
                                       {"namespace", "Microsoft.CognitiveServices/accounts"},
                                       {"resourceregion", "swedencentral"},
                                       {"value", std::move(metrics)}}
                                      .dump());
}

// Every minute of the request for both deployments; the last `late` minutes without totals.
ScriptedReply full_answer(const ReceivedRequest& request, int late = 0) {
  const auto minutes = minutes_of(request);
  json metrics = json::array();
  for (const std::string name : {"TokenTransaction", "AzureOpenAIRequests"}) {
    json series = json::array();
    for (const std::string deployment : {"gpt-4o", "gpt-4o-mini"}) {
      std::vector<std::pair<TimePoint, std::optional<double>>> points;
      for (std::size_t i = 0; i < minutes.size(); ++i) {
        std::optional<double> value = (name == "TokenTransaction" ? 1000.0 : 2.0) +
                                      (deployment == "gpt-4o" ? 0 : 1) + static_cast<double>(i);
        if (static_cast<int>(i) >= static_cast<int>(minutes.size()) - late) value.reset();
        points.emplace_back(minutes[i], value);
      }
      series.push_back(timeseries(deployment, points));
    }
    metrics.push_back(metric(name, series));
  }
  return answer(request, metrics);
}

// Azure Resource Manager and the Entra token endpoint on one port.
class FakeArm {
 public:
  using Responder = std::function<ScriptedReply(const ReceivedRequest&, int call)>;

  explicit FakeArm(Responder responder)
      : responder_(std::move(responder)), server_([this](const ReceivedRequest& request) {
          if (request.method == "POST" && request.path() == "/tenant-1/oauth2/v2.0/token") {
            ++token_calls_;
            return ScriptedReply::json(
                200,
                json{{"token_type", "Bearer"},
                     {"expires_in", 3599},
                     {"access_token",
                      kToken + (token_calls_ > 1 ? "-" + std::to_string(token_calls_.load()) : "")}}
                    .dump());
          }
          if (request.method == "POST")  // Entra's answer for a tenant it does not know
            return ScriptedReply::json(
                400,
                R"({"error":"invalid_request","error_description":"AADSTS90002: Tenant 'tenant-unknown' not found.\r\nTrace ID: 1","error_codes":[90002]})");
          if (request.method == "GET" && request.path() == kMetricsPath)
            return responder_(request, ++metrics_calls_);
          return ScriptedReply::json(
              404, R"({"error":{"code":"NotFound","message":"no such path in the fake"}})");
        }) {}

  std::string endpoint() const { return server_.base_url(); }
  std::vector<ReceivedRequest> metrics_requests() const {
    std::vector<ReceivedRequest> out;
    for (auto& request : server_.requests())
      if (request.method == "GET") out.push_back(request);
    return out;
  }
  std::vector<ReceivedRequest> token_requests() const {
    std::vector<ReceivedRequest> out;
    for (auto& request : server_.requests())
      if (request.method == "POST") out.push_back(request);
    return out;
  }
  int metrics_calls() const { return metrics_calls_; }

 private:
  Responder responder_;
  std::atomic<int> metrics_calls_{0};
  std::atomic<int> token_calls_{0};
  testing::FakeHttpServer server_;
};

class MonitorFixture {
 public:
  MonitorFixture() {
    http::HttpClientOptions options;
    options.proxy = http::ProxySettings{};  // never the machine's proxy variables
    http_ = http::make_http_client(host.io_context(), options);
    host.set_http(http_.get());
  }

  std::unique_ptr<AzureMonitorSource> source(const FakeArm& arm, json extra = json::object()) {
    host.set_secret("AZURE_TENANT_ID", "tenant-1");
    host.set_secret("AZURE_CLIENT_ID", "app-1");
    host.set_secret("AZURE_CLIENT_SECRET", "client-secret-value");
    host.set_secret("AZURE_AUTHORITY_HOST", arm.endpoint());
    sdk::PluginContext context;
    context.instance_id = "azure";
    context.host = &host;
    context.options = {{"resource_id", kResource},
                       {"endpoint", arm.endpoint()},
                       {"metrics", {"TokenTransaction", "AzureOpenAIRequests"}},
                       {"poll_interval_seconds", 0.05},
                       {"ingestion_wait_seconds", 20}};
    for (const auto& [key, value] : extra.items()) context.options[key] = value;
    return std::make_unique<AzureMonitorSource>(context);
  }

  std::vector<sdk::MetricSeries> fetch(AzureMonitorSource& source, const sdk::MetricsQuery& query) {
    return testing::run_awaitable(host.io_context(), source.fetch(query));
  }

  // The message of the PluginError fetch() throws.
  std::string fetch_error(AzureMonitorSource& source, const sdk::MetricsQuery& query) {
    try {
      fetch(source, query);
    } catch (const sdk::PluginError& error) {
      return error.what();
    }
    return "no error";
  }

  bool logged(const std::string& part) const {
    for (const auto& line : host.log_lines())
      if (line.find(part) != std::string::npos) return true;
    return false;
  }

  testing::TestHost host;

 private:
  std::unique_ptr<sdk::HttpClient> http_;
};

// A run that ended just now, 150 s long.
sdk::MetricsQuery recent_run() {
  sdk::MetricsQuery query;
  query.end = std::chrono::system_clock::now();
  query.start = query.end - 150s;
  query.deployments = {"gpt-4o", "gpt-4o-mini"};
  return query;
}

// A run that ended an hour ago: Azure has had all the time it needs.
sdk::MetricsQuery old_run() {
  auto query = recent_run();
  query.start -= 1h;
  query.end -= 1h;
  return query;
}

const std::string kPrefix = "metrics source 'azure' (azure-monitor): ";

TEST(AzureMonitorSource, SendsTheRequestAzureExpects) {
  FakeArm arm([](const ReceivedRequest& request, int) { return full_answer(request); });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  EXPECT_EQ(source->token_scope(), "https://management.azure.com/.default");
  sdk::MetricsQuery query;
  query.start = parse_utc("2024-05-01T10:02:30Z").value();
  query.end = parse_utc("2024-05-01T10:05:10Z").value();
  query.deployments = {"gpt-4o", "gpt-4o-mini"};
  fixture.fetch(*source, query);

  const auto token = arm.token_requests().at(0);
  EXPECT_NE(token.body.find("scope=https%3A%2F%2Fmanagement.azure.com%2F.default"),
            std::string::npos)
      << token.body;
  const auto requests = arm.metrics_requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& request = requests[0];
  EXPECT_EQ(request.path(), kMetricsPath);
  EXPECT_EQ(request.query("api-version"), "2023-10-01");
  EXPECT_EQ(request.query("metricnames"), "TokenTransaction,AzureOpenAIRequests");
  EXPECT_EQ(request.query("timespan"), "2024-05-01T10:01:00Z/2024-05-01T10:06:00Z");
  EXPECT_EQ(request.query("interval"), "PT1M");
  EXPECT_EQ(request.query("aggregation"), "Total");
  EXPECT_EQ(request.query("$filter"),
            "ModelDeploymentName%20eq%20%27gpt-4o%27%20or%20ModelDeploymentName%20eq%20%27gpt-4o-"
            "mini%27");
  EXPECT_EQ(percent_decode(*request.query("$filter")),
            "ModelDeploymentName eq 'gpt-4o' or ModelDeploymentName eq 'gpt-4o-mini'");
  EXPECT_EQ(request.header("Authorization"), "Bearer " + kToken);
  const auto secrets = fixture.host.registered_secrets();
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), kToken), secrets.end());
}

TEST(AzureMonitorSource, ReturnsOneSeriesPerMetricAndDeployment) {
  FakeArm arm([](const ReceivedRequest& request, int) { return full_answer(request); });
  MonitorFixture fixture;
  auto source = fixture.source(arm, {{"api_version", "2018-01-01"}});
  const auto series = fixture.fetch(*source, old_run());
  EXPECT_EQ(arm.metrics_requests().at(0).query("api-version"), "2018-01-01");
  ASSERT_EQ(series.size(), 4u);
  EXPECT_EQ(series[0].metric, "TokenTransaction");
  EXPECT_EQ(series[0].deployment, "gpt-4o");
  EXPECT_EQ(series[1].deployment, "gpt-4o-mini");
  EXPECT_EQ(series[2].metric, "AzureOpenAIRequests");
  EXPECT_EQ(series[0].unit, "Count");
  ASSERT_GE(series[1].points.size(), 4u);
  EXPECT_EQ(series[1].points[0].value, 1001.0);
  EXPECT_EQ(series[1].points[1].value, 1002.0);
  EXPECT_EQ(arm.metrics_calls(), 1);
  EXPECT_TRUE(
      fixture.logged("poll 1: Azure Monitor has data for every interval of the run (4 "
                     "series)"));
}

TEST(AzureMonitorSource, KeepsMissingTotalsAsNoDataAndSaysWhatNeverArrived) {
  // An old run whose last two minutes never got totals: one request, no waiting.
  FakeArm arm([](const ReceivedRequest& request, int) { return full_answer(request, 2); });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  const auto query = old_run();
  const auto series = fixture.fetch(*source, query);
  EXPECT_EQ(arm.metrics_calls(), 1);
  ASSERT_EQ(series.size(), 4u);
  const auto& points = series[0].points;
  ASSERT_GE(points.size(), 3u);
  EXPECT_TRUE(points[0].value.has_value());
  EXPECT_FALSE(points[points.size() - 1].value.has_value());
  EXPECT_FALSE(points[points.size() - 2].value.has_value());
  const auto last = format_utc(floor_to(query.end - 1ms, 60s)).substr(11, 5);
  EXPECT_TRUE(
      fixture.logged("poll 1: stopped waiting (ingestion_wait_seconds 20 s); no data for "
                     "gpt-4o: "))
      << ::testing::PrintToString(fixture.host.log_lines());
  EXPECT_TRUE(fixture.logged(last + "; gpt-4o-mini: ")) << last;
}

TEST(AzureMonitorSource, AnEmptyTimeseriesListGivesNoSeries) {
  FakeArm arm([](const ReceivedRequest& request, int) {
    return answer(request, {metric("TokenTransaction", json::array()),
                            metric("AzureOpenAIRequests", json::array())});
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  EXPECT_TRUE(fixture.fetch(*source, old_run()).empty());
  EXPECT_TRUE(fixture.logged("no data for gpt-4o: "));
  EXPECT_TRUE(fixture.logged("gpt-4o-mini: "));
}

TEST(AzureMonitorSource, DataThatArrivesOnTheThirdPollIsWaitedFor) {
  // Polls 1 and 2 lack the run's last minute (Azure's ingestion delay); poll 3 has it.
  FakeArm arm([](const ReceivedRequest& request, int call) {
    return full_answer(request, call < 3 ? 1 : 0);
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  const auto started = std::chrono::steady_clock::now();
  const auto series = fixture.fetch(*source, recent_run());
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(arm.metrics_calls(), 3);
  EXPECT_GE(took, 100ms);  // two waits of poll_interval_seconds (0.05 s) on a timer
  ASSERT_EQ(series.size(), 4u);
  for (const auto& one : series)
    for (const auto& point : one.points)
      EXPECT_TRUE(point.value.has_value()) << one.metric << " " << one.deployment;
  EXPECT_TRUE(
      fixture.logged("info: " + kPrefix + "poll 1: waiting for Azure Monitor to ingest gpt-4o: "));
  EXPECT_TRUE(fixture.logged("poll 2: waiting for Azure Monitor to ingest"));
  EXPECT_TRUE(fixture.logged("asking again in 0.05 s"));
  EXPECT_TRUE(fixture.logged("poll 3: Azure Monitor has data for every interval of the run"));
  // The progress lines, for --gtest_output=xml readers.
  std::string progress;
  for (const auto& line : fixture.host.log_lines()) progress += line + "\n";
  RecordProperty("log", progress);
  // One token served all three polls.
  EXPECT_EQ(arm.token_requests().size(), 1u);
  for (const auto& request : arm.metrics_requests())
    EXPECT_EQ(request.header("Authorization"), "Bearer " + kToken);
}

TEST(AzureMonitorSource, StopsWaitingAtTheBoundAndReturnsWhatThereIs) {
  FakeArm arm([](const ReceivedRequest& request, int) { return full_answer(request, 1); });
  MonitorFixture fixture;
  auto source =
      fixture.source(arm, {{"ingestion_wait_seconds", 0.3}, {"poll_interval_seconds", 0.1}});
  const auto series = fixture.fetch(*source, recent_run());
  EXPECT_GE(arm.metrics_calls(), 2);
  EXPECT_LE(arm.metrics_calls(), 5);
  EXPECT_EQ(series.size(), 4u);
  EXPECT_TRUE(
      fixture.logged("warn: " + kPrefix + "poll " + std::to_string(arm.metrics_calls()) +
                     ": stopped waiting (ingestion_wait_seconds 0.3 s); no data for gpt-4o: "))
      << ::testing::PrintToString(fixture.host.log_lines());
}

TEST(AzureMonitorSource, APerMetricErrorInsideA200NamesTheMetric) {
  FakeArm arm([](const ReceivedRequest& request, int) {
    auto failed = metric("AzureOpenAIRequests", json::array());
    failed["errorCode"] = "InvalidSamplingType";
    failed["errorMessage"] = "Sampling type is not found. The supported sampling types are: Count";
    return answer(request, {metric("TokenTransaction", json::array()), failed});
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  EXPECT_EQ(fixture.fetch_error(*source, recent_run()),
            kPrefix +
                "metric 'AzureOpenAIRequests' failed: InvalidSamplingType: Sampling type is not "
                "found. The supported sampling types are: Count");
  EXPECT_EQ(arm.metrics_calls(), 1);  // not polled again: it will not get better
}

TEST(AzureMonitorSource, An400UnknownMetricIsOneLineWithTheServersWords) {
  FakeArm arm([](const ReceivedRequest&, int) {
    return ScriptedReply::json(
        400,
        R"({"code":"BadRequest","message":"Failed to find metric configuration for provider: microsoft.cognitiveservices, resource Type: accounts, metric: TokenTransactions, Valid metrics: TokenTransaction,GeneratedTokens"})");
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm, {{"metrics", {"TokenTransactions"}}});
  EXPECT_EQ(fixture.fetch_error(*source, recent_run()),
            kPrefix +
                "HTTP 400 BadRequest: Failed to find metric configuration for provider: "
                "microsoft.cognitiveservices, resource Type: accounts, metric: TokenTransactions, "
                "Valid metrics: TokenTransaction,GeneratedTokens");
}

TEST(AzureMonitorSource, A403AuthorizationFailedIsOneLineWithTheServersWords) {
  FakeArm arm([](const ReceivedRequest&, int) {
    return ScriptedReply::json(
        403,
        R"({"error":{"code":"AuthorizationFailed","message":"The client 'app-1' with object id 'obj-1' does not have authorization to perform action 'microsoft.insights/metrics/read' over scope '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333' or the scope is invalid."}})");
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  EXPECT_EQ(fixture.fetch_error(*source, recent_run()),
            kPrefix +
                "HTTP 403 AuthorizationFailed: The client 'app-1' with object id 'obj-1' does not "
                "have authorization to perform action 'microsoft.insights/metrics/read' over "
                "scope '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333' or the scope is "
                "invalid.");
}

TEST(AzureMonitorSource, A401GetsOneFreshTokenThenStands) {
  FakeArm arm([](const ReceivedRequest&, int) {
    return ScriptedReply::json(
        401,
        R"({"error":{"code":"InvalidAuthenticationToken","message":"The access token is invalid."}})");
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  EXPECT_EQ(fixture.fetch_error(*source, recent_run()),
            kPrefix + "HTTP 401 InvalidAuthenticationToken: The access token is invalid.");
  const auto requests = arm.metrics_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("Authorization"), "Bearer " + kToken);
  EXPECT_EQ(requests[1].header("Authorization"), "Bearer " + kToken + "-2");
  // Neither token nor the client secret reached a log line.
  ASSERT_FALSE(fixture.host.log_lines().empty());  // the refresh was logged
  for (const auto& line : fixture.host.log_lines()) {
    EXPECT_EQ(line.find(kToken), std::string::npos) << line;
    EXPECT_EQ(line.find("client-secret-value"), std::string::npos) << line;
  }
}

TEST(AzureMonitorSource, A429IsRetriedAfterRetryAfter) {
  FakeArm arm([](const ReceivedRequest& request, int call) {
    if (call == 1)
      return ScriptedReply::json(
          429,
          R"({"error":{"code":"TooManyRequests","message":"The request is being throttled."}})",
          {{"Retry-After", "1"}});
    if (call == 2)
      return ScriptedReply::json(529, R"({"code":"Throttled","message":"Metrics backend busy"})",
                                 {{"Retry-After", "0"}});
    return full_answer(request);
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  const auto started = std::chrono::steady_clock::now();
  const auto series = fixture.fetch(*source, old_run());
  EXPECT_GE(std::chrono::steady_clock::now() - started, 900ms);  // it did wait the second
  EXPECT_EQ(series.size(), 4u);
  EXPECT_EQ(arm.metrics_calls(), 3);
  EXPECT_TRUE(fixture.logged("warn: " + kPrefix +
                             "HTTP 429 TooManyRequests: The request is being throttled.; retry 1/5 "
                             "in 1 s (Retry-After)"))
      << ::testing::PrintToString(fixture.host.log_lines());
  EXPECT_TRUE(fixture.logged("HTTP 529 Throttled: Metrics backend busy; retry 2/5 in 0 s"));
}

TEST(AzureMonitorSource, ThrottlingThatNeverEndsIsBounded) {
  FakeArm arm([](const ReceivedRequest&, int) {
    return ScriptedReply::json(
        429, R"({"error":{"code":"TooManyRequests","message":"The request is being throttled."}})",
        {{"Retry-After", "0"}});
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  EXPECT_EQ(fixture.fetch_error(*source, recent_run()),
            kPrefix +
                "HTTP 429 TooManyRequests: The request is being throttled. (still throttled after "
                "5 retries)");
  EXPECT_EQ(arm.metrics_calls(), 6);
}

TEST(AzureMonitorSource, AMalformedAnswerIsOneLine) {
  FakeArm arm([](const ReceivedRequest&, int) {
    return ScriptedReply::json(200, R"({"cost":0,"timespan":"x"})");
  });
  MonitorFixture fixture;
  auto source = fixture.source(arm);
  EXPECT_EQ(fixture.fetch_error(*source, recent_run()),
            kPrefix + "bad answer from Azure Monitor: the metrics answer has no \"value\" list");
}

TEST(AzureMonitorSource, AnUnreachableEndpointIsOneLine) {
  FakeArm arm([](const ReceivedRequest& request, int) { return full_answer(request); });
  std::string closed;
  {
    // A port nothing listens on: bound, read, released.
    testing::FakeHttpServer gone([](const ReceivedRequest&) { return ScriptedReply{}; });
    closed = gone.base_url();
  }
  MonitorFixture fixture;
  auto source = fixture.source(arm, {{"endpoint", closed}});
  const auto message = fixture.fetch_error(*source, recent_run());
  EXPECT_EQ(message.rfind(kPrefix + "cannot get metrics from " + closed + ": ", 0), 0u) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(AzureMonitorSource, SaysWhenNoTokenCanBeHad) {
  FakeArm arm([](const ReceivedRequest& request, int) { return full_answer(request); });
  MonitorFixture fixture;
  fixture.host.set_secret("AZURE_TENANT_ID", "tenant-unknown");
  sdk::PluginContext context;
  context.instance_id = "azure";
  context.host = &fixture.host;
  context.options = {{"resource_id", kResource}, {"endpoint", arm.endpoint()}};
  fixture.host.set_secret("AZURE_CLIENT_ID", "app-1");
  fixture.host.set_secret("AZURE_CLIENT_SECRET", "client-secret-value");
  fixture.host.set_secret("AZURE_AUTHORITY_HOST", arm.endpoint());
  AzureMonitorSource source(context);
  EXPECT_EQ(
      fixture.fetch_error(source, recent_run()),
      kPrefix +
          "Entra ID token for https://management.azure.com/.default: environment (client "
          "secret): client secret credential (tenant tenant-unknown): HTTP 400 invalid_request: "
          "AADSTS90002: Tenant 'tenant-unknown' not found.");
  EXPECT_EQ(arm.metrics_calls(), 0);
}

}  // namespace
}  // namespace modelcompare::azure_monitor
