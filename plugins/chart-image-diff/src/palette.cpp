#include "palette.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <opencv2/imgproc.hpp>

#include "best_assignment.hpp"

namespace modelcompare::chart_image_diff {
namespace {

constexpr double kBackgroundDeltaE = 12;  // closer than this to the background is background
constexpr double kMergeDeltaE = 14;       // histogram peaks closer than this are one colour
constexpr double kAssignDeltaE = 22;      // a pixel further from every colour stays unassigned
constexpr double kMinShare = 0.002;
constexpr int kMaxColours = 16;
constexpr int kBin = 8;  // histogram bin width in L, a and b

struct Sums {
  double count = 0, l = 0, a = 0, b = 0, blue = 0, green = 0, red = 0;
  void add(const Sums& o) {
    count += o.count, l += o.l, a += o.a, b += o.b, blue += o.blue, green += o.green, red += o.red;
  }
  LabColour lab() const { return {l / count, a / count, b / count}; }
  cv::Vec3b bgr() const {
    return {cv::saturate_cast<uchar>(blue / count), cv::saturate_cast<uchar>(green / count),
            cv::saturate_cast<uchar>(red / count)};
  }
};

// ΔE² without the square root: comparisons only, on every pixel.
double squared_distance(const LabColour& x, const LabColour& y) {
  const double dl = x.l - y.l, da = x.a - y.a, db = x.b - y.b;
  return dl * dl + da * da + db * db;
}

LabColour lab_of(const cv::Vec3b& lab8) {
  return {lab8[0] * 100.0 / 255.0, lab8[1] - 128.0, lab8[2] - 128.0};
}

}  // namespace

Palette extract_palette(const ChartImage& image) {
  Palette palette;
  cv::Mat lab8;
  cv::cvtColor(image.bgr, lab8, cv::COLOR_BGR2Lab);
  const LabColour background = to_lab(image.background);
  palette.labels.create(image.bgr.size(), CV_8S);

  constexpr int bins_l = 100 / kBin + 1, bins_ab = 256 / kBin;
  std::vector<Sums> histogram(bins_l * bins_ab * bins_ab);
  for (int y = 0; y < image.bgr.rows; ++y) {
    const auto* lab_row = lab8.ptr<cv::Vec3b>(y);
    const auto* bgr_row = image.bgr.ptr<cv::Vec3b>(y);
    auto* label_row = palette.labels.ptr<signed char>(y);
    for (int x = 0; x < image.bgr.cols; ++x) {
      const LabColour lab = lab_of(lab_row[x]);
      if (squared_distance(lab, background) < kBackgroundDeltaE * kBackgroundDeltaE) {
        label_row[x] = static_cast<signed char>(Palette::kBackground);
        continue;
      }
      label_row[x] = static_cast<signed char>(Palette::kUnassigned);
      ++palette.content_pixels;
      const int index =
          (static_cast<int>(lab.l) / kBin * bins_ab + static_cast<int>(lab.a + 128) / kBin) *
              bins_ab +
          static_cast<int>(lab.b + 128) / kBin;
      auto& bin = histogram[index];
      bin.count += 1, bin.l += lab.l, bin.a += lab.a, bin.b += lab.b;
      bin.blue += bgr_row[x][0], bin.green += bgr_row[x][1], bin.red += bgr_row[x][2];
    }
  }
  if (palette.content_pixels == 0) return palette;

  // Peaks first: the fullest bins seed colours, lesser bins nearby join them.
  const double min_count = std::max(20.0, kMinShare * palette.content_pixels);
  std::vector<int> order;
  for (int index = 0; index < static_cast<int>(histogram.size()); ++index) {
    if (histogram[index].count >= min_count / 4) order.push_back(index);
  }
  std::sort(order.begin(), order.end(),
            [&](int x, int y) { return histogram[x].count > histogram[y].count; });
  std::vector<Sums> seeds;
  for (int index : order) {
    const Sums& bin = histogram[index];
    const LabColour lab = bin.lab();
    auto near = std::find_if(seeds.begin(), seeds.end(),
                             [&](const Sums& s) { return delta_e(s.lab(), lab) < kMergeDeltaE; });
    if (near != seeds.end()) {
      near->add(bin);
    } else if (bin.count >= min_count && static_cast<int>(seeds.size()) < kMaxColours) {
      seeds.push_back(bin);
    }
  }

  // One assignment pass: every content pixel to its nearest colour, then the means again.
  std::vector<LabColour> centres;
  for (const auto& s : seeds) centres.push_back(s.lab());
  std::vector<Sums> members(centres.size());
  // Nearest colour per quantised Lab value (6 bits a channel), computed when first met: charts
  // hold few distinct colours, so this replaces most per-pixel searches.
  constexpr int kUnknown = -3;
  std::vector<signed char> nearest(1 << 18, kUnknown);
  auto nearest_to = [&](const LabColour& lab) {
    int best = Palette::kUnassigned;
    double best_distance = kAssignDeltaE * kAssignDeltaE;
    for (std::size_t c = 0; c < centres.size(); ++c) {
      const double d = squared_distance(lab, centres[c]);
      if (d < best_distance) best_distance = d, best = static_cast<int>(c);
    }
    return best;
  };
  for (int y = 0; y < image.bgr.rows; ++y) {
    const auto* lab_row = lab8.ptr<cv::Vec3b>(y);
    const auto* bgr_row = image.bgr.ptr<cv::Vec3b>(y);
    auto* label_row = palette.labels.ptr<signed char>(y);
    for (int x = 0; x < image.bgr.cols; ++x) {
      if (label_row[x] == Palette::kBackground) continue;
      const cv::Vec3b& value = lab_row[x];
      const LabColour lab = lab_of(value);
      const int key = (value[0] >> 2) << 12 | (value[1] >> 2) << 6 | (value[2] >> 2);
      if (nearest[key] == kUnknown) {
        // The bucket's centre stands for all its values (at most ~3 ΔE away).
        const cv::Vec3b centre((value[0] & ~3) | 2, (value[1] & ~3) | 2, (value[2] & ~3) | 2);
        nearest[key] = static_cast<signed char>(nearest_to(lab_of(centre)));
      }
      const int best = nearest[key];
      label_row[x] = static_cast<signed char>(best);
      if (best >= 0) {
        auto& m = members[best];
        m.count += 1, m.l += lab.l, m.a += lab.a, m.b += lab.b;
        m.blue += bgr_row[x][0], m.green += bgr_row[x][1], m.red += bgr_row[x][2];
      }
    }
  }

  // Most frequent first; relabel pixels to match.
  std::vector<int> by_size(members.size());
  std::iota(by_size.begin(), by_size.end(), 0);
  std::sort(by_size.begin(), by_size.end(),
            [&](int x, int y) { return members[x].count > members[y].count; });
  std::vector<int> new_index(members.size(), Palette::kUnassigned);
  for (int rank = 0; rank < static_cast<int>(by_size.size()); ++rank) {
    const Sums& m = members[by_size[rank]];
    if (m.count == 0) continue;
    new_index[by_size[rank]] = static_cast<int>(palette.colours.size());
    palette.colours.push_back(
        {m.lab(), m.bgr(), static_cast<int>(m.count), m.count / palette.content_pixels});
  }
  for (int y = 0; y < palette.labels.rows; ++y) {
    auto* label_row = palette.labels.ptr<signed char>(y);
    for (int x = 0; x < palette.labels.cols; ++x) {
      if (label_row[x] >= 0) label_row[x] = static_cast<signed char>(new_index[label_row[x]]);
    }
  }
  return palette;
}

double palette_similarity(const Palette& x, const Palette& y, double min_share) {
  auto dominant = [&](const Palette& p) {
    std::vector<const PaletteColour*> kept;
    for (const auto& c : p.colours) {
      if (c.share >= min_share) kept.push_back(&c);
    }
    return kept;
  };
  const auto xs = dominant(x), ys = dominant(y);
  if (xs.empty() && ys.empty()) return 1.0;
  if (xs.empty() || ys.empty()) return 0.0;
  std::vector<std::vector<double>> cost(xs.size(), std::vector<double>(ys.size()));
  for (std::size_t i = 0; i < xs.size(); ++i) {
    for (std::size_t j = 0; j < ys.size(); ++j) {
      cost[i][j] = -colour_similarity(xs[i]->lab, ys[j]->lab);
    }
  }
  const auto assignment = best_assignment(cost);
  double total = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (assignment[i] >= 0) total -= cost[i][assignment[i]];
  }
  return total / static_cast<double>(std::max(xs.size(), ys.size()));
}

}  // namespace modelcompare::chart_image_diff
