#include "catalog/model_catalog.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "catalog/catalog_search_path.hpp"
#include "catalog_test_entries.hpp"
#include "config/config_error.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::catalog {
namespace {

using testing::catalog_document;
using testing::TempDir;
using testing::write_catalog_document;

const std::filesystem::path kShipped =
    std::filesystem::path(MODELCOMPARE_SOURCE_DIR) / "configs" / "catalog";

TEST(ModelCatalog, BareModelNameIsAnAliasOfItsNewestVersion) {
  TempDir dir("catalog");
  write_catalog_document(dir.path(), catalog_document("m-2024-05-13", "m", "2024-05-13", 5, 15));
  write_catalog_document(dir.path(), catalog_document("m-2024-11-20", "m", "2024-11-20", 2, 10));
  write_catalog_document(dir.path(), catalog_document("m-2024-08-06", "m", "2024-08-06", 2, 10));
  write_catalog_document(dir.path(),
                         catalog_document("m-mini-2024-07-18", "m-mini", "2024-07-18", 1, 2));
  const auto catalog = ModelCatalog::load({dir.path()});
  ASSERT_EQ(catalog.entries().size(), 4u);
  EXPECT_EQ(catalog.entries().front().id, "m-2024-05-13") << "sorted by id";
  EXPECT_EQ(catalog.aliases().at("m"), "m-2024-11-20");
  EXPECT_EQ(catalog.aliases().at("m-mini"), "m-mini-2024-07-18");
  EXPECT_EQ(catalog.find("m").id, "m-2024-11-20");
  EXPECT_EQ(catalog.find("M-MINI").id, "m-mini-2024-07-18") << "ignores case";
  EXPECT_EQ(catalog.find("m-2024-08-06").id, "m-2024-08-06");
  EXPECT_EQ(catalog.folders(), std::vector<std::filesystem::path>{dir.path()});
}

TEST(ModelCatalog, AnIdWinsOverAnAliasOfTheSameName) {
  TempDir dir("catalog");
  write_catalog_document(dir.path(), catalog_document("solo", "solo", "2024-05-21", 1, 2));
  write_catalog_document(dir.path(),
                         catalog_document("solo-2025-01-01", "solo", "2025-01-01", 1, 2));
  const auto catalog = ModelCatalog::load({dir.path()});
  EXPECT_EQ(catalog.find("solo").id, "solo");
  EXPECT_EQ(catalog.aliases().count("solo"), 0u);
}

TEST(ModelCatalog, UnknownModelSaysWhatWasMeant) {
  TempDir dir("catalog");
  write_catalog_document(dir.path(),
                         catalog_document("gpt-4o-2024-08-06", "gpt-4o", "2024-08-06", 2.5, 10));
  const auto catalog = ModelCatalog::load({dir.path()});
  EXPECT_EQ(catalog.try_find("gpt-5"), nullptr);
  try {
    catalog.find("gpt4o");
    FAIL() << "found an unknown model";
  } catch (const UnknownModelError& e) {
    EXPECT_STREQ(e.what(),
                 "unknown model \"gpt4o\" (did you mean \"gpt-4o\"?); the catalog has 1 "
                 "models: see `modelcompare catalog list`");
  }
  try {
    catalog.find("gpt-4o-2024-08-07");
    FAIL() << "found an unknown model";
  } catch (const UnknownModelError& e) {
    EXPECT_NE(std::string(e.what()).find("(did you mean \"gpt-4o-2024-08-06\"?)"),
              std::string::npos)
        << e.what();
  }
  try {
    catalog.find("claude");
    FAIL() << "found an unknown model";
  } catch (const UnknownModelError& e) {
    EXPECT_EQ(std::string(e.what()).find("did you mean"), std::string::npos) << e.what();
  }
}

TEST(ModelCatalog, EarlierFolderHidesTheSameIdInALaterOne) {
  TempDir mine("catalog-mine"), shipped("catalog-shipped");
  write_catalog_document(shipped.path(), catalog_document("m-1", "m", "1", 5, 15));
  write_catalog_document(shipped.path(), catalog_document("n-1", "n", "1", 1, 1));
  write_catalog_document(mine.path(), catalog_document("m-1", "m", "1", 4, 12));
  const auto catalog = ModelCatalog::load({mine.path(), "/nonexistent/skipped", shipped.path()});
  ASSERT_EQ(catalog.entries().size(), 2u);
  EXPECT_EQ(catalog.find("m-1").prices.input_per_1m, 4.0) << "negotiated price wins";
  EXPECT_EQ(catalog.find("m-1").file, mine / "m-1.json");
  EXPECT_EQ(catalog.folders().size(), 2u) << "the missing folder is skipped";
}

TEST(ModelCatalog, IdsDifferingOnlyInCaseInOneFolderAreRefused) {
  TempDir dir("catalog");
  write_catalog_document(dir.path(), catalog_document("Phi-3", "phi-3", "1", 1, 1));
  write_catalog_document(dir.path(), catalog_document("phi-3", "phi-3", "1", 1, 1));
  try {
    ModelCatalog::load({dir.path()});
    FAIL() << "loaded two ids that differ only in case";
  } catch (const config::ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "phi-3.json").string() +
                                         ": /id: \"phi-3\" is also the id of " +
                                         (dir / "Phi-3.json").string() + " (ids ignore case)");
  }
}

