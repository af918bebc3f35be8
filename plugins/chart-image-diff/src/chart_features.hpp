// Everything the evaluator reads from one chart picture, computed once (the reference's is kept
// for the evaluator's lifetime).
#pragma once

#include <opencv2/core.hpp>

#include "chart_image.hpp"
#include "chart_type.hpp"
#include "palette.hpp"
#include "pie_reader.hpp"
#include "text_reader.hpp"

namespace modelcompare::chart_image_diff {

struct ChartFeatures {
  ChartImage image;
  Palette palette;
  PieReading pie;
  ChartTypeReading type;
  cv::Mat ssim_gray;  // normalised grayscale for SSIM
  TextReading text;
};

// `text_reader` may be null: the text is then reported as unavailable (not asked for).
// `known_text`: the reference's reading, whose identical text lines are not read again.
ChartFeatures analyse_chart(ChartImage image, TextReader* text_reader,
                            const TextReading* known_text = nullptr);

}  // namespace modelcompare::chart_image_diff
