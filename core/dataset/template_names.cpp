#include "dataset/template_names.hpp"

namespace modelcompare::dataset {

std::set<std::string> template_names(std::string_view text) {
  std::set<std::string> names;
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    auto name = text.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    names.emplace(name);
    pos = close + 2;
  }
  return names;
}

}  // namespace modelcompare::dataset
