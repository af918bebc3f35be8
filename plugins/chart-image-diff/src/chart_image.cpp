#include "chart_image.hpp"

#include <algorithm>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "image_error.hpp"

namespace modelcompare::chart_image_diff {
namespace {

// JPEG ringing around text reaches about ±20 per channel; content must differ by more.
constexpr int kContentThreshold = 32;
constexpr int kMargin = 2;

cv::Mat to_bgr8(const cv::Mat& decoded, const std::string& name) {
  cv::Mat eight;
  if (decoded.depth() == CV_16U) {
    decoded.convertTo(eight, CV_8U, 1.0 / 257.0);
  } else {
    eight = decoded;
  }
  cv::Mat bgr;
  switch (eight.channels()) {
    case 1: cv::cvtColor(eight, bgr, cv::COLOR_GRAY2BGR); break;
    case 3: bgr = eight; break;
    case 4: {
      // Flatten onto white, as a viewer shows a transparent figure: c·α + 255·(1 − α), rounded
      // (integers: the quotient by 255 is never exactly half-way, so this equals the real value
      // rounded).
      bgr.create(eight.size(), CV_8UC3);
      for (int y = 0; y < eight.rows; ++y) {
        const auto* in = eight.ptr<cv::Vec4b>(y);
        auto* out = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < eight.cols; ++x) {
          const int alpha = in[x][3], rest = 255 * (255 - alpha);
          if (alpha == 255) {  // most pixels of a figure: no arithmetic
            out[x] = {in[x][0], in[x][1], in[x][2]};
            continue;
          }
          for (int c = 0; c < 3; ++c) {
            out[x][c] = static_cast<uchar>((in[x][c] * alpha + rest + 127) / 255);
          }
        }
      }
      break;
    }
    default:
      throw ImageError("image " + name + ": unsupported channel count " +
                       std::to_string(eight.channels()));
  }
  return bgr;
}

cv::Vec3b border_colour(const cv::Mat& bgr) {
  std::vector<unsigned char> channel[3];
  auto take = [&](int y, int x) {
    const auto& p = bgr.at<cv::Vec3b>(y, x);
    for (int c = 0; c < 3; ++c) channel[c].push_back(p[c]);
  };
  for (int x = 0; x < bgr.cols; ++x) {
    take(0, x);
    take(bgr.rows - 1, x);
  }
  for (int y = 0; y < bgr.rows; ++y) {
    take(y, 0);
    take(y, bgr.cols - 1);
  }
  cv::Vec3b median;
  for (int c = 0; c < 3; ++c) {
    auto middle = channel[c].begin() + static_cast<std::ptrdiff_t>(channel[c].size() / 2);
    std::nth_element(channel[c].begin(), middle, channel[c].end());
    median[c] = *middle;
  }
  return median;
}

}  // namespace

ChartImage normalise_chart_image(const cv::Mat& decoded, const std::string& name) {
  if (decoded.empty()) throw ImageError("image " + name + ": could not be decoded");
  cv::Mat bgr = to_bgr8(decoded, name);
  ChartImage image;
  image.original_size = bgr.size();
  image.background = border_colour(bgr);

  // Content: any channel further than kContentThreshold from the background (SIMD passes).
  const cv::Vec3b bg = image.background;
  const cv::Scalar low(bg[0] - kContentThreshold, bg[1] - kContentThreshold,
                       bg[2] - kContentThreshold);
  const cv::Scalar high(bg[0] + kContentThreshold, bg[1] + kContentThreshold,
                        bg[2] + kContentThreshold);
  cv::Mat content;
  cv::inRange(bgr, low, high, content);
  cv::bitwise_not(content, content);
  const int content_pixels = cv::countNonZero(content);
  if (content_pixels < 16) {
    throw ImageError("image " + name +
                     ": is empty: every pixel is the background colour (nothing was drawn)");
  }
  image.content_share = static_cast<double>(content_pixels) / static_cast<double>(bgr.total());

  cv::Rect box = cv::boundingRect(content);
  box.x = std::max(0, box.x - kMargin);
  box.y = std::max(0, box.y - kMargin);
  box.width = std::min(bgr.cols - box.x, box.width + 2 * kMargin);
  box.height = std::min(bgr.rows - box.y, box.height + 2 * kMargin);
  cv::Mat cropped = bgr(box);
  const int longest = std::max(cropped.cols, cropped.rows);
  if (longest > kMaxAnalysisSide) {
    const double scale = static_cast<double>(kMaxAnalysisSide) / longest;
    cv::resize(cropped, image.bgr, cv::Size(), scale, scale, cv::INTER_AREA);
  } else {
    image.bgr = cropped.clone();
  }
  return image;
}

ChartImage decode_chart_image(const ImageFile& file) {
  cv::Mat decoded = cv::imdecode(file.bytes, cv::IMREAD_UNCHANGED);
  if (decoded.empty()) {
    throw ImageError("image " + file.path.string() + ": the decoder rejected its pixel data");
  }
  return normalise_chart_image(decoded, file.path.string());
}

}  // namespace modelcompare::chart_image_diff
