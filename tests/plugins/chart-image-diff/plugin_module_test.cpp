// The built module: exports one descriptor the host can load, and its evaluator works through it.
#include <gtest/gtest.h>

#include <boost/dll/import.hpp>
#include <filesystem>
#include <memory>

#include "modelcompare/sdk.hpp"
#include "support/test_host.hpp"
#include "synthetic_chart.hpp"

namespace modelcompare::chart_image_diff {
namespace {

TEST(PluginModule, ExportsAnEvaluatorThatWorks) {
  const std::filesystem::path path =
      std::filesystem::path(MODELCOMPARE_PLUGIN_DIR) / "modelcompare-chart-image-diff.so";
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  auto entry = boost::dll::import_alias<const sdk::PluginDescriptor*()>(boost::dll::fs::path(path),
                                                                        "modelcompare_plugin_v1");
  const sdk::PluginDescriptor* descriptor = entry();
  ASSERT_NE(descriptor, nullptr);
  EXPECT_EQ(descriptor->struct_size, sizeof(sdk::PluginDescriptor));
  EXPECT_EQ(descriptor->abi_version, sdk::kAbiVersion);
  EXPECT_EQ(descriptor->kind, sdk::PluginKind::evaluator);
  EXPECT_STREQ(descriptor->name, "chart-image-diff");

  ::modelcompare::testing::TestHost host;
  sdk::PluginContext context;
  context.instance_id = "chart-image-diff";
  context.options = {{"reference", "pie_reference.png"},
                     {"candidate", "pie_exploded_rotated.jpg"},
                     {"text", false}};
  context.base_dir = chart_image_diff::testing::fixture("");
  context.host = &host;
  std::unique_ptr<sdk::Plugin, void (*)(sdk::Plugin*) noexcept> plugin(descriptor->create(context),
                                                                       descriptor->destroy);
  auto* evaluator = dynamic_cast<sdk::Evaluator*>(plugin.get());
  ASSERT_NE(evaluator, nullptr);
  const auto result = evaluator->evaluate(sdk::EvaluationInput{});
  EXPECT_GT(result.score, 0.7) << result.details.dump(2);
  EXPECT_EQ(result.details["chart_type"], "pie");

  // Errors cross the boundary as PluginError with their message.
  context.options = {{"reference", "nowhere.png"}};
  try {
    descriptor->create(context);
    FAIL() << "no error";
  } catch (const sdk::PluginError& e) {
    EXPECT_EQ(std::string(e.what()),
              "chart-image-diff option reference: image " +
                  chart_image_diff::testing::fixture("nowhere.png").string() + ": file not found");
  }
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