TEST(ModelCatalog, ABadFileStopsTheLoadNamingIt) {
  TempDir dir("catalog");
  auto document = catalog_document("m-1", "m", "1", 1, 1);
  document["prices"]["input_per_1m"] = true;
  write_catalog_document(dir.path(), document);
  try {
    ModelCatalog::load({dir.path()});
    FAIL() << "loaded a bad file";
  } catch (const config::ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "m-1.json").string() +
                                         ": /prices/input_per_1m: expected a number, found a "
                                         "boolean true");
  }
}

TEST(ModelCatalog, NoFolderAtAllIsAnError) {
  try {
    ModelCatalog::load({"/nonexistent/a", "/nonexistent/b"});
    FAIL() << "loaded nothing";
  } catch (const config::ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "no model catalog found (looked in: /nonexistent/a, /nonexistent/b); "
                 "pass --catalog-dir DIR or set MODELCOMPARE_CATALOG_PATH");
  }
}

TEST(ModelCatalog, FilesOtherThanJsonAreIgnored) {
  TempDir dir("catalog");
  write_catalog_document(dir.path(), catalog_document("m-1", "m", "1", 1, 1));
  testing::write_file(dir / "README.md", "# not a model");
  EXPECT_EQ(ModelCatalog::load({dir.path()}).entries().size(), 1u);
}

TEST(CatalogSearchPath, ExplicitFoldersThenEnvironmentThenBundled) {
  ::setenv("MODELCOMPARE_CATALOG_PATH", "/env/a::/env/b", 1);
  const auto dirs = catalog_search_path({"/cli"});
  ::unsetenv("MODELCOMPARE_CATALOG_PATH");
  ASSERT_EQ(dirs.size(), 4u);
  EXPECT_EQ(dirs[0], "/cli");
  EXPECT_EQ(dirs[1], "/env/a");
  EXPECT_EQ(dirs[2], "/env/b");
  EXPECT_EQ(dirs[3], bundled_catalog_dir());
  EXPECT_EQ(bundled_catalog_dir().filename(), "catalog");
  EXPECT_EQ(bundled_catalog_dir().parent_path().filename(), "modelcompare");
  EXPECT_EQ(default_catalog_dirs(), std::vector<std::filesystem::path>{bundled_catalog_dir()});
}

// The shipped catalog: every file reads, and the figures the issue gives come out.
TEST(ShippedCatalog, ReadsAndDerivesTheIssuesFigures) {
  const auto catalog = ModelCatalog::load({kShipped});
  for (const char* id :
       {"gpt-4-turbo-2024-04-09", "gpt-4o-2024-05-13", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20",
        "gpt-4o-mini-2024-07-18", "phi-3-vision-128k-instruct"})
    EXPECT_NE(catalog.try_find(id), nullptr) << id;
  EXPECT_EQ(catalog.find("gpt-4o").id, "gpt-4o-2024-11-20");
  EXPECT_EQ(catalog.find("gpt-4o-mini").id, "gpt-4o-mini-2024-07-18");
  EXPECT_EQ(catalog.find("gpt-4-turbo").id, "gpt-4-turbo-2024-04-09");

  const auto& turbo = catalog.find("gpt-4-turbo-2024-04-09");
  EXPECT_DOUBLE_EQ(*turbo.accuracy(), (86.7 + 49.3 + 73.4 + 88.2) / 4);
  EXPECT_DOUBLE_EQ(*turbo.portal_cost(), 15.0);
  EXPECT_FALSE(turbo.prices.cached_input_per_1m);
  const auto& gpt4o = catalog.find("gpt-4o-2024-08-06");
  EXPECT_DOUBLE_EQ(*gpt4o.accuracy(), (88.7 + 53.1 + 75.9 + 90.2) / 4);
  EXPECT_DOUBLE_EQ(*gpt4o.portal_cost(), 4.375);
  EXPECT_EQ(gpt4o.prices.cached_input_per_1m, 1.25);
  const auto& mini = catalog.find("gpt-4o-mini");
  EXPECT_DOUBLE_EQ(*mini.accuracy(), (82.0 + 40.2 + 70.2 + 87.2) / 4);
  EXPECT_DOUBLE_EQ(*mini.portal_cost(), 0.2625);
  EXPECT_DOUBLE_EQ(*catalog.find("gpt-4o-2024-05-13").portal_cost(), 7.5);
  const auto& phi = catalog.find("phi-3-vision-128k-instruct");
  EXPECT_EQ(phi.publisher, "Microsoft");
  EXPECT_FALSE(phi.accuracy());
  EXPECT_FALSE(phi.token_prices());
  EXPECT_FALSE(phi.prices.notes.empty());
  EXPECT_FALSE(phi.benchmarks.notes.empty());
}

}  // namespace
}  // namespace modelcompare::catalog
