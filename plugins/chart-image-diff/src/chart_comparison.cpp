#include "chart_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "best_assignment.hpp"
#include "structural_similarity.hpp"

namespace modelcompare::chart_image_diff {
namespace {

constexpr double kNotableFractionError = 0.02;  // 2 pp: worth a finding
constexpr double kNotableColourSimilarity = 0.8;

std::string percent(double fraction) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f %%", fraction * 100);
  return text;
}

std::string fractions_text(const std::vector<PieSlice>& slices) {
  std::string text;
  for (const auto& s : slices) {
    if (!text.empty()) text += " / ";
    char value[16];
    std::snprintf(value, sizeof value, "%.1f", s.fraction * 100);
    text += value;
  }
  return text + " %";
}

std::string article(ChartType type) {
  return type == ChartType::other ? "an" : "a";
}

struct PieMatch {
  double data = 0;
  double color = 0;
};

PieMatch compare_pies(const PieReading& reference, const PieReading& candidate,
                      const ScoringOptions& options, std::vector<std::string>& findings) {
  const auto& ref = reference.slices;
  const auto& cand = candidate.slices;
  std::vector<std::vector<double>> cost(ref.size(), std::vector<double>(cand.size()));
  for (std::size_t i = 0; i < ref.size(); ++i) {
    for (std::size_t j = 0; j < cand.size(); ++j) {
      // Fractions decide; colour decides between fractions within about a point of each other.
      cost[i][j] = std::abs(ref[i].fraction - cand[j].fraction) +
                   0.01 * (1 - colour_similarity(ref[i].lab, cand[j].lab));
    }
  }
  const auto assignment = best_assignment(cost);
  double error = 0, colour = 0;
  std::vector<bool> candidate_used(cand.size(), false);
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const int j = assignment[i];
    if (j < 0) {
      error += ref[i].fraction;
      findings.push_back("reference slice of " + percent(ref[i].fraction) + " (" +
                         to_hex(ref[i].colour) + ") has no counterpart in the candidate");
      continue;
    }
    candidate_used[j] = true;
    const double difference = cand[j].fraction - ref[i].fraction;
    error += std::abs(difference);
    if (std::abs(difference) >= kNotableFractionError) {
      char text[160];
      std::snprintf(text, sizeof text, "slice of %s reads %s (%+.1f pp)",
                    percent(ref[i].fraction).c_str(), percent(cand[j].fraction).c_str(),
                    difference * 100);
      findings.push_back(text);
    }
    const double similarity = colour_similarity(ref[i].lab, cand[j].lab);
    colour += ref[i].fraction * similarity;
    if (similarity < kNotableColourSimilarity) {
      char text[160];
      std::snprintf(text, sizeof text, "slice of %s is %s, reference %s (ΔE %.0f)",
                    percent(ref[i].fraction).c_str(), to_hex(cand[j].colour).c_str(),
                    to_hex(ref[i].colour).c_str(), delta_e(ref[i].lab, cand[j].lab));
      findings.push_back(text);
    }
  }
  for (std::size_t j = 0; j < cand.size(); ++j) {
    if (!candidate_used[j]) {
      error += cand[j].fraction;
      findings.push_back("extra slice of " + percent(cand[j].fraction) + " (" +
                         to_hex(cand[j].colour) + ") not in the reference");
    }
  }
  if (ref.size() != cand.size()) {
    findings.push_back(std::to_string(cand.size()) + " slices, the reference has " +
                       std::to_string(ref.size()));
  }
  return {std::max(0.0, 1.0 - error / options.data_error_at_zero), colour};
}

std::string joined(const std::vector<std::string>& words, std::size_t limit = 8) {
  std::string text;
  for (std::size_t i = 0; i < words.size() && i < limit; ++i) {
    text += (i ? ", " : "") + words[i];
  }
  if (words.size() > limit) text += ", …";
  return text;
}

