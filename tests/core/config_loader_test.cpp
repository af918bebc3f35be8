#include "config/config_loader.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace modelcompare::config {
namespace {

using testing::TempDir;
using testing::write_file;

const char* kMinimal = R"({
  "name": "demo",
  "providers": [{"id": "a", "plugin": "mock"}],
  "scenarios": [{"id": "s", "turns": [{"user": [{"text": "hi {{provider}}"}]}]}]
})";

class ConfigLoaderTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& text, const std::string& name = "config.json") {
    auto path = dir_ / name;
    write_file(path, text);
    return path;
  }
  // The message load_config fails with; fails the test when it loads.
  std::string error_of(const std::string& text, LoadOptions options = {}) {
    const auto path = write(text);
    try {
      load_config(path, options);
    } catch (const ConfigError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
      EXPECT_EQ(message.rfind(path.string(), 0), 0u) << "names the file: " << message;
      return message;
    }
    ADD_FAILURE() << "loaded without error: " << text;
    return {};
  }
  static LoadOptions env(std::map<std::string, std::string> values) {
    LoadOptions options;
    options.environment = [values](const std::string& name) -> std::optional<std::string> {
      auto it = values.find(name);
      if (it == values.end()) return std::nullopt;
      return it->second;
    };
    return options;
  }
  TempDir dir_;
};

TEST_F(ConfigLoaderTest, LoadsTheMinimalConfigWithDefaults) {
  const auto config = load_config(write(kMinimal));
  EXPECT_EQ(config.name, "demo");
  ASSERT_EQ(config.providers.size(), 1u);
  EXPECT_EQ(config.providers[0].plugin, "mock");
  ASSERT_EQ(config.scenarios.size(), 1u);
  EXPECT_EQ(config.scenarios[0].repeat, 1);
  EXPECT_EQ(config.scenarios[0].turns[0].user[0].text, "hi {{provider}}");
  EXPECT_EQ(config.output_dir, dir_.path() / "runs");
  EXPECT_EQ(config.hash.size(), 64u);
}

TEST_F(ConfigLoaderTest, NotJsonNamesLineAndColumn) {
  const auto message = error_of("{\n  \"name\": \"demo\",\n  \"providers\": [,]\n}");
  EXPECT_NE(message.find("config.json:3:17: not valid JSON"), std::string::npos) << message;
}

TEST_F(ConfigLoaderTest, NestingBeyondAHundredLevelsIsRefusedBeforeItIsCopied) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  const auto message = error_of("{\"name\": \"demo\", \"providers\": " + deep + "}");
  EXPECT_NE(message.find("config.json: not valid JSON: nested deeper than 100 levels"),
            std::string::npos)
      << message;
  // 100 levels are still read (and then refused for what they hold, not for their depth).
  const std::string hundred = std::string(99, '[') + std::string(99, ']');
  EXPECT_EQ(error_of("{\"name\": " + hundred + "}").find("nested deeper"), std::string::npos);
}

