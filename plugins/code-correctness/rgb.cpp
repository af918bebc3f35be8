#include "rgb.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "named_colors.hpp"

namespace modelcompare::code_correctness {
namespace {

std::optional<Rgb> parse_hex(const std::string& text) {
  std::string digits = text.substr(1);
  if (!std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isxdigit(c); }))
    return std::nullopt;
  if (digits.size() == 3 || digits.size() == 4) {
    std::string wide;
    for (char c : digits) wide += std::string(2, c);
    digits = wide;
  }
  if (digits.size() != 6 && digits.size() != 8) return std::nullopt;
  Rgb rgb{};
  for (int i = 0; i < 3; ++i) rgb[i] = std::stoi(digits.substr(i * 2, 2), nullptr, 16) / 255.0;
  return rgb;
}

std::optional<Rgb> parse_text(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.erase(0, 1);
  if (text.starts_with('#')) return parse_hex(text);
  const auto& names = named_colors();
  if (auto it = names.find(text); it != names.end()) return it->second;
  // A grey level written as a string, as matplotlib accepts it.
  char* end = nullptr;
  const double grey = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size() && grey >= 0 && grey <= 1)
    return Rgb{grey, grey, grey};
  return std::nullopt;
}

}  // namespace

std::optional<Rgb> parse_color(const nlohmann::json& value) {
  if (value.is_string()) return parse_text(value.get<std::string>());
  if (value.is_array() && (value.size() == 3 || value.size() == 4)) {
    Rgb rgb{};
    for (int i = 0; i < 3; ++i) {
      if (!value[i].is_number()) return std::nullopt;
      rgb[i] = value[i].get<double>();
      if (rgb[i] < 0 || rgb[i] > 1) return std::nullopt;
    }
    return rgb;
  }
  return std::nullopt;
}

double color_distance(const Rgb& a, const Rgb& b) {
  double sum = 0;
  for (int i = 0; i < 3; ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(sum / 3.0);
}

std::string to_hex(const Rgb& color) {
  char buffer[8];
  auto channel = [](double v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
  };
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", channel(color[0]), channel(color[1]),
                channel(color[2]));
  return buffer;
}

}  // namespace modelcompare::code_correctness
