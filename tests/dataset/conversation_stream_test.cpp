// Conversations made from rows as they are pulled: vars, keys, repeats, filters.
#include <gtest/gtest.h>

#include "dataset/dataset_error.hpp"
#include "run/conversation_plan.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::run {
namespace {

using testing::TempDir;
using testing::write_file;

config::Config dataset_config(const std::filesystem::path& csv) {
  config::Config c;
  c.source = csv.parent_path() / "c.json";
  c.providers = {{"a", "mock", "", {}, {}}, {"b", "mock", "", {}, {}}};
  config::ScenarioConfig s;
  s.id = "qa";
  s.repeat = 2;
  s.dataset = config::DatasetConfig{csv, config::DatasetConfig::Format::csv, ""};
  config::TurnConfig turn;
  config::PromptPart part;
  part.text = "{{question}}";
  turn.user = {part};
  s.turns = {turn, turn};
  c.scenarios = {s};
  return c;
}

TEST(ConversationStream, EachRowIsAConversationPerRepeatWithItsVars) {
  TempDir dir;
  write_file(dir / "d.csv", "id,question,provider\n1,alpha,not-a-provider\n2,beta,x\n3,gamma,y\n");
  const auto c = dataset_config(dir / "d.csv");
  const auto plan = plan_run(c, {});
  EXPECT_EQ(plan.conversations_per_provider, 6u);  // 3 rows x 2 repeats
  EXPECT_EQ(plan.conversations, 12u);
  EXPECT_EQ(plan.cases, 24u);  // x 2 turns
  ConversationStream stream(c, plan, 1);
  std::vector<Conversation> got;
  while (auto conversation = stream.next()) got.push_back(*conversation);
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got[0].case_key, "1");
  EXPECT_EQ(got[1].case_key, "1");
  EXPECT_EQ(got[1].repeat, 1);
  EXPECT_EQ(got[2].case_key, "2");
  EXPECT_EQ(got[4].vars["question"], "gamma");
  EXPECT_EQ(got[4].vars["provider"], "b");  // built-in names win over columns
  EXPECT_EQ(got[4].vars["scenario"], "qa");
  EXPECT_EQ(got[5].vars["repeat"], 1);
  EXPECT_EQ(got[0].row_hash.size(), 16u);
  EXPECT_EQ(got[0].row_hash, got[1].row_hash);
  EXPECT_NE(got[0].row_hash, got[2].row_hash);
}

TEST(ConversationStream, RepeatAndOnlyApply) {
  TempDir dir;
  write_file(dir / "d.csv", "question\nalpha\nbeta\n");
  const auto c = dataset_config(dir / "d.csv");
  PlanFilter filter;
  filter.only = {"a"};
  filter.repeat = 3;
  const auto plan = plan_run(c, filter);
  ASSERT_EQ(plan.providers, std::vector<std::size_t>{0});
  EXPECT_EQ(plan.conversations, 6u);
}

TEST(ConversationStream, ABadRowStopsThePlanBeforeAnythingIsSent) {
  TempDir dir;
  write_file(dir / "d.csv", "id,question\n1,alpha\n2\n");
  try {
    plan_run(dataset_config(dir / "d.csv"), {});
    FAIL() << "expected a DatasetError";
  } catch (const dataset::DatasetError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "d.csv").string() + ":3: row has 1 fields, the header has 2");
  }
}

}  // namespace
}  // namespace modelcompare::run