TEST_F(ConfigLoaderTest, WrongTypeNamesTheJsonPointer) {
  const auto message = error_of(R"({"name": "demo", "providers": [{"id": 42, "plugin": "mock"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})");
  EXPECT_NE(message.find("/providers/0/id: expected a string, found an integer 42"),
            std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, UnknownKeySuggestsTheCloseMatch) {
  const auto message = error_of(R"({"name": "demo", "provders": []})");
  EXPECT_NE(message.find("unknown key \"provders\" (did you mean \"providers\"?)"),
            std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, UnknownNestedKeyWithoutCloseMatchListsAllowedKeys) {
  const auto message = error_of(R"({"name": "demo",
    "providers": [{"id": "a", "plugin": "mock", "colour": "red"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})");
  EXPECT_NE(message.find("/providers/0: unknown key \"colour\"; allowed here: id, plugin, catalog, "
                         "options"),
            std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, MissingRequiredKey) {
  const auto message = error_of(R"({"name": "demo", "providers": [{"id": "a"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})");
  EXPECT_NE(message.find("/providers/0: missing required key \"plugin\""), std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, DuplicateProviderId) {
  const auto message = error_of(R"({"name": "demo",
    "providers": [{"id": "a", "plugin": "mock"}, {"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})");
  EXPECT_NE(message.find("/providers/1/id: duplicate provider id \"a\""), std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, DuplicateScenarioId) {
  const auto message = error_of(R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]},
                  {"id": "s", "turns": [{"user": [{"text": "y"}]}]}]})");
  EXPECT_NE(message.find("/scenarios/1/id: duplicate scenario id \"s\""), std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, NoProviders) {
  const auto message = error_of(R"({"name": "demo", "providers": [],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})");
  EXPECT_NE(message.find("/providers: needs at least 1 entry, found none"), std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, NoScenarios) {
  const auto message =
      error_of(R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}]})");
  EXPECT_NE(message.find("/: missing required key \"scenarios\""), std::string::npos) << message;
}

TEST_F(ConfigLoaderTest, UnsetVariableIsNamed) {
  const auto message = error_of(R"({"name": "demo",
    "providers": [{"id": "a", "plugin": "mock", "options": {"api_key": "${NO_SUCH_KEY_42}"}}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})",
                                env({}));
  EXPECT_NE(message.find("/providers/0/options/api_key: ${NO_SUCH_KEY_42} is not set"),
            std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, VariablesComeFromEnvironmentThenDotEnvThenDefault) {
  write_file(dir_ / ".env", "# comment\nexport FROM_DOTENV=\"dotenv value\"\nBOTH=from-dotenv\n");
  std::vector<std::string> secrets;
  auto options = env({{"BOTH", "from-env"}, {"MY_API_KEY", "sk-secret-1234"}});
  options.on_secret = [&](const std::string& value) { secrets.push_back(value); };
  const auto config = load_config(write(R"({"name": "demo",
    "providers": [{"id": "a", "plugin": "mock", "options": {
        "x": "${FROM_DOTENV}", "y": "${BOTH}", "z": "${UNSET_ONE:-fallback}", "k": "${MY_API_KEY}"}}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})"),
                                  options);
  const auto& o = config.providers[0].options;
  EXPECT_EQ(o["x"], "dotenv value");
  EXPECT_EQ(o["y"], "from-env");
  EXPECT_EQ(o["z"], "fallback");
  EXPECT_EQ(secrets, std::vector<std::string>{"sk-secret-1234"});
  EXPECT_EQ(config.raw.dump().find("sk-secret-1234"), std::string::npos)
      << "the stored config keeps ${VAR}s unexpanded";
}

TEST_F(ConfigLoaderTest, MissingImageFileIsNamed) {
  const auto message = error_of(R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"image": "charts/none.png"}]}]}]})");
  EXPECT_NE(message.find("/scenarios/0/turns/0/user/0/image: file not found: " +
                         (dir_.path() / "charts/none.png").string()),
            std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, UnreadableImageFileIsNamed) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every file; permission cannot be denied";
  write_file(dir_ / "secret.png", "x");
  std::filesystem::permissions(dir_ / "secret.png", std::filesystem::perms::none);
  const auto message = error_of(R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"image": "secret.png"}]}]}]})");
  EXPECT_NE(message.find("cannot read"), std::string::npos) << message;
}

TEST_F(ConfigLoaderTest, RelativePathsResolveAgainstTheConfigFolder) {
  write_file(dir_ / "sub" / "chart.png", "\x89PNG\r\n\x1a\n");
  const auto config = load_config(write(R"({"name": "demo",
    "providers": [{"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"image": "chart.png"}]}]}],
    "output": {"dir": "out"}})",
                                        "sub/config.json"));
  EXPECT_EQ(config.scenarios[0].turns[0].user[0].image, dir_.path() / "sub" / "chart.png");
  EXPECT_EQ(config.output_dir, dir_.path() / "sub" / "out");
}

