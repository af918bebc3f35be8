#include "azure_monitor_source.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdio>

#include "arm_error.hpp"
#include "default_credential.hpp"
#include "ingestion_progress.hpp"
#include "metrics_request.hpp"
#include "retry_after.hpp"
#include "token_cache.hpp"

namespace modelcompare::azure_monitor {
namespace {

namespace net = boost::asio;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

constexpr const char* kArmScope = "https://management.azure.com/.default";
// Throttled answers (429 from ARM, 529 from the metrics backend) are retried this many times,
// waiting what Retry-After says (at most kMaxThrottleWait) or else 1, 2, 4, 8, 16 s.
constexpr int kMaxThrottleRetries = 5;
constexpr milliseconds kMaxThrottleWait{60'000};

sdk::HostServices& require_host(const sdk::PluginContext& context) {
  if (!context.host)
    throw sdk::PluginError(message_prefix(context.instance_id) + "no host services");
  return *context.host;
}

bool local_endpoint(const std::string& endpoint) {
  return endpoint.rfind("http://", 0) == 0;  // the options allow plain http only to this machine
}

std::string seconds_text(milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g s", static_cast<double>(duration.count()) / 1000.0);
  return text;
}

net::awaitable<void> wait_for(net::io_context& io, milliseconds delay) {
  net::steady_timer timer(io);
  timer.expires_after(delay);
  co_await timer.async_wait(net::as_tuple(net::use_awaitable));
}

}  // namespace

AzureMonitorSource::AzureMonitorSource(const sdk::PluginContext& context)
    : prefix_(message_prefix(context.instance_id)),
      host_(require_host(context)),
      options_(parse_monitor_options(context.instance_id, context.options)),
      // A sovereign cloud's Resource Manager is its own token audience; a local test server
      // stands in for the public one.
      scope_(options_.endpoint == "https://management.azure.com" ||
                     local_endpoint(options_.endpoint)
                 ? kArmScope
                 : options_.endpoint + "/.default"),
      tokens_(std::make_unique<azure_auth::TokenCache>(azure_auth::make_default_credential(host_),
                                                       host_)) {}

AzureMonitorSource::~AzureMonitorSource() = default;

void AzureMonitorSource::fail(const std::string& message) const {
  throw sdk::PluginError(prefix_ + message);
}

net::awaitable<MetricsAnswer> AzureMonitorSource::request(const std::string& url) {
  std::string rejected;
  bool refreshed = false;
  int throttled = 0;
  for (;;) {
    auto outcome = co_await tokens_->get(scope_, rejected);
    if (!outcome.token) fail("Entra ID token for " + scope_ + ": " + outcome.error);
    const std::string token = outcome.token->token;

    sdk::HttpRequest http;
    http.method = "GET";
    http.url = url;
    http.headers = {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
    http.read_timeout = milliseconds(60'000);
    http.total_timeout = milliseconds(120'000);
    const sdk::HttpResponse response = co_await host_.http().send(http);

    if (response.error != sdk::TransportError::none)
      fail("cannot get metrics from " + options_.endpoint + ": " + response.error_message);
    if (response.status == 200) {
      try {
        co_return parse_metrics_answer(response.body, options_.aggregation);
      } catch (const std::exception& error) {
        fail(std::string("bad answer from Azure Monitor: ") + error.what());
      }
    }
    if (response.status == 401 && !refreshed) {
      // A revoked or rotated token: one fresh one, one more try.
      refreshed = true;
      rejected = token;
      host_.logger().warn(prefix_ + arm_error_line(response.status, response.body) +
                          "; retrying once with a fresh token");
      continue;
    }
    if ((response.status == 429 || response.status == 529) && throttled < kMaxThrottleRetries) {
      const auto asked = retry_after(response, host_.now());
      const auto delay =
          std::min(asked.value_or(milliseconds(1000 << throttled)), kMaxThrottleWait);
      ++throttled;
      host_.logger().warn(prefix_ + arm_error_line(response.status, response.body) + "; retry " +
                          std::to_string(throttled) + "/" + std::to_string(kMaxThrottleRetries) +
                          " in " + seconds_text(delay) + (asked ? " (Retry-After)" : " (backoff)"));
      co_await wait_for(host_.io_context(), delay);
      continue;
    }
    std::string line = arm_error_line(response.status, response.body);
    if (response.status == 429 || response.status == 529)
      line += " (still throttled after " + std::to_string(kMaxThrottleRetries) + " retries)";
    fail(line);
  }
}

net::awaitable<std::vector<sdk::MetricSeries>> AzureMonitorSource::fetch(
    const sdk::MetricsQuery& query) {
  if (query.end < query.start) fail("the query's end is before its start");
  const std::string url = metrics_url(options_, query);
  const auto started = Clock::now();
  // Minutes that have not arrived ingestion_wait after the window's end never will (the run's
  // deployments were idle then): an old window gets one request, a fresh one the rest of the wait.
  const auto since_end = std::chrono::duration_cast<milliseconds>(host_.now() - query.end);
  const auto budget =
      std::clamp(options_.ingestion_wait - since_end, milliseconds(0), options_.ingestion_wait);
  const auto deadline = started + budget;

  for (int poll = 1;; ++poll) {
    const auto answer = co_await request(url);
    if (!answer.failures.empty()) {
      std::string line;
      for (const auto& failure : answer.failures)
        line += (line.empty() ? "" : "; ") + std::string("metric '") + failure.metric +
                "' failed: " + failure.code + (failure.message.empty() ? "" : ": ") +
                failure.message;
      fail(line);
    }
    const auto missing = missing_data(answer.series, query.deployments, query.start, query.end,
                                      options_.interval_length);
    if (missing.empty()) {
      host_.logger().info(prefix_ + "poll " + std::to_string(poll) +
                          ": Azure Monitor has data for every interval of the run (" +
                          std::to_string(answer.series.size()) + " series)");
      co_return answer.series;
    }
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    if (left <= milliseconds(0)) {
      host_.logger().warn(
          prefix_ + "poll " + std::to_string(poll) + ": stopped waiting (ingestion_wait_seconds " +
          seconds_text(options_.ingestion_wait) + "); no data for " + describe(missing));
      co_return answer.series;
    }
    const auto delay = std::min(options_.poll_interval, left);
    host_.logger().info(prefix_ + "poll " + std::to_string(poll) +
                        ": waiting for Azure Monitor to ingest " + describe(missing) +
                        "; asking again in " + seconds_text(delay));
    co_await wait_for(host_.io_context(), delay);
  }
}

}  // namespace modelcompare::azure_monitor
