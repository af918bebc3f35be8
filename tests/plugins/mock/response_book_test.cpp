#include "mock/response_book.hpp"

#include <gtest/gtest.h>

#include "modelcompare/sdk/plugin.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::mock {
namespace {

using testing::TempDir;
using testing::write_file;

std::string load_error(const TempDir& dir, const std::string& content) {
  write_file(dir / "responses.json", content);
  try {
    ResponseBook::load(dir / "responses.json");
  } catch (const sdk::PluginError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(ResponseBook, MostSpecificEntryWinsAndFirstWinsATie) {
  TempDir dir;
  write_file(dir / "answers/a-turn1.md", "file answer for {{provider}}");
  write_file(dir / "responses.json", R"({
    "fallback": "nothing for {{provider}}",
    "responses": [
      {"provider": "a", "text": "a any turn"},
      {"provider": "a", "turn": 1, "file": "answers/a-turn1.md"},
      {"provider": "a", "turn": 1, "text": "a turn 1, second entry"},
      {"scenario": "s", "turn": 2, "text": "anyone, s turn 2"},
      {"provider": "a", "scenario": "s", "turn": 2, "repeat": 3, "text": "a s 2 r3"}
    ]})");
  const auto book = ResponseBook::load(dir / "responses.json");
  EXPECT_EQ(book.size(), 5u);

  const auto* turn1 = book.find("a", "s", 1, 1);
  ASSERT_NE(turn1, nullptr);
  EXPECT_EQ(turn1->text, "file answer for {{provider}}");
  EXPECT_NE(turn1->origin.find("responses[1] (answers/a-turn1.md)"), std::string::npos)
      << turn1->origin;

  EXPECT_EQ(book.find("a", "s", 2, 1)->text, "anyone, s turn 2");
  EXPECT_EQ(book.find("a", "s", 2, 3)->text, "a s 2 r3");
  EXPECT_EQ(book.find("a", "other", 2, 1)->text, "a any turn");
  EXPECT_EQ(book.find("b", "s", 2, 1)->text, "anyone, s turn 2");
  EXPECT_EQ(book.find("b", "s", 1, 1), nullptr);
  EXPECT_EQ(*book.fallback(), "nothing for {{provider}}");
}

TEST(ResponseBook, MissingFileIsNamed) {
  try {
    ResponseBook::load("/nonexistent/responses.json");
    FAIL() << "no error";
  } catch (const sdk::PluginError& error) {
    EXPECT_EQ(std::string(error.what()),
              "responses file: cannot read /nonexistent/responses.json: No such file or directory");
  }
}

TEST(ResponseBook, InvalidJsonGivesLineAndColumn) {
  TempDir dir;
  const auto message = load_error(dir, "{\n  \"responses\": [\n    {\"text\": }\n  ]\n}");
  EXPECT_NE(
      message.find("responses file " + (dir / "responses.json").string() + ": not valid JSON"),
      std::string::npos)
      << message;
  EXPECT_NE(message.find("line 3, column 14"), std::string::npos) << message;
}

TEST(ResponseBook, BadEntriesAreNamedByIndex) {
  TempDir dir;
  const std::string file = (dir / "responses.json").string();
  EXPECT_EQ(load_error(dir, R"({"responses": [{"text": "x"}, {"provider": "a"}]})"),
            file + ": responses[1]: give exactly one of 'text' or 'file'");
  EXPECT_EQ(load_error(dir, R"({"responses": [{"text": "x", "file": "y"}]})"),
            file + ": responses[0]: give exactly one of 'text' or 'file'");
  EXPECT_EQ(load_error(dir, R"({"responses": [{"turn": 0, "text": "x"}]})"),
            file + ": responses[0]: 'turn' must be an integer counted from 1, got 0");
  EXPECT_EQ(load_error(dir, R"({"responses": [{"provider": 5, "text": "x"}]})"),
            file + ": responses[0]: 'provider' must be a string, got 5");
  EXPECT_EQ(load_error(dir, R"({"responses": [{"tun": 1, "text": "x"}]})"),
            file +
                ": responses[0]: unknown key 'tun' (known: provider, scenario, turn, repeat, "
                "text, file)");
  EXPECT_EQ(load_error(dir, R"({"responses": ["x"]})"),
            file + ": responses[0]: must be an object, got \"x\"");
}

TEST(ResponseBook, BadDocumentsAreRefused) {
  TempDir dir;
  const std::string file = (dir / "responses.json").string();
  EXPECT_EQ(load_error(dir, R"([])"),
            "responses file " + file + ": must be a JSON object with 'responses'");
  EXPECT_EQ(load_error(dir, R"({"fallback": "x"})"),
            "responses file " + file + ": 'responses' must be an array of entries");
  EXPECT_EQ(load_error(dir, R"({"responses": [], "fallbak": "x"})"),
            "responses file " + file +
                ": unknown key 'fallbak' (known: description, fallback, "
                "responses)");
  EXPECT_EQ(load_error(dir, R"({"responses": [], "fallback": 1})"),
            "responses file " + file + ": 'fallback' must be a string, got 1");
}

TEST(ResponseBook, MissingAnswerFileIsNamedWithItsEntry) {
  TempDir dir;
  const auto message = load_error(dir, R"({"responses": [{"file": "gone.md"}]})");
  EXPECT_EQ(message, (dir / "responses.json").string() + ": responses[0].file: cannot read " +
                         (dir / "gone.md").string() + ": No such file or directory");
}

}  // namespace
}  // namespace modelcompare::mock
