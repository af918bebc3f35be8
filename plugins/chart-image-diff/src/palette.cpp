#include "palette.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
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

// Sums of the 8-bit values (OpenCV's Lab: L·255/100, a+128, b+128; and BGR) in integers: exact,
// and cheaper per pixel than accumulating converted doubles.
struct Sums {
  std::int64_t count = 0, l = 0, a = 0, b = 0, blue = 0, green = 0, red = 0;
  void add(const Sums& o) {
    count += o.count, l += o.l, a += o.a, b += o.b, blue += o.blue, green += o.green, red += o.red;
  }
  void add(const cv::Vec3b& lab8, const cv::Vec3b& bgr, std::int64_t n) {
    count += n, l += n * lab8[0], a += n * lab8[1], b += n * lab8[2];
    blue += n * bgr[0], green += n * bgr[1], red += n * bgr[2];
  }
  LabColour lab() const {
    const double n = static_cast<double>(count);
    return {static_cast<double>(l) * 100.0 / 255.0 / n, static_cast<double>(a) / n - 128.0,
            static_cast<double>(b) / n - 128.0};
  }
  cv::Vec3b bgr() const {
    const double n = static_cast<double>(count);
    return {cv::saturate_cast<uchar>(static_cast<double>(blue) / n),
            cv::saturate_cast<uchar>(static_cast<double>(green) / n),
            cv::saturate_cast<uchar>(static_cast<double>(red) / n)};
  }
};

// ΔE² without the square root: comparisons only.
double squared_distance(const LabColour& x, const LabColour& y) {
  const double dl = x.l - y.l, da = x.a - y.a, db = x.b - y.b;
  return dl * dl + da * da + db * db;
}

LabColour lab_of(const cv::Vec3b& lab8) {
  return {lab8[0] * 100.0 / 255.0, lab8[1] - 128.0, lab8[2] - 128.0};
}

bool same(const cv::Vec3b& x, const cv::Vec3b& y) {
  return x[0] == y[0] && x[1] == y[1] && x[2] == y[2];
}

// A horizontal run of pixels of one BGR value (hence one Lab value). Charts are mostly flat fills,
// so the palette decides once per run, and converts to Lab only each run's colour.
struct ColourRun {
  int y, start, end;
};

struct ColourRuns {
  std::vector<ColourRun> runs;
  std::vector<cv::Vec3b> bgr;  // per run
  cv::Mat lab8;                // per run: 1 × runs, CV_8UC3, OpenCV's 8-bit Lab
};

ColourRuns colour_runs(const cv::Mat& bgr) {
  ColourRuns result;
  result.runs.reserve(static_cast<std::size_t>(bgr.rows) * 8);
  for (int y = 0; y < bgr.rows; ++y) {
    const auto* row = bgr.ptr<cv::Vec3b>(y);
    int x = 0;
    while (x < bgr.cols) {
      int end = x + 1;
      while (end < bgr.cols && same(row[end], row[x])) ++end;
      result.runs.push_back({y, x, end});
      result.bgr.push_back(row[x]);
      x = end;
    }
  }
  // The same per-pixel conversion as on the whole picture, applied to one pixel per run.
  cv::cvtColor(cv::Mat(1, static_cast<int>(result.bgr.size()), CV_8UC3, result.bgr.data()),
               result.lab8, cv::COLOR_BGR2Lab);
  return result;
}

}  // namespace

