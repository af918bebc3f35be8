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
