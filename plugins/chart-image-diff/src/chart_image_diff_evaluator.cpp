#include "chart_image_diff_evaluator.hpp"

#include <cmath>
#include <opencv2/core/utility.hpp>
#include <stdexcept>

#include "chart_comparison.hpp"
#include "image_error.hpp"
#include "image_file.hpp"

namespace modelcompare::chart_image_diff {
namespace {

// Analyses kept besides the reference's: a few answers' pictures (about 1.5 MB each at 600×600:
// the picture, its colour labels and its file; 6 MB at the 1200 px analysis cap).
constexpr std::size_t kCachedAnswers = 4;

double rounded(double value) {
  return std::round(value * 10000.0) / 10000.0;
}

nlohmann::json slices_json(const PieReading& pie) {
  nlohmann::json slices = nlohmann::json::array();
  for (const auto& s : pie.slices) {
    slices.push_back({{"fraction", rounded(s.fraction)},
                      {"color", to_hex(s.colour)},
                      {"start_deg", std::round(s.start_deg * 10) / 10},
                      {"end_deg", std::round(s.end_deg * 10) / 10}});
  }
  return slices;
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(rounded(*value)) : nlohmann::json(nullptr);
}

}  // namespace

ChartImageDiffEvaluator::ChartImageDiffEvaluator(const sdk::PluginContext& context)
    : cache_(kCachedAnswers) {
  try {
    options_ = parse_scoring_options(context.options);
  } catch (const std::invalid_argument& e) {
    throw sdk::PluginError(e.what());
  }
  // OpenCV would start a worker pool; evaluators already run on the host's workers.
  cv::setNumThreads(0);
  reference_path_ = context.resolve(options_.reference);
  if (options_.candidate) candidate_path_ = context.resolve(*options_.candidate);
  if (options_.read_text) text_reader_ = std::make_unique<TextReader>();
  try {
    reference_ = analyse_file(reference_path_, /*pin=*/true);
  } catch (const ImageError& e) {
    throw sdk::PluginError(std::string("chart-image-diff option reference: ") + e.what());
  }
}

std::shared_ptr<const ChartFeatures> ChartImageDiffEvaluator::analyse_file(
    const std::filesystem::path& path, bool pin) {
  const ImageFile file = read_image_file(path, options_.max_pixels);
  return cache_.get(
      file,
      [&](const ImageFile& bytes) {
        // A candidate's lines drawn exactly as the reference's take their words.
        return analyse_chart(decode_chart_image(bytes), text_reader_.get(),
                             reference_ ? &reference_->text : nullptr);
      },
      pin);
}

sdk::EvaluationResult ChartImageDiffEvaluator::evaluate(const sdk::EvaluationInput& input) {
  sdk::EvaluationResult result;
  auto& details = result.details;
  details["reference"] = reference_path_.string();
  details["reference_slices"] = slices_json(reference_->pie);
  details["reference_chart_type"] = to_string(reference_->type.type);
  details["slices"] = nlohmann::json::array();
  details["chart_type"] = nullptr;
  details["subscores"] = {
      {"data", 0.0}, {"color", 0.0}, {"ssim", 0.0}, {"text", 0.0}, {"type", 0.0}};
  details["findings"] = nlohmann::json::array();

  std::filesystem::path candidate = candidate_path_;
  if (candidate.empty()) {
    for (const auto& artifact : input.artifacts) {
      if (artifact.kind == "image") {
        candidate = artifact.path;
        break;
      }
    }
  }
  if (candidate.empty()) {
    details["findings"].push_back("no image to compare: the answer drew nothing");
    return result;
  }
  details["candidate"] = candidate.string();

  std::shared_ptr<const ChartFeatures> analysed;
  try {
    analysed = analyse_file(candidate);
  } catch (const ImageError& e) {
    // A file the user named must be right; a picture the answer drew may be broken: that is
    // the answer's fault and scores 0.
    if (!candidate_path_.empty()) {
      throw sdk::PluginError(std::string("chart-image-diff option candidate: ") + e.what());
    }
    details["findings"].push_back(std::string("the answer's picture is unusable: ") + e.what());
    return result;
  }

  const ChartFeatures& features = *analysed;
  const ChartComparison comparison = compare_charts(*reference_, features, options_);
  result.score = rounded(comparison.score);
  result.passed = result.score >= options_.pass_threshold;
  details["slices"] = slices_json(features.pie);
  details["chart_type"] = to_string(features.type.type);
  const auto& s = comparison.subscores;
  details["subscores"] = {{"data", optional_json(s.data)},
                          {"color", optional_json(s.color)},
                          {"ssim", optional_json(s.ssim)},
                          {"text", optional_json(s.text)},
                          {"type", optional_json(s.type)}};
  details["weights"] = {{"data", options_.weights.data},
                        {"color", options_.weights.color},
                        {"ssim", options_.weights.ssim},
                        {"text", options_.weights.text},
                        {"type", options_.weights.type}};
  details["pass_threshold"] = options_.pass_threshold;
  details["layout"] = rounded(comparison.layout);
  details["findings"] = comparison.findings;
  if (features.text.available) {
    details["text"] = {{"words", features.text.words}, {"reference_words", reference_->text.words}};
  }
  return result;
}

}  // namespace modelcompare::chart_image_diff
