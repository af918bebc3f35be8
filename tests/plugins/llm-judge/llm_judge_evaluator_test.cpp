// The evaluator with a scripted judge provider: the judge runs on a real io_context thread, the
// evaluator on the test's own thread, as a run's worker would.
#include "llm_judge_evaluator.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <deque>
#include <mutex>
#include <thread>

#include "support/temp_dir.hpp"
#include "support/test_host.hpp"

namespace modelcompare::llm_judge {
namespace {

namespace asio = boost::asio;
using nlohmann::json;
using ::testing::HasSubstr;

sdk::ChatResult reply(const std::string& content, std::int64_t prompt = 100,
                      std::int64_t completion = 20) {
  sdk::ChatResult result;
  result.content = content;
  result.usage = {prompt, completion, prompt + completion, {}, {}};
  result.usage_reported = true;
  result.model = "judge-model-2024";
  return result;
}

// A provider that answers from a script and remembers what it was asked and on which thread.
class ScriptedJudge final : public sdk::Provider {
 public:
  void push(sdk::ChatResult result) { replies_.push_back(std::move(result)); }

  asio::awaitable<sdk::ChatResult> complete(const sdk::ChatRequest& request) override {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    threads_.push_back(std::this_thread::get_id());
    if (replies_.empty()) co_return reply("");
    auto next = replies_.front();
    replies_.pop_front();
    co_return next;
  }

  std::vector<sdk::ChatRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::vector<std::thread::id> threads() const {
    std::lock_guard lock(mutex_);
    return threads_;
  }

 private:
  mutable std::mutex mutex_;
  std::deque<sdk::ChatResult> replies_;
  std::vector<sdk::ChatRequest> requests_;
  std::vector<std::thread::id> threads_;
};

class JudgeHost final : public testing::TestHost {
 public:
  sdk::Provider* provider(std::string_view id) override {
    return id == "gpt-4o" ? &judge : nullptr;
  }
  ScriptedJudge judge;
};

class LlmJudgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    io_thread_ = std::thread([this] { host_.io_context().run(); });
  }
  void TearDown() override {
    work_.reset();
    io_thread_.join();
  }

  std::unique_ptr<LlmJudgeEvaluator> make(const std::string& options) {
    sdk::PluginContext context;
    context.instance_id = "llm-judge";
    context.options = json::parse(options);
    context.base_dir = dir_.path();
    context.host = &host_;
    return std::make_unique<LlmJudgeEvaluator>(context);
  }
  std::string error_for(const std::string& options) {
    try {
      make(options);
    } catch (const sdk::PluginError& e) {
      return e.what();
    }
    return "no error";
  }
  sdk::EvaluationInput input(const std::string& response = "plt.pie([34.9, 28.6, 20.6, 15.9])") {
    sdk::EvaluationInput in;
    in.provider_id = "gpt-4o-mini";
    in.scenario_id = "pie-chart-to-code";
    in.case_key = "pie-chart-to-code";
    in.response = response;
    in.vars = {{"provider", "gpt-4o-mini"}, {"subject", "exam marks"}};
    in.conversation = {
        {sdk::Role::user, {sdk::ContentPart::from_text("Create Python code for image")}}};
    return in;
  }

  JudgeHost host_;
  asio::executor_work_guard<asio::io_context::executor_type> work_ =
      asio::make_work_guard(host_.io_context());
  std::thread io_thread_;
  testing::TempDir dir_;
};

constexpr const char* kOptions = R"({"judge": "gpt-4o", "rubric": "The code draws {{subject}}."})";

