// `modelcompare run` against a fake Azure OpenAI server that injects, per 100 requests, 20 429s
// (retry-after-ms), 5 500s, 2 connection resets in the middle of a stream, 1 malformed stream and
// 1 stall past the read timeout. Every case must end ok or with a classified error after its
// retries, exactly once in results.jsonl and run.db, and the retries must add up with what the
// server injected.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "fake_azure_openai.hpp"
#include "fault_schedule.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr int kRepeats = 100;
const std::vector<std::string> kDeployments = {"gpt-4-turbo", "gpt-4o", "gpt-4o-mini"};
constexpr auto kReadTimeout = 500ms;
constexpr auto kStall = 2000ms;
const std::string kKey = "fault-test-key-5b0c1f9e";

// The fake server's replies for each kind of fault; counts what it injected.
class FaultyAzureOpenAi {
 public:
  explicit FaultyAzureOpenAi(FaultSchedule schedule)
      : schedule_(std::move(schedule)), fake_(expectations()) {
    fake_.set_fallback([this](const ReceivedRequest&) { return reply(); });
  }

  std::string endpoint() const { return fake_.endpoint(); }
  std::vector<std::string> wire_problems() const { return fake_.problems(); }
  std::map<Fault, int> injected() const {
    std::lock_guard lock(mutex_);
    return injected_;
  }
  int requests() const {
    std::lock_guard lock(mutex_);
    return served_;
  }

 private:
  static FakeAzureExpectations expectations() {
    FakeAzureExpectations expect;
    expect.deployment = "";  // any of the three
    expect.api_key = kKey;
    return expect;
  }

  static ScriptedReply answer() {
    return azure_replies::stream(
        {"Here is the code:\n", "```python\nimport matplotlib.pyplot as plt\n",
         "plt.pie([34.9, 28.6, 20.6, 15.9])\nplt.savefig('imgs/chart.jpg')\n```"});
  }

  ScriptedReply reply() {
    std::lock_guard lock(mutex_);
    const Fault fault = schedule_.at(std::size_t(served_++));
    ++injected_[fault];
    switch (fault) {
      case Fault::none: break;
      case Fault::rate_limited:
        return azure_replies::too_many_requests({{"retry-after-ms", "20"}, {"retry-after", "1"}});
      case Fault::server_error: return azure_replies::server_error();
      case Fault::reset: {
        // The stream's head and its first events, then a TCP RST in the middle of an event.
        ScriptedReply cut = answer();
        for (const auto& [delay, piece] : cut.pieces) cut.body += piece;
        cut.pieces.clear();
        cut.reset_after_bytes = cut.body.size() / 2;
        return cut;
      }
      case Fault::malformed:
        return ScriptedReply::sse(
            {R"({"choices": [{"delta": {"content": "import matplotlib)", "[DONE]"},
            {{"apim-request-id", "malformed"}});
      case Fault::stall: {
        ScriptedReply late = answer();
        late.delay_before_headers = kStall;
        return late;
      }
    }
    return answer();
  }

  FaultSchedule schedule_;
  mutable std::mutex mutex_;
  std::map<Fault, int> injected_;
  int served_ = 0;
  FakeAzureOpenAi fake_;  // last: its thread calls reply() until it is gone
};

std::string config_for(const std::string& endpoint) {
  json providers = json::array();
  for (const auto& deployment : kDeployments)
    providers.push_back({{"id", deployment},
                         {"plugin", "azure-openai"},
                         {"options",
                          {{"endpoint", endpoint},
                           {"deployment", deployment},
                           {"api_key", "${FAULT_TEST_KEY}"},
                           {"max_retries", 8},
                           {"initial_backoff_ms", 10},
                           {"read_timeout_ms", kReadTimeout.count()}}}});
  return json{
      {"name", "fault-injection"},
      {"providers", providers},
      {"defaults", {{"repeat", kRepeats}, {"max_tokens", 1024}, {"temperature", 0}}},
      {"scenarios",
       {{{"id", "pie-chart-code"},
         {"turns",
          {{{"user", {{{"text", "Write Python code that draws a pie chart of marks."}}}}}}}}}},
      {"output", {{"dir", "runs"}}}}
      .dump(2);
}

std::vector<json> read_lines(const std::filesystem::path& file) {
  std::vector<json> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(json::parse(line));
  return lines;
}

