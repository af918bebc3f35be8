// The mock providers of the shipped configs (configs/*.json) with the real plugin: their options
// and responses files are accepted, and the offline demo's models answer as its description says.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "mock/mock_provider.hpp"
#include "support/test_host.hpp"

namespace modelcompare::mock {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kConfigs = fs::path(MODELCOMPARE_SOURCE_DIR) / "configs";

json read_json(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

class ShippedConfigsTest : public ::testing::Test {
 protected:
  // The config's mock providers, by id, created as the host would create them.
  std::map<std::string, std::unique_ptr<MockProvider>> mock_providers(const fs::path& config) {
    std::map<std::string, std::unique_ptr<MockProvider>> providers;
    const json document = read_json(config);
    for (const auto& provider : document["providers"]) {
      if (provider["plugin"] != "mock") continue;
      sdk::PluginContext context;
      context.instance_id = provider["id"];
      context.options = provider.value("options", json::object());
      context.base_dir = config.parent_path();
      context.host = &host_;
      providers[context.instance_id] = std::make_unique<MockProvider>(context);
    }
    return providers;
  }

  static sdk::ChatRequest request(const std::string& provider, int turn, int repeat) {
    sdk::ChatRequest r;
    r.provider_id = provider;
    r.scenario_id = "pie-chart-to-code";
    r.case_key = "pie-chart-to-code";  // the host's key for a scenario without a dataset
    r.turn = turn;
    r.repeat = repeat;
    for (int i = 0; i <= 2 * turn; ++i) {
      sdk::Message message;
      message.role = i % 2 ? sdk::Role::assistant : sdk::Role::user;
      message.content.push_back(sdk::ContentPart::from_text("message " + std::to_string(i)));
      r.messages.push_back(message);
    }
    return r;
  }

  testing::TestHost host_;
};

TEST_F(ShippedConfigsTest, EveryMockProviderOfEveryConfigIsAccepted) {
  int created = 0;
  for (const auto& entry : fs::directory_iterator(kConfigs)) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    EXPECT_NO_THROW(created += static_cast<int>(mock_providers(entry.path()).size()));
  }
  EXPECT_GE(created, 5);  // offline-demo's three and offline-demo-text's two
}

TEST_F(ShippedConfigsTest, OfflineDemoModelsAnswerBothTurnsWithPythonCode) {
  const auto providers = mock_providers(kConfigs / "offline-demo.json");
  ASSERT_EQ(providers.size(), 3u);
  std::string problem;
  for (const auto& [id, provider] : providers) {
    for (int turn = 0; turn < 2; ++turn) {
      SCOPED_TRACE(id + " turn " + std::to_string(turn + 1));
      const auto plan = provider->plan(request(id, turn, 0), problem);
      ASSERT_TRUE(plan) << problem;
      EXPECT_NE(plan->source.find("responses["), std::string::npos) << plan->source;
      EXPECT_NE(plan->content.find("```python\nimport "), std::string::npos);
      EXPECT_NE(plan->content.find("plt.pie("), std::string::npos);
      EXPECT_EQ(plan->content.find("{{"), std::string::npos);
      // A few hundred milliseconds, so a run takes several seconds.
      EXPECT_GE(plan->latency.count(), 100);
      EXPECT_LE(plan->latency.count(), 2000);
    }
  }
  std::string faithful =
      providers.at("mock-faithful")->plan(request("mock-faithful", 0, 0), problem)->content;
  EXPECT_NE(faithful.find("plt.savefig('imgs/mock-faithful.jpg')"), std::string::npos);
}

TEST_F(ShippedConfigsTest, OfflineDemoFailsOnlyAFewRestyledRequests) {
  const auto providers = mock_providers(kConfigs / "offline-demo.json");
  std::map<std::string, int> failures;
  std::string problem;
  for (const auto& [id, provider] : providers) {
    for (int repeat = 0; repeat < 3; ++repeat) {
      for (int turn = 0; turn < 2; ++turn) {
        const auto plan = provider->plan(request(id, turn, repeat), problem);
        failures[id] += plan->failure != InjectedFailure::none;
      }
    }
  }
  EXPECT_EQ(failures["mock-faithful"], 0);
  EXPECT_EQ(failures["mock-broken"], 0);
  EXPECT_GE(failures["mock-restyled"], 1);
  EXPECT_LE(failures["mock-restyled"], 2);
}

}  // namespace
}  // namespace modelcompare::mock
