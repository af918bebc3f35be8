#include "lab_colour.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace modelcompare::chart_image_diff {
namespace {

double linear(unsigned char channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double lab_f(double t) {
  constexpr double delta = 6.0 / 29.0;
  return t > delta * delta * delta ? std::cbrt(t) : t / (3 * delta * delta) + 4.0 / 29.0;
}

}  // namespace

double LabColour::chroma() const {
  return std::hypot(a, b);
}

LabColour to_lab(const cv::Vec3b& bgr) {
  const double r = linear(bgr[2]), g = linear(bgr[1]), b = linear(bgr[0]);
  // sRGB to XYZ, normalised by the D65 white point.
  const double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  const double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
  const double fx = lab_f(x), fy = lab_f(y), fz = lab_f(z);
  return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

double delta_e(const LabColour& x, const LabColour& y) {
  const double dl = x.l - y.l, da = x.a - y.a, db = x.b - y.b;
  return std::sqrt(dl * dl + da * da + db * db);
}

double colour_similarity(const LabColour& x, const LabColour& y) {
  return std::max(0.0, 1.0 - delta_e(x, y) / 100.0);
}

std::string to_hex(const cv::Vec3b& bgr) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", bgr[2], bgr[1], bgr[0]);
  return text;
}

}  // namespace modelcompare::chart_image_diff
