#include "scoring_options.hpp"

#include <cmath>
#include <stdexcept>

namespace modelcompare::chart_image_diff {
namespace {

std::invalid_argument bad(const std::string& key, const std::string& why,
                          const nlohmann::json& value) {
  return std::invalid_argument("chart-image-diff option " + key + ": " + why + ", got " +
                               value.dump());
}

double number(const std::string& key, const nlohmann::json& value, double min, double max) {
  double result = 0;
  if (value.is_number()) {
    result = value.get<double>();
  } else if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    std::size_t used = 0;
    try {
      result = std::stod(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != text.size()) throw bad(key, "expected a number", value);
  } else {
    throw bad(key, "expected a number", value);
  }
  if (!std::isfinite(result) || result < min || result > max) {
    throw bad(key,
              "expected a number from " + nlohmann::json(min).dump() + " to " +
                  nlohmann::json(max).dump(),
              value);
  }
  return result;
}

bool boolean(const std::string& key, const nlohmann::json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value == "true") return true;
  if (value == "false") return false;
  throw bad(key, "expected true or false", value);
}

std::string text(const std::string& key, const nlohmann::json& value) {
  if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
    throw bad(key, "expected a file path", value);
  }
  return value.get<std::string>();
}

}  // namespace

ScoringOptions parse_scoring_options(const nlohmann::json& options) {
  if (!options.is_object()) {
    throw std::invalid_argument("chart-image-diff options: expected an object, got " +
                                options.dump());
  }
  ScoringOptions result;
  for (const auto& [key, value] : options.items()) {
    if (key == "reference") {
      result.reference = text(key, value);
    } else if (key == "candidate") {
      result.candidate = text(key, value);
    } else if (key == "weight_data") {
      result.weights.data = number(key, value, 0, 1000);
    } else if (key == "weight_color") {
      result.weights.color = number(key, value, 0, 1000);
    } else if (key == "weight_ssim") {
      result.weights.ssim = number(key, value, 0, 1000);
    } else if (key == "weight_text") {
      result.weights.text = number(key, value, 0, 1000);
    } else if (key == "weight_type") {
      result.weights.type = number(key, value, 0, 1000);
    } else if (key == "pass_threshold") {
      result.pass_threshold = number(key, value, 0, 1);
    } else if (key == "data_error_at_zero") {
      result.data_error_at_zero = number(key, value, 0.001, 2);
    } else if (key == "max_pixels") {
      result.max_pixels = static_cast<std::uint64_t>(number(key, value, 1, 1e10));
    } else if (key == "text") {
      result.read_text = boolean(key, value);
    } else {
      throw std::invalid_argument(
          "chart-image-diff: unknown option '" + key +
          "' (known: reference, candidate, weight_data, weight_color, weight_ssim, weight_text, "
          "weight_type, pass_threshold, data_error_at_zero, max_pixels, text)");
    }
  }
  if (result.reference.empty()) {
    throw std::invalid_argument(
        "chart-image-diff option reference: required (the reference chart, a PNG or JPEG)");
  }
  const auto& w = result.weights;
  if (w.data + w.color + w.ssim + w.text + w.type <= 0) {
    throw std::invalid_argument("chart-image-diff options weight_*: at least one must be above 0");
  }
  return result;
}

}  // namespace modelcompare::chart_image_diff
