#include "chart_features.hpp"

#include <utility>

#include "structural_similarity.hpp"

namespace modelcompare::chart_image_diff {

ChartFeatures analyse_chart(ChartImage image, TextReader* text_reader,
                            const TextReading* known_text) {
  ChartFeatures features;
  features.image = std::move(image);
  features.palette = extract_palette(features.image);
  features.pie = read_pie(features.palette);
  features.type = classify_chart(features.image, features.palette, features.pie);
  features.ssim_gray = normalised_gray(features.image);
  if (text_reader) {
    features.text = text_reader->read(features.image, known_text);
  } else {
    features.text.unavailable_reason = "text reading is switched off (option text=false)";
  }
  return features;
}

}  // namespace modelcompare::chart_image_diff
