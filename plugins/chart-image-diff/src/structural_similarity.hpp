// SSIM (Wang et al. 2004: 11×11 Gaussian window, σ 1.5) on the charts' normalised grayscale:
// content crop padded to a square with the background and scaled to a fixed side, so that size
// and margins do not count. A cheap secondary signal: rotation or explode move pixels without
// changing what a chart says.
#pragma once

#include <opencv2/core.hpp>

#include "chart_image.hpp"

namespace modelcompare::chart_image_diff {

inline constexpr int kSsimSide = 256;

// CV_32F, kSsimSide × kSsimSide, values 0..255.
cv::Mat normalised_gray(const ChartImage& image);

// Layout agreement: intersection over union of where the two normalised pictures have content
// (grey differing from their backgrounds by more than 24). Informational, not a sub-score.
double layout_overlap(const cv::Mat& x, double x_background, const cv::Mat& y, double y_background);

// Mean SSIM of two same-sized CV_32F grayscale pictures, in [-1, 1] (1 when identical).
double structural_similarity(const cv::Mat& x, const cv::Mat& y);

}  // namespace modelcompare::chart_image_diff
