#include "run/conversation_plan.hpp"

#include <gtest/gtest.h>

namespace modelcompare::run {
namespace {

config::Config two_by_two() {
  config::Config c;
  c.providers = {{"a", "mock", "", {}}, {"b", "mock", "", {}}};
  config::ScenarioConfig s1, s2;
  s1.id = "one";
  s1.repeat = 2;
  s1.turns.resize(2);
  s2.id = "two";
  s2.turns.resize(1);
  c.scenarios = {s1, s2};
  return c;
}

TEST(ConversationPlan, EveryProviderScenarioAndRepeatInterleaved) {
  const auto c = two_by_two();
  const auto plan = plan_conversations(c, {});
  ASSERT_EQ(plan.size(), 6u);  // (2 repeats + 1) x 2 providers
  EXPECT_EQ(plan[0].provider, 0u);
  EXPECT_EQ(plan[1].provider, 1u);
  EXPECT_EQ(plan[2].repeat, 1);
  EXPECT_EQ(plan[0].vars["provider"], "a");
  EXPECT_EQ(count_cases(c, plan), 2u * 2 * 2 + 2u);
}

TEST(ConversationPlan, OnlyAndRepeatFilter) {
  const auto c = two_by_two();
  PlanFilter filter;
  filter.only = {"b", "two"};
  filter.repeat = 3;
  const auto plan = plan_conversations(c, filter);
  ASSERT_EQ(plan.size(), 3u);
  for (const auto& conversation : plan) {
    EXPECT_EQ(conversation.provider, 1u);
    EXPECT_EQ(conversation.scenario, 1u);
  }
}

TEST(ConversationPlan, UnknownOnlyIdIsNamed) {
  PlanFilter filter;
  filter.only = {"tow"};
  try {
    plan_conversations(two_by_two(), filter);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "--only tow: no provider or scenario has that id (did you mean two?)");
  }
}

}  // namespace
}  // namespace modelcompare::run