TEST(FaultInjection, EveryCaseEndsOnceOkOrClassifiedAndRetriesAddUp) {
  FaultyAzureOpenAi server(FaultSchedule(
      {.rate_limited = 20, .server_error = 5, .reset = 2, .malformed = 1, .stall = 1}, 9));
  TempDir dir;
  write_file(dir / "faults.json", config_for(server.endpoint()));

  const auto run =
      run_cli({"run", (dir / "faults.json").string(), "--concurrency", "16", "--no-cache"},
              {{"FAULT_TEST_KEY", kKey}});
  EXPECT_EQ(run.exit_code, 1) << "some cases must fail (stalls, malformed streams)\n" << run.err;
  const auto run_dir = std::filesystem::path(only_run_folder((dir / "runs").string()));
  ASSERT_FALSE(run_dir.empty());
  EXPECT_EQ(server.wire_problems(), std::vector<std::string>{});

  const auto injected = server.injected();
  auto count = [&](Fault fault) { return injected.count(fault) ? injected.at(fault) : 0; };
  // Enough requests that every kind of fault happened several times.
  for (const Fault fault : {Fault::malformed, Fault::stall})
    EXPECT_GE(count(fault), 3) << to_string(fault);

  const auto results = read_lines(run_dir / "results.jsonl");
  const std::size_t cases = kDeployments.size() * kRepeats;
  std::set<std::string> keys;
  std::map<std::string, int> ended;  // "ok" or the error kind
  int retries = 0;
  for (const auto& r : results) {
    const std::string key = r.at("provider").get<std::string>() + "/" +
                            std::to_string(r.at("repeat").get<int>()) + "/" +
                            std::to_string(r.at("turn").get<int>());
    EXPECT_TRUE(keys.insert(key).second) << "duplicate case " << key;
    retries += r.value("retries", 0);
    if (r.at("status") == "ok") {
      ++ended["ok"];
      EXPECT_NE(r.at("response").get<std::string>().find("plt.pie"), std::string::npos) << key;
      continue;
    }
    EXPECT_EQ(r.at("status"), "error") << key;
    const std::string kind = r.value("error_kind", "");
    ++ended[kind];
    EXPECT_TRUE(kind == "timeout" || kind == "bad_response" || kind == "rate_limited" ||
                kind == "server_error" || kind == "network")
        << key << " ended with '" << kind << "'";
    EXPECT_FALSE(r.value("error", "").empty()) << key;
  }
  EXPECT_EQ(results.size(), cases) << "lost or duplicated cases in results.jsonl";
  EXPECT_EQ(keys.size(), cases);

  // A stall times out and a malformed stream is not retried: each ends its case.
  EXPECT_EQ(ended["timeout"], count(Fault::stall));
  EXPECT_EQ(ended["bad_response"], count(Fault::malformed));
  // 429s, 500s and resets are retried; a case ends with one only when its retries ran out.
  const int retryable =
      count(Fault::rate_limited) + count(Fault::server_error) + count(Fault::reset);
  EXPECT_EQ(retries + ended["rate_limited"] + ended["server_error"] + ended["network"], retryable);
  // Every request the server saw was a case's first attempt or one of its retries.
  EXPECT_EQ(server.requests(), int(cases) + retries);
  EXPECT_EQ(ended["ok"], int(cases) - count(Fault::stall) - count(Fault::malformed) -
                             ended["rate_limited"] - ended["server_error"] - ended["network"]);

  for (const auto& entry : std::filesystem::recursive_directory_iterator(run_dir)) {
    if (!entry.is_regular_file()) continue;
    EXPECT_EQ(read_file(entry.path()).find(kKey), std::string::npos)
        << "the API key is in " << entry.path();
  }
  EXPECT_EQ(run.err.find(kKey), std::string::npos) << "the API key is in the log";

  const auto summary = json::parse(read_file(run_dir / "summary.json"));
  EXPECT_EQ(summary.at("state"), "finished");
  std::cout << "requests " << server.requests() << ", cases " << cases << ", retries " << retries
            << "; injected:";
  for (const auto& [fault, n] : injected) std::cout << " " << to_string(fault) << " " << n;
  std::cout << "; ended:";
  for (const auto& [kind, n] : ended) std::cout << " " << kind << " " << n;
  std::cout << "\n";
}

}  // namespace
}  // namespace modelcompare::testing
