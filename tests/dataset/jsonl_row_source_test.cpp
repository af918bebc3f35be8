#include "dataset/jsonl_row_source.hpp"

#include <gtest/gtest.h>

#include "dataset/dataset_error.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::dataset {
namespace {

using testing::TempDir;
using testing::write_file;

std::string jsonl_error_of(const std::filesystem::path& file) {
  try {
    JsonlRowSource source(file);
    while (source.next()) {
    }
  } catch (const DatasetError& e) {
    return e.what();
  }
  return "no error";
}

TEST(JsonlRowSource, OneObjectPerLineBlankLinesSkipped) {
  TempDir dir;
  write_file(dir / "d.jsonl",
             "{\"id\": \"a\", \"n\": 1, \"tags\": [\"x\"]}\n\n{\"question\": \"no id\"}\n");
  JsonlRowSource source(dir / "d.jsonl");
  auto first = source.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->key, "a");
  EXPECT_EQ(first->values["n"], 1);
  auto second = source.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->origin, (dir / "d.jsonl").string() + ":3");
  EXPECT_EQ(second->key.rfind("row-", 0), 0u);
  EXPECT_FALSE(source.next());
}

TEST(JsonlRowSource, ANumericIdIsTheKey) {
  TempDir dir;
  write_file(dir / "d.jsonl", "{\"id\": 42}\n");
  JsonlRowSource source(dir / "d.jsonl");
  EXPECT_EQ(source.next()->key, "42");
}

TEST(JsonlRowSource, ALineThatIsNotJsonNamesItsLine) {
  TempDir dir;
  write_file(dir / "d.jsonl", "{\"id\": 1}\n{\"id\": 2,}\n");
  const auto message = jsonl_error_of(dir / "d.jsonl");
  EXPECT_EQ(message.rfind((dir / "d.jsonl").string() + ":2: not valid JSON (column 10): ", 0), 0u)
      << message;
}

TEST(JsonlRowSource, ALineThatIsNotAnObjectIsNamed) {
  TempDir dir;
  write_file(dir / "d.jsonl", "[1, 2]\n");
  EXPECT_EQ(jsonl_error_of(dir / "d.jsonl"),
            (dir / "d.jsonl").string() + ":1: expected a JSON object (one row), found an array");
}

}  // namespace
}  // namespace modelcompare::dataset