TEST_F(LlmJudgeTest, GradesWithTheJudgeAndRecordsItsTokensApart) {
  host_.judge.push(reply("Right numbers and labels, no title.\nSCORE: 8/10", 900, 40));
  const auto result = make(kOptions)->evaluate(input());
  EXPECT_DOUBLE_EQ(result.score, 0.8);
  EXPECT_TRUE(result.passed);  // default pass 0.7
  EXPECT_EQ(result.details["grade"], 8);
  EXPECT_EQ(result.details["reason"], "Right numbers and labels, no title.");
  EXPECT_EQ(result.details["judge"],
            json::parse(R"({"provider": "gpt-4o", "model": "judge-model-2024", "requests": 1,
                            "latency_ms": 0, "usage": {"prompt_tokens": 900,
                            "completion_tokens": 40, "total_tokens": 940}})"));
  EXPECT_TRUE(result.details["findings"].empty());

  const auto requests = host_.judge.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& request = requests[0];
  EXPECT_EQ(request.provider_id, "gpt-4o");
  EXPECT_EQ(request.params.temperature, 0.0);
  ASSERT_EQ(request.messages.size(), 2u);
  EXPECT_THAT(request.messages[0].text(), HasSubstr("SCORE: N/10"));
  const auto question = request.messages[1].text();
  EXPECT_THAT(question, HasSubstr("## Rubric\nThe code draws exam marks."));  // {{vars}} filled
  EXPECT_THAT(question, HasSubstr("[user]\nCreate Python code for image"));
  EXPECT_THAT(question, HasSubstr("## The answer to grade\nplt.pie([34.9, 28.6, 20.6, 15.9])"));
}

TEST_F(LlmJudgeTest, TheJudgeRunsOnTheIoThreadNotTheWorker) {
  host_.judge.push(reply("SCORE: 5/10"));
  make(kOptions)->evaluate(input());
  const auto threads = host_.judge.threads();
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_EQ(threads[0], io_thread_.get_id());
}

TEST_F(LlmJudgeTest, AMalformedGradeIsAskedForAgainOnce) {
  host_.judge.push(reply("It is pretty good overall.", 500, 10));
  host_.judge.push(reply("SCORE: 6/10", 530, 5));
  const auto result = make(kOptions)->evaluate(input());
  EXPECT_DOUBLE_EQ(result.score, 0.6);
  EXPECT_FALSE(result.passed);
  EXPECT_EQ(result.details["judge"]["requests"], 2);
  EXPECT_EQ(result.details["judge"]["usage"]["total_tokens"], 510 + 535);
  EXPECT_EQ(result.details["retried_because"],
            "the reply has no line 'SCORE: N/10' and no JSON object with a \"score\"");
  EXPECT_EQ(result.details["findings"][0], "the judge gave 6/10: ");

  const auto requests = host_.judge.requests();
  ASSERT_EQ(requests.size(), 2u);
  ASSERT_EQ(requests[1].messages.size(), 4u);  // system, question, the bad reply, ask again
  EXPECT_EQ(requests[1].messages[2].role, sdk::Role::assistant);
  EXPECT_EQ(requests[1].messages[2].text(), "It is pretty good overall.");
  EXPECT_THAT(requests[1].messages[3].text(),
              HasSubstr("I could not read a grade in your reply: the reply has no line"));
}

TEST_F(LlmJudgeTest, TwoMalformedGradesGiveNoScoreButKeepTheTokens) {
  host_.judge.push(reply("Good.", 100, 2));
  host_.judge.push(reply("SCORE: 11/10", 110, 4));
  const auto result = make(kOptions)->evaluate(input());
  EXPECT_EQ(result.score, 0.0);
  EXPECT_FALSE(result.passed);
  EXPECT_EQ(result.details["error"],
            "no readable grade after one retry: the score line 'SCORE: 11/10' is not a grade "
            "from 0 to 10: 11 is above 10");
  EXPECT_EQ(result.details["judge"]["usage"]["total_tokens"], 216);
  EXPECT_EQ(host_.judge.requests().size(), 2u);
}

TEST_F(LlmJudgeTest, AFailedJudgeRequestIsNotRetriedByThePlugin) {
  sdk::ChatResult limited;
  limited.error = sdk::ErrorKind::rate_limited;
  limited.error_message = "HTTP 429: rate limit";
  host_.judge.push(limited);
  const auto result = make(kOptions)->evaluate(input());
  EXPECT_EQ(result.details["error"],
            "the judge 'gpt-4o' failed (rate_limited): HTTP 429: rate limit");
  EXPECT_EQ(host_.judge.requests().size(), 1u);
  EXPECT_EQ(result.details["judge"]["usage"]["total_tokens"], 0);
}

