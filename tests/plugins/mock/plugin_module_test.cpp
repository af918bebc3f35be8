// Loads the built modelcompare-mock.so the way the host does and drives it through the SDK only.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/dll/shared_library.hpp>

#include "modelcompare/sdk.hpp"
#include "support/test_host.hpp"

namespace {

namespace sdk = modelcompare::sdk;

class PluginModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    library_.load(std::filesystem::path(MODELCOMPARE_PLUGIN_DIR) / "modelcompare-mock.so");
    const auto get =
        library_.get_alias<const sdk::PluginDescriptor*()>(MODELCOMPARE_PLUGIN_ALIAS_PREFIX "1");
    descriptor_ = get();
  }

  boost::dll::shared_library library_;
  const sdk::PluginDescriptor* descriptor_ = nullptr;
  modelcompare::testing::TestHost host_;
};

TEST_F(PluginModuleTest, DescriptorNamesAMockProvider) {
  ASSERT_NE(descriptor_, nullptr);
  EXPECT_EQ(descriptor_->struct_size, sizeof(sdk::PluginDescriptor));
  EXPECT_EQ(descriptor_->abi_version, sdk::kAbiVersion);
  EXPECT_STREQ(descriptor_->build_fingerprint, sdk::kBuildFingerprint);
  EXPECT_EQ(descriptor_->kind, sdk::PluginKind::provider);
  EXPECT_STREQ(descriptor_->name, "mock");
}

TEST_F(PluginModuleTest, CreatesAProviderThatAnswers) {
  sdk::PluginContext context;
  context.instance_id = "mock-x";
  context.options = {{"template", "hello from {{provider}}"}, {"max_in_flight", 3}};
  context.host = &host_;
  sdk::Plugin* plugin = descriptor_->create(context);
  auto* provider = dynamic_cast<sdk::Provider*>(plugin);
  ASSERT_NE(provider, nullptr);
  EXPECT_EQ(provider->max_in_flight(), 3);

  sdk::ChatRequest request;
  request.provider_id = "mock-x";
  request.scenario_id = "s";
  sdk::Message message;
  message.content.push_back(sdk::ContentPart::from_text("hi"));
  request.messages.push_back(message);
  auto future = boost::asio::co_spawn(host_.io_context(), provider->complete(request),
                                      boost::asio::use_future);
  host_.io_context().run();
  const auto result = future.get();
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.content, "hello from mock-x");
  descriptor_->destroy(plugin);
}

TEST_F(PluginModuleTest, BadOptionsThrowPluginErrorAcrossTheBoundary) {
  sdk::PluginContext context;
  context.instance_id = "mock-x";
  context.options = {{"jiter", 0.1}};
  context.host = &host_;
  try {
    descriptor_->create(context);
    FAIL() << "no error";
  } catch (const sdk::PluginError& error) {
    EXPECT_STREQ(error.what(),
                 "mock provider 'mock-x': unknown option 'jiter' (did you mean 'jitter'?)");
  }
}

}  // namespace
