#include "run/conversation_plan.hpp"

#include <gtest/gtest.h>

namespace modelcompare::run {
namespace {

std::vector<Conversation> all_conversations(const config::Config& c, const RunPlan& plan) {
  std::vector<Conversation> out;
  for (const auto p : plan.providers) {
    ConversationStream stream(c, plan, p);
    while (auto conversation = stream.next()) out.push_back(*conversation);
  }
  return out;
}

config::Config two_by_two() {
  config::Config c;
  c.providers = {{"a", "mock", "", {}, {}}, {"b", "mock", "", {}, {}}};
  config::ScenarioConfig s1, s2;
  s1.id = "one";
  s1.repeat = 2;
  s1.turns.resize(2);
  s2.id = "two";
  s2.turns.resize(1);
  c.scenarios = {s1, s2};
  return c;
}

TEST(ConversationPlan, EveryProviderScenarioAndRepeatPerProvider) {
  const auto c = two_by_two();
  const auto run_plan = plan_run(c, {});
  EXPECT_EQ(run_plan.conversations, 6u);  // (2 repeats + 1) x 2 providers
  EXPECT_EQ(run_plan.conversations_per_provider, 3u);
  EXPECT_EQ(run_plan.cases, 2u * 2 * 2 + 2u);
  const auto plan = all_conversations(c, run_plan);
  ASSERT_EQ(plan.size(), 6u);
  EXPECT_EQ(plan[0].provider, 0u);
  EXPECT_EQ(plan[0].repeat, 0);
  EXPECT_EQ(plan[1].repeat, 1);
  EXPECT_EQ(plan[1].vars["repeat"], 1);
  EXPECT_EQ(plan[2].scenario, 1u);
  EXPECT_EQ(plan[3].provider, 1u);
  EXPECT_EQ(plan[0].vars["provider"], "a");
  EXPECT_EQ(plan[3].vars["provider"], "b");
  EXPECT_EQ(plan[0].case_key, "one");  // a scenario without rows is keyed by its id
  EXPECT_EQ(plan[0].row_hash, "");
}

TEST(ConversationPlan, OnlyAndRepeatFilter) {
  const auto c = two_by_two();
  PlanFilter filter;
  filter.only = {"b", "two"};
  filter.repeat = 3;
  const auto plan = all_conversations(c, plan_run(c, filter));
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
    plan_run(two_by_two(), filter);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "--only tow: no provider or scenario has that id (did you mean two?)");
  }
}

}  // namespace
}  // namespace modelcompare::run
