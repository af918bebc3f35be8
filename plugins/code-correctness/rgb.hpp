// A colour as matplotlib resolves it: red, green and blue in [0, 1].
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace modelcompare::code_correctness {

using Rgb = std::array<double, 3>;

// Any matplotlib notation: a letter ("m"), a name ("magenta", "tab:red"), a cycle entry ("C1"),
// hex ("#f0f", "#ff00ff", "#ff00ff80"), a grey level ("0.5"), or [r, g, b] / [r, g, b, a] in
// [0, 1]. nullopt when it is none of those.
std::optional<Rgb> parse_color(const nlohmann::json& value);

// Euclidean distance in RGB divided by sqrt(3): 0 for the same colour, 1 for black vs white.
double color_distance(const Rgb& a, const Rgb& b);

std::string to_hex(const Rgb& color);

}  // namespace modelcompare::code_correctness
