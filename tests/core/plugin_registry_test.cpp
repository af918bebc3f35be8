#include "plugins/plugin_registry.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "support/test_host.hpp"

namespace modelcompare::plugins {
namespace {

namespace fs = std::filesystem;
const fs::path kFixtures = MODELCOMPARE_FIXTURE_PLUGIN_DIR;

const PluginListing& listing_for(const PluginRegistry& registry, const std::string& file) {
  for (const auto& listing : registry.listings())
    if (listing.path.filename() == file) return listing;
  throw std::runtime_error("no listing for " + file);
}

TEST(PluginRegistry, LoadsGoodPluginsWithTheirDescriptors) {
  PluginRegistry registry;
  registry.scan({kFixtures / "good"});
  const auto& length = listing_for(registry, "fixture-length-evaluator.so");
  EXPECT_TRUE(length.loaded) << length.refused_reason;
  EXPECT_EQ(length.kind, "evaluator");
  EXPECT_EQ(length.name, "length");
  EXPECT_EQ(length.version, "1.0.0");
  EXPECT_EQ(length.abi_version, 1u);
  EXPECT_EQ(registry.names(sdk::PluginKind::provider), std::vector<std::string>{"scripted"});
}

TEST(PluginRegistry, RefusesEachBrokenFileWithItsReason) {
  testing::TempDir dir;
  testing::write_file(dir / "notes.so", "just some text\n");
  PluginRegistry registry;
  registry.scan({kFixtures / "bad", dir.path()});
  EXPECT_EQ(listing_for(registry, "notes.so").refused_reason,
            "not a shared library (no ELF header)");
  EXPECT_EQ(listing_for(registry, "fixture-no-descriptor.so").refused_reason,
            "not a modelcompare plugin (no modelcompare_plugin_v1 descriptor exported)");
  // The v2 plugin's descriptor function aborts: reaching this line proves it never ran.
  EXPECT_EQ(listing_for(registry, "fixture-abi-v2.so").refused_reason,
            "ABI version mismatch: expected v1, found v2");
  const auto& foreign = listing_for(registry, "fixture-wrong-fingerprint.so");
  EXPECT_EQ(foreign.refused_reason.rfind("build mismatch: expected 'gcc-", 0), 0u)
      << foreign.refused_reason;
  EXPECT_NE(foreign.refused_reason.find("found 'clang-99;cxx11abi=0;boost=108800;json=3.12.0'"),
            std::string::npos);
  for (const auto& listing : registry.listings()) EXPECT_FALSE(listing.loaded);
}

TEST(PluginRegistry, SecondPluginWithTheSameNameIsRefused) {
  PluginRegistry registry;
  registry.scan({kFixtures / "good", kFixtures / "duplicate"});
  const auto& copy = listing_for(registry, "fixture-length-evaluator-copy.so");
  EXPECT_FALSE(copy.loaded);
  EXPECT_EQ(copy.refused_reason, "duplicate evaluator plugin name 'length' (already loaded from " +
                                     (kFixtures / "good" / "fixture-length-evaluator.so").string() +
                                     ")");
}

TEST(PluginRegistry, ScanForLoadsOnlyTheFilesNamedAfterTheWantedPlugins) {
  testing::TempDir dir;
  fs::copy_file(kFixtures / "good" / "fixture-length-evaluator.so", dir / "modelcompare-length.so");
  testing::write_file(dir / "notes.so", "just some text\n");
  PluginRegistry registry;
  registry.scan_for({dir.path()}, {{sdk::PluginKind::evaluator, "length"},
                                   {sdk::PluginKind::evaluator, "length"}});
  ASSERT_EQ(registry.listings().size(), 1u) << "other files were opened";
  EXPECT_TRUE(listing_for(registry, "modelcompare-length.so").loaded);
  EXPECT_EQ(registry.names(sdk::PluginKind::evaluator), std::vector<std::string>{"length"});
}

TEST(PluginRegistry, ScanForFallsBackToEveryFileWhenANameHasNoFileOfItsOwn) {
  PluginRegistry registry;
  // In fixture-scripted-provider.so.
  registry.scan_for({kFixtures / "good"}, {{sdk::PluginKind::provider, "scripted"}});
  EXPECT_EQ(registry.names(sdk::PluginKind::provider), std::vector<std::string>{"scripted"});
  EXPECT_TRUE(listing_for(registry, "fixture-length-evaluator.so").loaded);
  // A name no file provides still ends with every plugin listed, for the did-you-mean message.
  PluginRegistry missing;
  missing.scan_for({kFixtures / "good"}, {{sdk::PluginKind::evaluator, "lenght"}});
  EXPECT_NE(missing.unknown_plugin_message(sdk::PluginKind::evaluator, "lenght")
                .find("did you mean 'length'?"),
            std::string::npos);
}

// modelcompare-scripted.so holds an evaluator named "scripted": it does not stand for the provider
// of that name, which is looked for in the other files.
TEST(PluginRegistry, ScanForLooksForAPluginOfTheWantedKind) {
  testing::TempDir dir;
  fs::copy_file(kFixtures / "same-name" / "fixture-scripted-evaluator.so",
                dir / "modelcompare-scripted.so");
  fs::copy_file(kFixtures / "good" / "fixture-scripted-provider.so",
                dir / "fixture-scripted-provider.so");
  PluginRegistry registry;
  registry.scan_for({dir.path()}, {{sdk::PluginKind::provider, "scripted"}});
  EXPECT_EQ(registry.names(sdk::PluginKind::provider), std::vector<std::string>{"scripted"});
  EXPECT_EQ(registry.names(sdk::PluginKind::evaluator), std::vector<std::string>{"scripted"});
  // Wanting the evaluator alone opens its own file and no other.
  PluginRegistry evaluator_only;
  evaluator_only.scan_for({dir.path()}, {{sdk::PluginKind::evaluator, "scripted"}});
  EXPECT_EQ(evaluator_only.listings().size(), 1u);
  EXPECT_TRUE(evaluator_only.names(sdk::PluginKind::provider).empty());
}

TEST(PluginRegistry, FactoryThatThrowsGivesItsMessage) {
  PluginRegistry registry;
  registry.scan({kFixtures / "good"});
  testing::TestHost host;
  sdk::PluginContext context;
  context.host = &host;
  try {
    registry.make_evaluator("failing-factory", context);
    FAIL();
  } catch (const sdk::PluginError& e) {
    EXPECT_EQ(std::string(e.what()), "failing-factory: option 'threshold' must be a number");
  }
}

TEST(PluginRegistry, UnknownNameListsTheAvailableOnes) {
  PluginRegistry registry;
  registry.scan({kFixtures / "good"});
  EXPECT_EQ(registry.unknown_plugin_message(sdk::PluginKind::evaluator, "lenght"),
            "unknown evaluator plugin 'lenght' (did you mean 'length'?); available: "
            "failing-factory, length");
  EXPECT_EQ(registry.unknown_plugin_message(sdk::PluginKind::metrics, "azure-monitor"),
            "unknown metrics plugin 'azure-monitor'; no metrics plugins were found (see "
            "`modelcompare plugins`)");
}

TEST(PluginRegistry, ObjectsKeepTheirLibraryAlive) {
  std::shared_ptr<sdk::Evaluator> evaluator;
  testing::TestHost host;
  {
    PluginRegistry registry;
    registry.scan({kFixtures / "good"});
    sdk::PluginContext context;
    context.host = &host;
    context.options = {{"min_length", 3}};
    evaluator = registry.make_evaluator("length", context);
  }  // the registry and its handles are gone; the object still works
  sdk::EvaluationInput input;
  input.response = "long enough";
  const auto result = evaluator->evaluate(input);
  EXPECT_TRUE(result.passed);
  EXPECT_EQ(result.details["length"], 11);
  input.response = "explode";
  EXPECT_THROW(evaluator->evaluate(input), sdk::PluginError);
}

}  // namespace
}  // namespace modelcompare::plugins
