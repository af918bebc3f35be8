#include "config/dotenv.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::config {
namespace {

TEST(Dotenv, ReadsQuotedExportedAndCommentedValues) {
  testing::TempDir dir;
  testing::write_file(dir / ".env",
                      "A=1\nexport B='two words'\n# note\n\nC=\"x=y\"\nD=plain # trailing\n");
  const auto values = read_dotenv(dir / ".env");
  EXPECT_EQ(values.at("A"), "1");
  EXPECT_EQ(values.at("B"), "two words");
  EXPECT_EQ(values.at("C"), "x=y");
  EXPECT_EQ(values.at("D"), "plain");
}

TEST(Dotenv, MissingFileIsEmptyAndBadLineIsNamed) {
  testing::TempDir dir;
  EXPECT_TRUE(read_dotenv(dir / "none").empty());
  testing::write_file(dir / ".env", "A=1\nnot a pair\n");
  try {
    read_dotenv(dir / ".env");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / ".env").string() + ":2: expected NAME=VALUE");
  }
}

}  // namespace
}  // namespace modelcompare::config