TEST_F(LlmJudgeTest, AttachesTheReferenceAndTheDrawnImage) {
  const std::filesystem::path reference = LLM_JUDGE_REFERENCE_PNG;
  host_.judge.push(reply("SCORE: 9/10"));
  auto in = input();
  in.artifacts.push_back({"code", "answer", dir_ / "answer.py"});
  in.artifacts.push_back({"image", "figure-1", reference});
  const auto result = make(R"({"judge": "gpt-4o", "rubric": "same chart",
                               "reference_image": ")" +
                           reference.string() + R"("})")
                          ->evaluate(in);
  EXPECT_EQ(result.details["images"],
            json::array({"reference: " + reference.string(), "drawn: " + reference.string()}));
  const auto requests = host_.judge.requests();
  const auto& parts = requests.at(0).messages.at(1).content;
  std::vector<std::string> kinds;
  for (const auto& part : parts)
    kinds.push_back(part.kind == sdk::ContentPart::Kind::image ? part.mime_type : "text");
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"text", "text", "image/png", "text", "image/png", "text"}));
  EXPECT_THAT(parts[3].text, HasSubstr("Image drawn by the answer's code (figure-1)"));
}

TEST_F(LlmJudgeTest, DrawnImagesCanBeLeftOut) {
  host_.judge.push(reply("SCORE: 9/10"));
  auto in = input();
  in.artifacts.push_back({"image", "figure-1", LLM_JUDGE_REFERENCE_PNG});
  make(R"({"judge": "gpt-4o", "rubric": "r", "attach_drawn_images": false})")->evaluate(in);
  const auto requests = host_.judge.requests();
  for (const auto& part : requests.at(0).messages.at(1).content)
    EXPECT_EQ(part.kind, sdk::ContentPart::Kind::text);
}

TEST_F(LlmJudgeTest, JudgeNotInTheConfigIsRefusedBeforeAnyRequest) {
  EXPECT_EQ(error_for(R"({"judge": "gpt-4", "rubric": "r"})"),
            "llm-judge: option 'judge': 'gpt-4' is not a provider of this config (the judge must "
            "be one of its \"providers\" ids)");
  EXPECT_TRUE(host_.judge.requests().empty());
}

TEST_F(LlmJudgeTest, MissingOrBrokenReferenceImageIsRefusedUpFront) {
  EXPECT_EQ(
      error_for(R"({"judge": "gpt-4o", "rubric": "r", "reference_image": "demo.png"})"),
      "llm-judge: option 'reference_image' " + (dir_ / "demo.png").string() + ": no such file");
  testing::write_file(dir_ / "notes.png", "not an image");
  EXPECT_EQ(error_for(R"({"judge": "gpt-4o", "rubric": "r", "reference_image": "notes.png"})"),
            "llm-judge: option 'reference_image' " + (dir_ / "notes.png").string() +
                ": not a PNG, JPEG, GIF or WebP image");
}

TEST_F(LlmJudgeTest, SafeFromSeveralWorkerThreads) {
  for (int i = 0; i < 40; ++i) host_.judge.push(reply("SCORE: 7/10", 10, 1));
  auto evaluator = make(kOptions);
  std::atomic<int> graded{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&] {
      for (int i = 0; i < 10; ++i)
        if (evaluator->evaluate(input()).details.value("grade", -1.0) == 7) ++graded;
    });
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(graded.load(), 40);
}

}  // namespace
}  // namespace modelcompare::llm_judge

namespace modelcompare::llm_judge {
namespace {

// Nobody runs this host's io_context: the evaluator gives up after timeout_seconds instead of
// hanging the worker forever.
TEST(LlmJudgeTimeout, AJudgeThatNeverAnswersTimesOut) {
  JudgeHost host;
  sdk::PluginContext context;
  context.options = json::parse(R"({"judge": "gpt-4o", "rubric": "r", "timeout_seconds": 1})");
  context.host = &host;
  LlmJudgeEvaluator evaluator(context);
  sdk::EvaluationInput in;
  in.response = "x";
  const auto result = evaluator.evaluate(in);
  EXPECT_EQ(result.details["error"],
            "the judge 'gpt-4o' failed (timeout): no grade within 1 s (timeout_seconds)");
}

}  // namespace
}  // namespace modelcompare::llm_judge
