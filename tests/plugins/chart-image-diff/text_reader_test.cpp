#include "text_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "chart_image.hpp"
#include "image_file.hpp"
#include "synthetic_chart.hpp"

namespace modelcompare::chart_image_diff {
namespace {

[[maybe_unused]] bool contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

TEST(TextReader, ReadsTitleLabelsAndPercentages) {
  const ChartImage image =
      decode_chart_image(read_image_file(testing::fixture("pie_reference.png")));
  TextReader reader;
  const TextReading reading = reader.read(image);
#ifdef MODELCOMPARE_HAVE_TESSERACT
  ASSERT_TRUE(reading.available) << reading.unavailable_reason;
  for (const char* word : {"marks", "obtained", "exam", "maths", "physics", "chemistry", "english",
                           "34.9%", "15.9%"}) {
    EXPECT_TRUE(contains(reading.words, word))
        << word << " not in: " << nlohmann::json(reading.words).dump();
  }
#else
  EXPECT_FALSE(reading.available);
  EXPECT_EQ(reading.unavailable_reason,
            "this build has no Tesseract (libtesseract-dev was not found)");
  EXPECT_TRUE(reading.words.empty());
#endif
}

#ifdef MODELCOMPARE_HAVE_TESSERACT
// A candidate's line drawn pixel for pixel as one of the reference's takes its words; a line that
// differs is read.
TEST(TextReader, TakesTheWordsOfLinesDrawnAsInTheKnownReading) {
  TextReader reader;
  const TextReading reference =
      reader.read(decode_chart_image(read_image_file(testing::fixture("pie_reference.png"))));
  ASSERT_TRUE(reference.available) << reference.unavailable_reason;
  ASSERT_EQ(reference.lines.size(), 9u);  // title, 4 labels, 4 percentages
  EXPECT_EQ(reference.lines_reused, 0);

  const TextReading same = reader.read(
      decode_chart_image(read_image_file(testing::fixture("pie_reference.png"))), &reference);
  EXPECT_EQ(same.lines_reused, 9);
  EXPECT_EQ(same.words, reference.words);

  // The same title in the same font, other percentages: these are read, not copied.
  const TextReading other = reader.read(
      decode_chart_image(read_image_file(testing::fixture("pie_wrong_numbers.png"))), &reference);
  const TextReading other_alone =
      reader.read(decode_chart_image(read_image_file(testing::fixture("pie_wrong_numbers.png"))));
  // The title and the four labels (two of them touch the picture's edge in one chart and not in
  // the other: the margin outside the picture is white, so the strips are the same); the
  // percentages differ.
  EXPECT_EQ(other.lines_reused, 5);
  EXPECT_EQ(other.words, other_alone.words);
  EXPECT_TRUE(contains(other.words, "25.0%")) << nlohmann::json(other.words).dump();
  EXPECT_FALSE(contains(other.words, "34.9%")) << nlohmann::json(other.words).dump();
}

// Tick labels drawn twice in one picture (4, 5, 6 on both axes) are read once.
TEST(TextReader, ReadsALineDrawnTwiceInOnePictureOnce) {
  TextReader reader;
  const TextReading reading =
      reader.read(decode_chart_image(read_image_file(testing::fixture("line_chart.png"))));
  ASSERT_TRUE(reading.available) << reading.unavailable_reason;
  EXPECT_GT(reading.lines_reused, 0);
  EXPECT_EQ(std::count(reading.words.begin(), reading.words.end(), "4"), 2)
      << nlohmann::json(reading.words).dump();
}
#endif

TEST(TextReader, NormalisesTokens) {
  EXPECT_EQ(normalise_word("Maths,"), "maths");
  EXPECT_EQ(normalise_word("(34.9%)"), "34.9%");
  EXPECT_EQ(normalise_word("exam."), "exam");
  EXPECT_EQ(normalise_word("—"), "");
}

TEST(TextReader, WordF1CountsMultisets) {
  EXPECT_DOUBLE_EQ(word_f1({"a", "b", "c", "d"}, {"d", "c", "b", "a"}), 1.0);
  EXPECT_DOUBLE_EQ(word_f1({"a", "b", "c", "d"}, {"a", "b"}), 2.0 * 2 / 6);
  EXPECT_DOUBLE_EQ(word_f1({"a", "a"}, {"a"}), 2.0 / 3);
  EXPECT_DOUBLE_EQ(word_f1({"a"}, {}), 0.0);
}

}  // namespace
}  // namespace modelcompare::chart_image_diff
