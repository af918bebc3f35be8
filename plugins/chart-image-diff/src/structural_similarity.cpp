#include "structural_similarity.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace modelcompare::chart_image_diff {
namespace {

struct AreaTap {
  int source;
  float weight;
};

// Which source pixels each destination pixel averages, and by how much: OpenCV's INTER_AREA
// weights (a destination pixel covers `scale` source pixels, partial ones at its edges).
std::vector<std::vector<AreaTap>> area_taps(int source_size, int destination_size) {
  const double scale = static_cast<double>(source_size) / destination_size;
  std::vector<std::vector<AreaTap>> taps(destination_size);
  for (int d = 0; d < destination_size; ++d) {
    const double begin = d * scale, end = begin + scale;
    const double width = std::min(scale, source_size - begin);
    int first = static_cast<int>(std::ceil(begin)), last = static_cast<int>(std::floor(end));
    last = std::min(last, source_size - 1);
    first = std::min(first, last);
    if (first - begin > 1e-3) {
      taps[d].push_back({first - 1, static_cast<float>((first - begin) / width)});
    }
    for (int s = first; s < last; ++s) taps[d].push_back({s, static_cast<float>(1.0 / width)});
    if (end - last > 1e-3) {
      taps[d].push_back(
          {last, static_cast<float>(std::min(std::min(end - last, 1.0), width) / width)});
    }
  }
  return taps;
}

// INTER_AREA downscaling of a square 8-bit picture to side × side, in two separable passes:
// OpenCV's general (non-integer) area path visits every tap of a 2-D table and was a tenth of a
// pair's time. Columns first (whole rows at a time, which vectorises), then the few output rows.
// The same weights; sums differ from OpenCV's only in float rounding order, and the result is
// rounded to whole grey levels as OpenCV's 8-bit output was.
cv::Mat area_downscale(const cv::Mat& square, int side) {
  const auto taps = area_taps(square.cols, side);
  cv::Mat source, columns(side, square.cols, CV_32F, cv::Scalar(0));
  square.convertTo(source, CV_32F);
  for (int d = 0; d < side; ++d) {
    cv::Mat out = columns.row(d);
    for (const AreaTap& tap : taps[d]) cv::scaleAdd(source.row(tap.source), tap.weight, out, out);
  }
  cv::Mat result(side, side, CV_32F);
  for (int y = 0; y < side; ++y) {
    const float* in = columns.ptr<float>(y);
    float* out = result.ptr<float>(y);
    for (int d = 0; d < side; ++d) {
      float sum = 0;
      for (const AreaTap& tap : taps[d]) sum += in[tap.source] * tap.weight;
      out[d] = static_cast<float>(cvRound(sum));
    }
  }
  return result;
}

}  // namespace

cv::Mat normalised_gray(const ChartImage& image) {
  cv::Mat gray;
  cv::cvtColor(image.bgr, gray, cv::COLOR_BGR2GRAY);
  const int side = std::max(gray.cols, gray.rows);
  const cv::Vec3b bg = image.background;
  const double bg_gray = 0.114 * bg[0] + 0.587 * bg[1] + 0.299 * bg[2];
  cv::Mat square;
  const int left = (side - gray.cols) / 2, top = (side - gray.rows) / 2;
  cv::copyMakeBorder(gray, square, top, side - gray.rows - top, left, side - gray.cols - left,
                     cv::BORDER_CONSTANT, cv::Scalar(bg_gray));
  if (side > kSsimSide) return area_downscale(square, kSsimSide);
  cv::Mat scaled;
  cv::resize(square, scaled, cv::Size(kSsimSide, kSsimSide), 0, 0, cv::INTER_LINEAR);
  cv::Mat result;
  scaled.convertTo(result, CV_32F);
  return result;
}

double layout_overlap(const cv::Mat& x, double x_background, const cv::Mat& y,
                      double y_background) {
  CV_Assert(x.size() == y.size() && x.type() == CV_32F && y.type() == CV_32F);
  int both = 0, either = 0;
  for (int row = 0; row < x.rows; ++row) {
    const float* xr = x.ptr<float>(row);
    const float* yr = y.ptr<float>(row);
    for (int col = 0; col < x.cols; ++col) {
      const bool in_x = std::abs(xr[col] - x_background) > 24;
      const bool in_y = std::abs(yr[col] - y_background) > 24;
      both += in_x && in_y;
      either += in_x || in_y;
    }
  }
  return either == 0 ? 1.0 : static_cast<double>(both) / either;
}

double structural_similarity(const cv::Mat& x, const cv::Mat& y) {
  CV_Assert(x.size() == y.size() && x.type() == CV_32F && y.type() == CV_32F);
  constexpr double c1 = (0.01 * 255) * (0.01 * 255);
  constexpr double c2 = (0.03 * 255) * (0.03 * 255);
  const cv::Size window(11, 11);
  constexpr double sigma = 1.5;
  cv::Mat mu_x, mu_y;
  cv::GaussianBlur(x, mu_x, window, sigma);
  cv::GaussianBlur(y, mu_y, window, sigma);
  cv::Mat mu_xx = mu_x.mul(mu_x), mu_yy = mu_y.mul(mu_y), mu_xy = mu_x.mul(mu_y);
  cv::Mat sigma_xx, sigma_yy, sigma_xy;
  cv::GaussianBlur(x.mul(x), sigma_xx, window, sigma);
  cv::GaussianBlur(y.mul(y), sigma_yy, window, sigma);
  cv::GaussianBlur(x.mul(y), sigma_xy, window, sigma);
  sigma_xx -= mu_xx;
  sigma_yy -= mu_yy;
  sigma_xy -= mu_xy;
  cv::Mat numerator = (2 * mu_xy + c1).mul(2 * sigma_xy + c2);
  cv::Mat denominator = (mu_xx + mu_yy + c1).mul(sigma_xx + sigma_yy + c2);
  cv::Mat map;
  cv::divide(numerator, denominator, map);
  return cv::mean(map)[0];
}

}  // namespace modelcompare::chart_image_diff
