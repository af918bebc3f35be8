// The words a chart shows (title, labels, percentages), read with Tesseract. Builds without
// Tesseract too: then every reading says it is unavailable and nothing is guessed.
#pragma once

#include <memory>
#include <mutex>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chart_image.hpp"

namespace modelcompare::chart_image_diff {

// One text line as read: the strip Tesseract was given and the words it read there.
struct LineReading {
  cv::Mat strip;  // CV_8U, continuous
  std::vector<std::string> words;
};

struct TextReading {
  bool available = false;
  std::string unavailable_reason;  // when not available
  std::vector<std::string> words;  // lower-case, punctuation trimmed, "34.9%" kept whole
  std::vector<LineReading> lines;  // in reading order; `words` is their concatenation
  int lines_reused = 0;            // lines drawn as an earlier one, whose words they took
};

// One OCR engine, loaded on the first read and reused (loading the model costs more than reading
// a chart), used by one caller at a time (Tesseract's API object is not thread-safe). A read finds
// the picture's text lines (text_lines.hpp) and has Tesseract read each strip as a single line.
class TextReader {
 public:
  TextReader();
  ~TextReader();
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;

  // `known`: an earlier reading (the reference's). A line whose strip is pixel for pixel one of
  // its strips, or one read earlier in this picture, takes that line's words without OCR — the
  // same words Tesseract would read, since it reads each strip on its own. Charts drawn by the
  // same library with the same fonts share their title and labels this way.
  TextReading read(const ChartImage& image, const TextReading* known = nullptr);

 private:
  struct Engine;
  std::mutex mutex_;
  std::unique_ptr<Engine> engine_;
  std::string unavailable_reason_;
  bool started_ = false;
};

// Normalises one OCR token as TextReading::words holds them; empty when nothing is left.
std::string normalise_word(const std::string& token);

// F1 of the two word multisets (1 when both say the same words, in any order).
double word_f1(const std::vector<std::string>& reference,
               const std::vector<std::string>& candidate);

}  // namespace modelcompare::chart_image_diff