// Words of `from` that `other` lacks (as multisets).
std::vector<std::string> missing_words(const std::vector<std::string>& from,
                                       const std::vector<std::string>& other) {
  std::map<std::string, int> counts;
  for (const auto& w : other) ++counts[w];
  std::vector<std::string> missing;
  for (const auto& w : from) {
    if (counts[w] > 0) {
      --counts[w];
    } else {
      missing.push_back(w);
    }
  }
  return missing;
}

}  // namespace

ChartComparison compare_charts(const ChartFeatures& reference, const ChartFeatures& candidate,
                               const ScoringOptions& options) {
  ChartComparison result;
  auto& s = result.subscores;
  auto& findings = result.findings;

  // Type.
  const ChartType ref_type = reference.type.type, cand_type = candidate.type.type;
  s.type = ref_type == cand_type ? 1.0 : 0.0;
  if (ref_type != cand_type) {
    findings.push_back(std::string("chart type differs: the candidate is ") + article(cand_type) +
                       " " + to_string(cand_type) + " chart (" + candidate.type.evidence +
                       "), the reference " + article(ref_type) + " " + to_string(ref_type) +
                       " chart (" + reference.type.evidence + ")");
  }

  // Data and colour.
  if (reference.pie.found && candidate.pie.found) {
    findings.push_back("slices read: " + fractions_text(candidate.pie.slices) + " (reference " +
                       fractions_text(reference.pie.slices) + ")");
    const PieMatch match = compare_pies(reference.pie, candidate.pie, options, findings);
    s.data = match.data;
    s.color = match.color;
  } else if (reference.pie.found) {
    s.data = 0.0;
    findings.push_back("no pie found in the candidate (" + candidate.pie.reason +
                       "), so none of the reference's " +
                       std::to_string(reference.pie.slices.size()) + " slices is shown");
  } else {
    findings.push_back(std::string("data sub-score unavailable: slices are read from pie charts "
                                   "only, and the reference is ") +
                       article(ref_type) + " " + to_string(ref_type) + " chart");
  }
  if (!s.color) {
    s.color = palette_similarity(reference.palette, candidate.palette);
  }

  // Pixels.
  s.ssim = std::max(0.0, structural_similarity(reference.ssim_gray, candidate.ssim_gray));
  auto grey = [](const cv::Vec3b& c) { return 0.114 * c[0] + 0.587 * c[1] + 0.299 * c[2]; };
  result.layout = layout_overlap(reference.ssim_gray, grey(reference.image.background),
                                 candidate.ssim_gray, grey(candidate.image.background));

  // Text.
  if (!reference.text.available || !candidate.text.available) {
    const auto& why = reference.text.available ? candidate.text.unavailable_reason
                                               : reference.text.unavailable_reason;
    findings.push_back("text sub-score unavailable: " + why);
  } else if (reference.text.words.empty()) {
    findings.push_back("text sub-score unavailable: no readable text in the reference");
  } else {
    s.text = word_f1(reference.text.words, candidate.text.words);
    const auto missing = missing_words(reference.text.words, candidate.text.words);
    const auto extra = missing_words(candidate.text.words, reference.text.words);
    if (!missing.empty()) findings.push_back("text missing from the candidate: " + joined(missing));
    if (!extra.empty()) findings.push_back("text not in the reference: " + joined(extra));
  }

  // Weighted mean of what could be measured.
  const auto& w = options.weights;
  const std::pair<const std::optional<double>*, double> parts[] = {{&s.data, w.data},
                                                                   {&s.color, w.color},
                                                                   {&s.ssim, w.ssim},
                                                                   {&s.text, w.text},
                                                                   {&s.type, w.type}};
  double total = 0, weight = 0;
  for (const auto& [value, part_weight] : parts) {
    if (*value && part_weight > 0) {
      total += **value * part_weight;
      weight += part_weight;
    }
  }
  result.score = weight > 0 ? std::clamp(total / weight, 0.0, 1.0) : 0.0;
  return result;
}

}  // namespace modelcompare::chart_image_diff
