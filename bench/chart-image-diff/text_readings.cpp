// Prints what the text step reads from each picture: the words, the text sub-score (word F1)
// against the first picture, and the OCR's thread-CPU time (median over rounds), so two builds'
// readings can be compared line by line. With --known, each picture after the first is read as the
// evaluator reads a candidate: lines identical to the first picture's take its words.
//
//   chart_image_diff_text_readings REFERENCE PICTURE... [--rounds N] [--known]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <opencv2/core/utility.hpp>
#include <string>
#include <vector>

#include "chart_image.hpp"
#include "image_file.hpp"
#include "text_reader.hpp"

using namespace modelcompare::chart_image_diff;

namespace {

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  cv::setNumThreads(0);
  int rounds = 5;
  bool use_known = false;
  std::vector<std::filesystem::path> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--known")) {
      use_known = true;
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: %s REFERENCE PICTURE... [--rounds N]\n", argv[0]);
    return 2;
  }
  TextReader reader;
  TextReading reference;
  for (const auto& path : paths) {
    const ChartImage image = decode_chart_image(read_image_file(path));
    const bool first = &path == &paths.front();
    const TextReading* known = use_known && !first ? &reference : nullptr;
    TextReading reading = reader.read(image, known);  // the first call also loads the model
    if (!reading.available) {
      std::printf("%s: text unavailable (%s)\n", path.filename().c_str(),
                  reading.unavailable_reason.c_str());
      return 1;
    }
    std::vector<double> cpu;
    for (int round = 0; round < rounds; ++round) {
      const double start = thread_cpu_ms();
      reading = reader.read(image, known);
      cpu.push_back(thread_cpu_ms() - start);
    }
    std::sort(cpu.begin(), cpu.end());
    if (first) reference = reading;
    std::printf(
        "%-28s text %.4f  ocr cpu median %6.2f ms  lines %2zu (%d reused)  %2zu words: %s\n",
        path.filename().c_str(), word_f1(reference.words, reading.words), cpu[cpu.size() / 2],
        reading.lines.size(), reading.lines_reused, reading.words.size(),
        joined(reading.words).c_str());
  }
  return 0;
}
