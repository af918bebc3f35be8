// The {{name}}s a template uses, found the way sdk::render_template finds them.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace modelcompare::dataset {

std::set<std::string> template_names(std::string_view text);

// Names the host fills in for every case, whatever the row holds.
inline const std::set<std::string>& builtin_variables() {
  static const std::set<std::string> names = {"provider", "scenario", "repeat"};
  return names;
}

}  // namespace modelcompare::dataset