TEST_F(ConfigLoaderTest, TurnParamsOverrideDefaults) {
  const auto config = load_config(write(R"({"name": "demo",
    "providers": [{"id": "a", "plugin": "mock"}],
    "defaults": {"max_tokens": 100, "temperature": 0, "repeat": 3},
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}], "params": {"max_tokens": 7}},
                                        {"user": [{"text": "y"}]}]}]})"));
  const auto& s = config.scenarios[0];
  EXPECT_EQ(s.repeat, 3);
  EXPECT_EQ(s.turns[0].params.max_tokens, 7);
  EXPECT_EQ(s.turns[1].params.max_tokens, 100);
  EXPECT_EQ(s.turns[1].params.temperature, 0.0);
}

TEST_F(ConfigLoaderTest, OutOfRangeNumberIsNamed) {
  const auto message = error_of(R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}],
    "defaults": {"temperature": 3},
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})");
  EXPECT_NE(message.find("/defaults/temperature: must be between 0 and 2, found 3"),
            std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, MessagePartNeedsExactlyTextOrImage) {
  const auto message = error_of(R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{}]}]}]})");
  EXPECT_NE(message.find("/scenarios/0/turns/0/user/0: a message part needs exactly one of"),
            std::string::npos)
      << message;
}

TEST_F(ConfigLoaderTest, MissingFileAndFolderAreNamed) {
  try {
    load_config(dir_ / "absent.json");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), (dir_.path() / "absent.json").string() + ": no such file");
  }
}

TEST_F(ConfigLoaderTest, HashIgnoresVariableValues) {
  const auto path = write(R"({"name": "demo",
    "providers": [{"id": "a", "plugin": "mock", "options": {"k": "${V}"}}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})");
  EXPECT_EQ(load_config(path, env({{"V", "one"}})).hash,
            load_config(path, env({{"V", "two"}})).hash);
}

std::string with_scenario(const std::string& scenario_extra) {
  return R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", )" +
         scenario_extra + R"(, "turns": [{"user": [{"text": "{{question}}"}]}]}]})";
}

TEST_F(ConfigLoaderTest, DatasetResolvesAgainstTheConfigFolderWithItsFormat) {
  write_file(dir_ / "data" / "q.csv", "id,question\n1,x\n");
  write_file(dir_ / "data" / "q.jsonl", "{}\n");
  auto config = load_config(write(with_scenario(R"("dataset": "data/q.csv")")));
  ASSERT_TRUE(config.scenarios[0].dataset);
  EXPECT_EQ(config.scenarios[0].dataset->file, dir_.path() / "data" / "q.csv");
  EXPECT_EQ(config.scenarios[0].dataset->format, DatasetConfig::Format::csv);
  config = load_config(write(with_scenario(R"("dataset": "data/q.jsonl")")));
  EXPECT_EQ(config.scenarios[0].dataset->format, DatasetConfig::Format::jsonl);
}

TEST_F(ConfigLoaderTest, MissingDatasetIsNamed) {
  EXPECT_EQ(error_of(with_scenario(R"("dataset": "nope.csv")")),
            (dir_ / "config.json").string() +
                ": /scenarios/0/dataset: dataset not found: " + (dir_ / "nope.csv").string());
}

TEST_F(ConfigLoaderTest, DatasetOfAnotherFormatIsNamed) {
  write_file(dir_ / "q.xlsx", "x");
  EXPECT_EQ(error_of(with_scenario(R"("dataset": "q.xlsx")")),
            (dir_ / "config.json").string() +
                ": /scenarios/0/dataset: \"q.xlsx\": a dataset is a .csv or .jsonl file");
}

