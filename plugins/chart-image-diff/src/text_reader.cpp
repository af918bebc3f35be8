#include "text_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <opencv2/imgproc.hpp>

#ifdef MODELCOMPARE_HAVE_TESSERACT
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#endif
#ifdef MODELCOMPARE_HAVE_OPENMP
#include <omp.h>
#endif

namespace modelcompare::chart_image_diff {
namespace {

constexpr int kOcrScale = 2;        // matplotlib's 10 pt text at 100 dpi is too small for OCR
constexpr double kTextChroma = 25;  // text is black or grey; coloured wedges are not text
constexpr int kTextDarkness = 90;   // 8-bit L (≈ 35 of 100)
constexpr float kMinConfidence = 50;

#ifdef MODELCOMPARE_HAVE_TESSERACT
// Grey text on white: coloured areas (wedges, bars) become white so only the lettering remains.
cv::Mat text_layer(const ChartImage& image) {
  cv::Mat lab;
  cv::cvtColor(image.bgr, lab, cv::COLOR_BGR2Lab);
  cv::Mat layer(image.bgr.size(), CV_8U);
  for (int y = 0; y < lab.rows; ++y) {
    const auto* row = lab.ptr<cv::Vec3b>(y);
    auto* out = layer.ptr<uchar>(y);
    for (int x = 0; x < lab.cols; ++x) {
      const double a = row[x][1] - 128.0, b = row[x][2] - 128.0;
      // Grey, or dark enough to be a glyph's edge blended into a coloured wedge.
      const bool text = a * a + b * b < kTextChroma * kTextChroma || row[x][0] < kTextDarkness;
      out[x] = text ? row[x][0] : 255;
    }
  }
  cv::Mat scaled;
  cv::resize(layer, scaled, cv::Size(), kOcrScale, kOcrScale, cv::INTER_CUBIC);
  return scaled;
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

TextReading TextReader::read(const ChartImage& image) {
  TextReading reading;
#ifdef MODELCOMPARE_HAVE_TESSERACT
  std::lock_guard lock(mutex_);
  if (!started_) {
    started_ = true;
    auto engine = std::make_unique<Engine>();
    if (engine->api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) != 0) {
      unavailable_reason_ = "Tesseract found no English language data (tesseract-ocr-eng)";
    } else {
      engine->api.SetPageSegMode(tesseract::PSM_SPARSE_TEXT);
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
  const cv::Mat layer = text_layer(image);
  auto& api = engine_->api;
  api.SetImage(layer.data, layer.cols, layer.rows, 1, static_cast<int>(layer.step));
  if (api.Recognize(nullptr) != 0) {
    reading.unavailable_reason = "Tesseract could not recognise the picture";
    return reading;
  }
  std::unique_ptr<tesseract::ResultIterator> words(api.GetIterator());
  if (words) {
    do {
      std::unique_ptr<char[]> text(words->GetUTF8Text(tesseract::RIL_WORD));
      if (!text || words->Confidence(tesseract::RIL_WORD) < kMinConfidence) continue;
      const std::string word = normalise_word(text.get());
      if (!word.empty()) reading.words.push_back(word);
    } while (words->Next(tesseract::RIL_WORD));
  }
  api.Clear();
  reading.available = true;
#else
  (void)image;
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
