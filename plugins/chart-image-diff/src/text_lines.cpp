#include "text_lines.hpp"

#include <algorithm>
#include <numeric>
#include <opencv2/imgproc.hpp>

namespace modelcompare::chart_image_diff {
namespace {

constexpr int kInk = 160;            // 8-bit lightness; anti-aliased light fringes are no ink
constexpr int kMinGlyphHeight = 40;  // px; the tallest glyph allowed on small pictures
constexpr double kWordGap = 1.5;     // × glyph height: letters and words of one line join
constexpr double kSameLine = 0.5;    // share of the shorter glyph's height both must span
constexpr int kMinLineHeight = 6;    // px; a lone dot or speck is no text
// A faint line: its darkest pixel is lighter than text's cores (black or dark-grey text reaches
// 8-bit L 40 or less; the blends measured along wedge edges stay above 100) and its ink covers
// little of the box around it (wedge-edge pieces under 10 %, text 10–30 %).
constexpr int kGlyphCore = 100;
constexpr double kFaintFill = 0.1;
constexpr double kFillMargin = 0.35;  // × line height around the ink box when measuring the fill

struct Joiner {
  std::vector<int> parent;
  explicit Joiner(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int root(int i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void join(int a, int b) { parent[root(a)] = root(b); }
};

}  // namespace

std::vector<cv::Rect> find_text_lines(const cv::Mat& layer) {
  cv::Mat ink;
  cv::threshold(layer, ink, kInk - 1, 255, cv::THRESH_BINARY_INV);
  cv::Mat labels, stats, centroids;
  const int count =
      cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S, cv::CCL_BBDT);
  const int max_height = std::max(kMinGlyphHeight, layer.rows / 10);
  std::vector<cv::Rect> glyphs;
  std::vector<int> ink_areas;
  for (int i = 1; i < count; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    // A few letters may touch (JPEG blur); a longer stroke is an axis or a grid line.
    if (box.height <= max_height && box.width <= 4 * std::max(box.height, kMinLineHeight)) {
      glyphs.push_back(box);
      ink_areas.push_back(stats.at<int>(i, cv::CC_STAT_AREA));
    }
  }
  std::vector<std::size_t> by_x(glyphs.size());
  std::iota(by_x.begin(), by_x.end(), 0);
  std::sort(by_x.begin(), by_x.end(),
            [&](std::size_t a, std::size_t b) { return glyphs[a].x < glyphs[b].x; });
  Joiner lines(static_cast<int>(glyphs.size()));
  for (std::size_t i = 0; i < by_x.size(); ++i) {
    const cv::Rect& a = glyphs[by_x[i]];
    for (std::size_t j = i + 1; j < by_x.size(); ++j) {
      const cv::Rect& b = glyphs[by_x[j]];
      const int height = std::max(a.height, b.height);
      if (b.x > a.x + a.width + kWordGap * max_height) break;  // sorted: none further joins a
      const int gap = b.x - (a.x + a.width);
      if (gap > kWordGap * height) continue;
      const int overlap = std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y);
      if (overlap >= kSameLine * std::min(a.height, b.height)) {
        lines.join(static_cast<int>(by_x[i]), static_cast<int>(by_x[j]));
      }
    }
  }
  std::vector<cv::Rect> boxes(glyphs.size());
  std::vector<int> line_ink(glyphs.size(), 0);
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const int line = lines.root(static_cast<int>(i));
    boxes[line] = boxes[line].empty() ? glyphs[i] : (boxes[line] | glyphs[i]);
    line_ink[line] += ink_areas[i];
  }
  std::vector<cv::Rect> result;
  const cv::Rect whole(0, 0, layer.cols, layer.rows);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const cv::Rect& box = boxes[i];
    if (box.height < kMinLineHeight) continue;
    const int margin = static_cast<int>(kFillMargin * box.height);
    const cv::Rect around =
        cv::Rect(box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin) &
        whole;
    double darkest = 0;
    cv::minMaxLoc(layer(box), &darkest);
    if (darkest > kGlyphCore && line_ink[i] < kFaintFill * around.area()) continue;
    result.push_back(box);
  }
  std::sort(result.begin(), result.end(), [](const cv::Rect& a, const cv::Rect& b) {
    return a.y != b.y ? a.y < b.y : a.x < b.x;
  });
  return result;
}

}  // namespace modelcompare::chart_image_diff
