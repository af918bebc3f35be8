// The built plugin module itself: loads, finds the harness beside it, and evaluates.
#include <gtest/gtest.h>

#include <boost/dll/shared_library.hpp>

#include "evaluator_fixture.hpp"
#include "modelcompare/sdk/evaluator.hpp"

namespace modelcompare::testing {
namespace {

TEST(CodeCorrectnessModule, LoadsAndFindsItsHarnessBesideIt) {
  ASSERT_TRUE(python_has_matplotlib()) << "needs /usr/bin/python3 with matplotlib";
  const auto path =
      std::filesystem::path(MODELCOMPARE_PLUGIN_DIR) / "modelcompare-code-correctness.so";
  ASSERT_TRUE(std::filesystem::exists(path.parent_path() / "code-correctness-harness.py"));
  boost::dll::shared_library library(path.string());
  auto& get = library.get_alias<const sdk::PluginDescriptor*()>("modelcompare_plugin_v1");
  const auto* descriptor = get();
  EXPECT_STREQ(descriptor->name, "code-correctness");
  EXPECT_EQ(descriptor->kind, sdk::PluginKind::evaluator);

  auto sandbox = sandbox::make_process_sandbox();
  TestHost host;
  host.set_sandbox(sandbox.get());
  sdk::PluginContext context;
  context.options = {{"expect", "expect-turn1.json"}};  // no "harness": found beside the module
  context.base_dir = CODE_CORRECTNESS_FIXTURES;
  context.host = &host;
  auto* plugin = descriptor->create(context);
  auto* evaluator = dynamic_cast<sdk::Evaluator*>(plugin);
  ASSERT_NE(evaluator, nullptr);
  sdk::EvaluationInput input;
  input.provider_id = "gpt-4o";
  input.response = read_fixture("lab-gpt4o.py");
  TempDir artifacts;
  input.artifacts_dir = artifacts.path();
  const auto result = evaluator->evaluate(input);
  EXPECT_TRUE(result.passed) << result.details.dump(2);
  descriptor->destroy(plugin);
}

}  // namespace
}  // namespace modelcompare::testing