Palette extract_palette(const ChartImage& image) {
  Palette palette;
  const ColourRuns colour = colour_runs(image.bgr);
  const auto* run_lab = colour.lab8.ptr<cv::Vec3b>(0);
  const std::size_t run_count = colour.runs.size();
  const LabColour background = to_lab(image.background);
  // Per run: background, unassigned, or (after the assignment) a colour index.
  std::vector<signed char> run_label(run_count, static_cast<signed char>(Palette::kUnassigned));

  constexpr int bins_l = 100 / kBin + 1, bins_ab = 256 / kBin;
  std::vector<Sums> histogram(bins_l * bins_ab * bins_ab);
  for (std::size_t i = 0; i < run_count; ++i) {
    const LabColour lab = lab_of(run_lab[i]);
    if (squared_distance(lab, background) < kBackgroundDeltaE * kBackgroundDeltaE) {
      run_label[i] = static_cast<signed char>(Palette::kBackground);
      continue;
    }
    const int length = colour.runs[i].end - colour.runs[i].start;
    palette.content_pixels += length;
    const int index =
        (static_cast<int>(lab.l) / kBin * bins_ab + static_cast<int>(lab.a + 128) / kBin) *
            bins_ab +
        static_cast<int>(lab.b + 128) / kBin;
    histogram[index].add(run_lab[i], colour.bgr[i], length);
  }
  palette.labels.create(image.bgr.size(), CV_8S);
  if (palette.content_pixels == 0) {
    palette.labels.setTo(Palette::kBackground);
    return palette;
  }

  // Peaks first: the fullest bins seed colours, lesser bins nearby join them.
  const double min_count = std::max(20.0, kMinShare * palette.content_pixels);
  std::vector<int> order;
  for (int index = 0; index < static_cast<int>(histogram.size()); ++index) {
    if (static_cast<double>(histogram[index].count) >= min_count / 4) order.push_back(index);
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
    } else if (static_cast<double>(bin.count) >= min_count &&
               static_cast<int>(seeds.size()) < kMaxColours) {
      seeds.push_back(bin);
    }
  }

  // One assignment pass: every content pixel to its nearest colour, then the means again.
  std::vector<LabColour> centres;
  for (const auto& s : seeds) centres.push_back(s.lab());
  std::vector<Sums> members(centres.size());
  // Nearest colour per quantised Lab value (6 bits a channel), computed when first met: charts
  // hold few distinct colours, so this replaces most searches.
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
  for (std::size_t i = 0; i < run_count; ++i) {
    if (run_label[i] == Palette::kBackground) continue;
    const cv::Vec3b& value = run_lab[i];
    const int key = (value[0] >> 2) << 12 | (value[1] >> 2) << 6 | (value[2] >> 2);
    if (nearest[key] == kUnknown) {
      // The bucket's centre stands for all its values (at most ~3 ΔE away).
      const cv::Vec3b centre((value[0] & ~3) | 2, (value[1] & ~3) | 2, (value[2] & ~3) | 2);
      nearest[key] = static_cast<signed char>(nearest_to(lab_of(centre)));
    }
    run_label[i] = nearest[key];
    if (run_label[i] >= 0) {
      members[run_label[i]].add(value, colour.bgr[i], colour.runs[i].end - colour.runs[i].start);
    }
  }

  // Most frequent first; the label map gets the final indices.
  std::vector<int> by_size(members.size());
  std::iota(by_size.begin(), by_size.end(), 0);
  std::sort(by_size.begin(), by_size.end(),
            [&](int x, int y) { return members[x].count > members[y].count; });
  // Indexed by assigned label + 2, so the background (-2) and unassigned (-1) map to themselves.
  std::array<signed char, kMaxColours + 2> final_label{};
  final_label[0] = static_cast<signed char>(Palette::kBackground);
  final_label[1] = static_cast<signed char>(Palette::kUnassigned);
  for (int rank = 0; rank < static_cast<int>(by_size.size()); ++rank) {
    const Sums& m = members[by_size[rank]];
    final_label[by_size[rank] + 2] = static_cast<signed char>(Palette::kUnassigned);
    if (m.count == 0) continue;
    final_label[by_size[rank] + 2] = static_cast<signed char>(palette.colours.size());
    palette.colours.push_back({m.lab(), m.bgr(), static_cast<int>(m.count),
                               static_cast<double>(m.count) / palette.content_pixels});
  }
  for (std::size_t i = 0; i < run_count; ++i) {
    const ColourRun& run = colour.runs[i];
    auto* label_row = palette.labels.ptr<signed char>(run.y);
    std::fill(label_row + run.start, label_row + run.end, final_label[run_label[i] + 2]);
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
