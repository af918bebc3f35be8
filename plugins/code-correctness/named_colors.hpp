// matplotlib's colour names (lower case) and what they are in RGB.
#pragma once

#include <map>
#include <string>

#include "rgb.hpp"

namespace modelcompare::code_correctness {

const std::map<std::string, Rgb, std::less<>>& named_colors();

}  // namespace modelcompare::code_correctness
