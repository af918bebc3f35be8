#include "mock/token_rule.hpp"

#include <gtest/gtest.h>

namespace modelcompare::mock {

std::string fake_png(int width, int height);

namespace {

TEST(TokenRule, OneTokenPerStartedFourBytes) {
  EXPECT_EQ(text_tokens(""), 0);
  EXPECT_EQ(text_tokens("abcd"), 1);
  EXPECT_EQ(text_tokens("abcde"), 2);
  EXPECT_EQ(text_tokens(std::string(400, 'x')), 100);
  EXPECT_EQ(text_tokens("\xc3\xa9t\xc3\xa9"), 2);  // "été": 5 bytes of UTF-8
}

TEST(TokenRule, ImagesCostTilesAfterScaling) {
  // The lab's chart: one tile.
  EXPECT_EQ(image_tokens(fake_png(426, 413)), 85 + 170);
  EXPECT_EQ(image_tokens(fake_png(1024, 1024)), 85 + 4 * 170);
  // OpenAI's worked example: 2048×4096 → 1024×2048 → 768×1536 → 2×3 tiles = 1105.
  EXPECT_EQ(image_tokens(fake_png(2048, 4096)), 1105);
  EXPECT_EQ(image_tokens("no header"), kUnknownImageTokens);
}

TEST(TokenRule, PromptCountsEveryMessageOfTheConversation) {
  sdk::Message user;
  user.content.push_back(sdk::ContentPart::from_text(std::string(40, 'q')));  // 10
  sdk::ContentPart image;
  image.kind = sdk::ContentPart::Kind::image;
  image.image_bytes = fake_png(426, 413);  // 255
  user.content.push_back(image);
  sdk::Message assistant;
  assistant.role = sdk::Role::assistant;
  assistant.content.push_back(sdk::ContentPart::from_text(std::string(80, 'a')));  // 20
  sdk::Message follow_up;
  follow_up.content.push_back(sdk::ContentPart::from_text("Add a legend"));  // 3

  EXPECT_EQ(prompt_tokens({user}), kReplyPrimingTokens + kTokensPerMessage + 10 + 255);
  EXPECT_EQ(prompt_tokens({user, assistant, follow_up}),
            kReplyPrimingTokens + 3 * kTokensPerMessage + 10 + 255 + 20 + 3);
}

TEST(TokenRule, TruncationKeepsWholeCharacters) {
  EXPECT_EQ(truncate_to_tokens("abcdefgh", 1), "abcd");
  EXPECT_EQ(truncate_to_tokens("abc", 5), "abc");
  // "abc" then "é" (2 bytes) straddles the 4-byte limit: the whole character goes.
  EXPECT_EQ(truncate_to_tokens("abc\xc3\xa9xyz", 1), "abc");
  EXPECT_EQ(truncate_to_tokens("abc", 0), "");
}

}  // namespace
}  // namespace modelcompare::mock