TEST_F(ConfigLoaderTest, InlineVarsMustBeObjectsAndNotBesideADataset) {
  EXPECT_EQ(error_of(with_scenario(R"("vars": [{"question": "a"}, 3])")),
            (dir_ / "config.json").string() +
                ": /scenarios/0/vars/1: expected an object (one row of variables), found an "
                "integer");
  write_file(dir_ / "q.csv", "question\nx\n");
  EXPECT_EQ(error_of(with_scenario(R"("vars": [{"question": "a"}], "dataset": "q.csv")")),
            (dir_ / "config.json").string() +
                ": /scenarios/0: give either \"dataset\" or \"vars\", not both");
  const auto config = load_config(write(with_scenario(R"("vars": [{"question": "a"}])")));
  ASSERT_TRUE(config.scenarios[0].vars);
  EXPECT_EQ((*config.scenarios[0].vars)[0]["question"], "a");
}

TEST_F(ConfigLoaderTest, ATemplatedImagePathIsCheckedPerRowNotAtLoad) {
  write_file(dir_ / "q.csv", "question,picture\nx,a.png\n");
  const auto config =
      load_config(write(R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", "dataset": "q.csv",
      "turns": [{"user": [{"text": "{{question}}"}, {"image": "imgs/{{picture}}"}]}]}]})"));
  EXPECT_EQ(config.scenarios[0].turns[0].user[1].image_template, "imgs/{{picture}}");
}

const char* kWithDecisionAndPrice = R"({"name": "demo",
  "providers": [{"id": "a", "plugin": "mock", "price": {"input": 2.5, "cached_input": 1.25, "output": 10}},
                {"id": "b", "plugin": "mock"}],
  "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}],
  "decision": {"score": "chart-image-diff", "min": 0.8, "prefer": "cheapest"}})";

TEST_F(ConfigLoaderTest, DecisionAndPriceAreRead) {
  const auto config = load_config(write(kWithDecisionAndPrice));
  ASSERT_TRUE(config.decision);
  EXPECT_EQ(config.decision->score, "chart-image-diff");
  EXPECT_EQ(config.decision->min, 0.8);
  EXPECT_EQ(config.decision->prefer, DecisionConfig::Prefer::cheapest);
  ASSERT_TRUE(config.providers[0].price);
  EXPECT_EQ(config.providers[0].price->input, 2.5);
  EXPECT_EQ(config.providers[0].price->cached_input, 1.25);
  EXPECT_EQ(config.providers[0].price->output, 10.0);
  EXPECT_FALSE(config.providers[1].price);
  const auto minimal = load_config(write(kMinimal));
  EXPECT_FALSE(minimal.decision);
}

TEST_F(ConfigLoaderTest, DecisionMistakesAreNamed) {
  const std::string file = (dir_ / "config.json").string();
  const std::string head = R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock"}],
    "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}], "decision": )";
  EXPECT_EQ(error_of(head + R"({"min": 0.5}})"),
            file + ": /decision: missing required key \"score\"");
  EXPECT_EQ(error_of(head + R"({"score": "x", "min": 1.5}})"),
            file + ": /decision/min: must be between 0 and 1, found 1.5");
  EXPECT_EQ(
      error_of(head + R"({"score": "x", "prefer": "cheap"}})"),
      file + ": /decision/prefer: must be \"cheapest\", \"fastest\" or \"best\", found \"cheap\"");
}

TEST_F(ConfigLoaderTest, PriceMistakesAreNamed) {
  const std::string file = (dir_ / "config.json").string();
  const std::string tail =
      R"(}], "scenarios": [{"id": "s", "turns": [{"user": [{"text": "x"}]}]}]})";
  const std::string head =
      R"({"name": "demo", "providers": [{"id": "a", "plugin": "mock", "price": )";
  EXPECT_EQ(error_of(head + R"({"input": -1})" + tail),
            file + ": /providers/0/price/input: must be between 0 and 1e+06, found -1");
  EXPECT_EQ(error_of(head + R"({"input": "2.5"})" + tail),
            file + ": /providers/0/price/input: expected a number, found a string \"2.5\"");
  const auto typo = error_of(head + R"({"ouput": 1})" + tail);
  EXPECT_NE(typo.find("/providers/0/price: unknown key \"ouput\" (did you mean \"output\"?)"),
            std::string::npos)
      << typo;
}

}  // namespace
}  // namespace modelcompare::config
