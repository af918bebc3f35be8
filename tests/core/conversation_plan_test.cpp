#include "run/conversation_plan.hpp"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

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

TEST(ConversationPlan, ShardsSplitEveryProvidersConversationsWithoutOverlap) {
  auto c = two_by_two();
  c.scenarios[0].repeat = 5;  // 5 + 1 = 6 conversations per provider, 2 + 1 turns
  const auto whole = plan_run(c, {});
  std::set<std::tuple<std::size_t, std::size_t, int>> seen;
  std::size_t cases = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    PlanFilter filter;
    filter.shard = Shard{k, 4};
    const auto plan = plan_run(c, filter);
    const auto conversations = all_conversations(c, plan);
    EXPECT_EQ(conversations.size(), plan.conversations) << "shard " << k + 1;
    // 6 per provider over 4 shards: 2, 2, 1, 1, the same for both providers.
    EXPECT_EQ(plan.conversations_per_provider, k < 2 ? 2u : 1u) << "shard " << k + 1;
    std::size_t turns = 0;
    for (const auto& conversation : conversations) {
      EXPECT_TRUE(
          seen.insert({conversation.provider, conversation.scenario, conversation.repeat}).second)
          << "in two shards: provider " << conversation.provider << " repeat "
          << conversation.repeat;
      turns += c.scenarios[conversation.scenario].turns.size();
    }
    EXPECT_EQ(plan.cases, turns) << "shard " << k + 1;
    cases += plan.cases;
  }
  EXPECT_EQ(seen.size(), whole.conversations);
  EXPECT_EQ(cases, whole.cases);
}

TEST(ConversationPlan, TheSameShardIsTheSameConversationsEveryTime) {
  const auto c = two_by_two();
  PlanFilter filter;
  filter.shard = Shard{1, 2};
  const auto once = all_conversations(c, plan_run(c, filter));
  const auto again = all_conversations(c, plan_run(c, filter));
  ASSERT_EQ(once.size(), again.size());
  ASSERT_EQ(once.size(), 2u);  // ordinals 1 of (one r0, one r1, two) per provider
  for (std::size_t i = 0; i < once.size(); ++i) {
    EXPECT_EQ(once[i].provider, again[i].provider);
    EXPECT_EQ(once[i].scenario, again[i].scenario);
    EXPECT_EQ(once[i].repeat, again[i].repeat);
  }
  EXPECT_EQ(once[0].scenario, 0u);
  EXPECT_EQ(once[0].repeat, 1);
}

}  // namespace
}  // namespace modelcompare::run
