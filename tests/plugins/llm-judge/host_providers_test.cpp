// The host's side of HostServices::provider(): what the run registers is what plugins get.
#include <gtest/gtest.h>

#include "plugins/run_host_services.hpp"

namespace modelcompare::plugins {
namespace {

class NamedProvider final : public sdk::Provider {
 public:
  boost::asio::awaitable<sdk::ChatResult> complete(const sdk::ChatRequest&) override {
    co_return sdk::ChatResult{};
  }
};

TEST(HostProviders, EveryPluginsServicesSeeTheRunsProvidersById) {
  HostEnvironment host({});
  auto judge = std::make_shared<NamedProvider>();
  auto other = std::make_shared<NamedProvider>();
  host.add_provider("gpt-4o", judge);
  host.add_provider("gpt-4o-mini", other);
  auto& services = host.services_for("llm-judge");
  EXPECT_EQ(services.provider("gpt-4o"), judge.get());
  EXPECT_EQ(services.provider("gpt-4o-mini"), other.get());
  EXPECT_EQ(services.provider("gpt-4"), nullptr);
  EXPECT_EQ(host.services_for("text-checks").provider("gpt-4o"), judge.get());
}

TEST(HostProviders, TheHostKeepsTheProviderAlive) {
  HostEnvironment host({});
  std::weak_ptr<NamedProvider> watch;
  {
    auto judge = std::make_shared<NamedProvider>();
    watch = judge;
    host.add_provider("judge", judge);
  }
  EXPECT_FALSE(watch.expired());
  EXPECT_NE(host.services_for("x").provider("judge"), nullptr);
}

}  // namespace
}  // namespace modelcompare::plugins
