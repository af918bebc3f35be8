#include "text_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <opencv2/imgproc.hpp>

#include "text_layer.hpp"
#include "text_lines.hpp"

#ifdef MODELCOMPARE_HAVE_TESSERACT
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#endif
#ifdef MODELCOMPARE_HAVE_OPENMP
#include <omp.h>
#endif

namespace modelcompare::chart_image_diff {
namespace {

#ifdef MODELCOMPARE_HAVE_TESSERACT
constexpr float kMinConfidence = 50;
// Each line is scaled so its ink box is kInkHeight px tall and centred in a strip of the height
// Tesseract's LSTM model reads (36 px), which it then reads unscaled. Its cost grows with the
// strip's width, so with the text's size. 12 px reads every word the former 2× page read on the
// lab pictures and fixtures (10 px lost a tick label, 14 px read no more and costs 8 % more).
constexpr int kInkHeight = 12;
constexpr int kModelHeight = 36;
constexpr double kMargin = 0.35;  // × ink height of the picture around the ink (dots, accents)
constexpr int kSideBorder = 8;    // px of white left and right: Tesseract misreads at the edge

// The line as Tesseract reads it: grey text on white, kModelHeight px tall.
cv::Mat line_strip(const cv::Mat& layer, const cv::Rect& ink) {
  // The margin is white where it falls outside the picture, so a line reads the same, and gives
  // the same strip, wherever it is drawn.
  const int margin = static_cast<int>(kMargin * ink.height);
  const cv::Rect wanted(ink.x - margin, ink.y - margin, ink.width + 2 * margin,
                        ink.height + 2 * margin);
  const cv::Rect present = wanted & cv::Rect(0, 0, layer.cols, layer.rows);
  cv::Mat around(wanted.size(), CV_8U, cv::Scalar(255));
  layer(present).copyTo(around(present - wanted.tl()));
  const double scale = static_cast<double>(kInkHeight) / ink.height;
  cv::Mat strip;
  cv::resize(around, strip, cv::Size(), scale, scale, scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
  const int pad = std::max(0, kModelHeight - strip.rows);
  cv::copyMakeBorder(strip, strip, pad / 2, pad - pad / 2, kSideBorder, kSideBorder,
                     cv::BORDER_CONSTANT, cv::Scalar(255));
  return strip;
}

const LineReading* same_strip(const std::vector<LineReading>& lines, const cv::Mat& strip) {
  for (const LineReading& line : lines) {
    if (line.strip.size() == strip.size() &&
        std::equal(strip.datastart, strip.dataend, line.strip.datastart)) {
      return &line;
    }
  }
  return nullptr;
}
#endif

}  // namespace

#ifdef MODELCOMPARE_HAVE_TESSERACT
struct TextReader::Engine {
  tesseract::TessBaseAPI api;
};
#else
struct TextReader::Engine {};
#endif

TextReader::TextReader() = default;
TextReader::~TextReader() {
#ifdef MODELCOMPARE_HAVE_TESSERACT
  if (engine_) engine_->api.End();
#endif
}

TextReading TextReader::read(const ChartImage& image, const TextReading* known) {
  TextReading reading;
#ifdef MODELCOMPARE_HAVE_TESSERACT
  std::lock_guard lock(mutex_);
  if (!started_) {
    started_ = true;
    auto engine = std::make_unique<Engine>();
    if (engine->api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) != 0) {
      unavailable_reason_ = "Tesseract found no English language data (tesseract-ocr-eng)";
    } else {
      // Each strip is one line found beforehand: no page layout analysis.
      engine->api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
      engine->api.SetVariable("user_defined_dpi", "200");
      engine_ = std::move(engine);
    }
  }
  if (!engine_) {
    reading.unavailable_reason = unavailable_reason_;
    return reading;
  }
#ifdef MODELCOMPARE_HAVE_OPENMP
  // No OpenMP pool beside the host's workers. Tesseract asks for teams with num_threads(), which
  // omp_set_num_threads cannot cap; with no active levels allowed every region runs on the
  // calling thread (process-wide, the same as OMP_THREAD_LIMIT=1; measured faster here too).
  omp_set_max_active_levels(0);
#endif
  auto& api = engine_->api;
  const cv::Mat layer = text_layer(image);
  for (const cv::Rect& box : find_text_lines(layer)) {
    LineReading line{line_strip(layer, box), {}};
    // Drawn before: in the reference, or earlier in this picture ("25.0%" four times).
    const LineReading* seen = known ? same_strip(known->lines, line.strip) : nullptr;
    if (!seen) seen = same_strip(reading.lines, line.strip);
    if (seen) {
      line.words = seen->words;
      ++reading.lines_reused;
    } else {
      api.SetImage(line.strip.data, line.strip.cols, line.strip.rows, 1,
                   static_cast<int>(line.strip.step));
      if (api.Recognize(nullptr) != 0) {
        reading.unavailable_reason = "Tesseract could not recognise the picture";
        api.Clear();
        return reading;
      }
      std::unique_ptr<tesseract::ResultIterator> words(api.GetIterator());
      if (words) {
        do {
          std::unique_ptr<char[]> text(words->GetUTF8Text(tesseract::RIL_WORD));
          if (!text || words->Confidence(tesseract::RIL_WORD) < kMinConfidence) continue;
          const std::string word = normalise_word(text.get());
          if (!word.empty()) line.words.push_back(word);
        } while (words->Next(tesseract::RIL_WORD));
      }
    }
    reading.words.insert(reading.words.end(), line.words.begin(), line.words.end());
    reading.lines.push_back(std::move(line));
  }
  api.Clear();
  reading.available = true;
#else
  (void)image;
  (void)known;
  (void)started_;
  reading.unavailable_reason = "this build has no Tesseract (libtesseract-dev was not found)";
#endif
  return reading;
}

std::string normalise_word(const std::string& token) {
  auto keep = [](unsigned char c) { return std::isalnum(c) || c == '%' || c == '.'; };
  std::size_t begin = 0, end = token.size();
  while (begin < end && !keep(static_cast<unsigned char>(token[begin]))) ++begin;
  while (end > begin && !keep(static_cast<unsigned char>(token[end - 1]))) --end;
  std::string word;
  for (std::size_t i = begin; i < end; ++i) {
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(token[i])));
  }
  while (!word.empty() && word.back() == '.') word.pop_back();
  const bool has_alnum =
      std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isalnum(c); });
  return has_alnum ? word : std::string();
}

double word_f1(const std::vector<std::string>& reference,
               const std::vector<std::string>& candidate) {
  if (reference.empty() && candidate.empty()) return 1.0;
  if (reference.empty() || candidate.empty()) return 0.0;
  std::map<std::string, int> counts;
  for (const auto& w : reference) ++counts[w];
  int matched = 0;
  for (const auto& w : candidate) {
    auto found = counts.find(w);
    if (found != counts.end() && found->second > 0) {
      --found->second;
      ++matched;
    }
  }
  return 2.0 * matched / static_cast<double>(reference.size() + candidate.size());
}

}  // namespace modelcompare::chart_image_diff
