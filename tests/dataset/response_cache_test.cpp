#include "store/response_cache.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace modelcompare::store {
namespace {

using testing::TempDir;

TEST(ResponseCache, KeepsAnAnswerWithItsUsageAndLatencyAcrossOpenings) {
  TempDir dir;
  sdk::ChatResult answer;
  answer.content = "forty-two";
  answer.finish_reason = "stop";
  answer.usage = {10, 3, 13, 4, std::nullopt};
  answer.usage_reported = true;
  answer.latency = std::chrono::milliseconds(1234);
  answer.time_to_first_token = std::chrono::milliseconds(200);
  answer.model = "gpt-4o-2024-08-06";
  answer.extra = {{"system_fingerprint", "fp_1"}};
  {
    auto cache = ResponseCache::open(dir / "sub" / "cache.db");
    EXPECT_FALSE(cache.find("k1"));
    cache.save("k1", answer);
  }
  auto cache = ResponseCache::open(dir / "sub" / "cache.db");
  const auto got = cache.find("k1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->content, "forty-two");
  EXPECT_EQ(got->usage.total_tokens, 13);
  EXPECT_EQ(got->usage.cached_prompt_tokens, 4);
  EXPECT_FALSE(got->usage.reasoning_tokens);
  EXPECT_EQ(got->latency.count(), 1234);
  EXPECT_EQ(got->time_to_first_token->count(), 200);
  EXPECT_EQ(got->model, "gpt-4o-2024-08-06");
  EXPECT_EQ(got->extra["system_fingerprint"], "fp_1");
  EXPECT_TRUE(got->ok());
}

// find() and save() reuse one prepared statement each: every key keeps its own answer, and a
// second connection to the same file (another run) sees and adds answers in between.
TEST(ResponseCache, ReusedStatementsKeepEachAnswerAcrossConnections) {
  TempDir dir;
  auto first = ResponseCache::open(dir / "cache.db");
  auto second = ResponseCache::open(dir / "cache.db");
  const auto answer = [](int i) {
    sdk::ChatResult r;
    r.content = "answer " + std::to_string(i);
    r.usage = {i, i, 2 * i, std::nullopt, std::nullopt};
    if (i % 2) r.time_to_first_token = std::chrono::milliseconds(i);
    return r;
  };
  for (int i = 0; i < 8; ++i) {
    auto& writer = i % 2 ? second : first;
    auto& reader = i % 2 ? first : second;
    EXPECT_FALSE(reader.find("k" + std::to_string(i)));
    writer.save("k" + std::to_string(i), answer(i));
    const auto got = reader.find("k" + std::to_string(i));
    ASSERT_TRUE(got) << i;
    EXPECT_EQ(got->content, answer(i).content);
    EXPECT_EQ(got->usage.total_tokens, 2 * i);
    EXPECT_EQ(got->time_to_first_token.has_value(), i % 2 == 1);
  }
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(first.find("k" + std::to_string(i))->content, answer(i).content);
  EXPECT_EQ(second.size(), 8u);
}

TEST(ResponseCache, ErrorsAreNeverCached) {
  TempDir dir;
  auto cache = ResponseCache::open(dir / "cache.db");
  sdk::ChatResult failed;
  failed.error = sdk::ErrorKind::rate_limited;
  failed.error_message = "429";
  cache.save("k", failed);
  EXPECT_FALSE(cache.find("k"));
  EXPECT_EQ(cache.size(), 0u);
}

TEST(ResponseCache, AFileThatIsNotACacheIsNamed) {
  TempDir dir;
  testing::write_file(dir / "cache.db", "this is not sqlite, just text that is long enough......");
  try {
    ResponseCache::open(dir / "cache.db");
    FAIL();
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind((dir / "cache.db").string() + ": not a modelcompare response cache", 0),
              0u)
        << message;
  }
}

}  // namespace
}  // namespace modelcompare::store
