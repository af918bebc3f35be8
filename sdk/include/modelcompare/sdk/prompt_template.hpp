// `{{name}}` substitution, as configs use it in prompts, paths and evaluator options.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace modelcompare::sdk {

// Replaces each `{{name}}` (spaces inside the braces allowed) whose name is a key of `vars`;
// strings are inserted as they are, other JSON values as their dump. Unknown names stay as written.
inline std::string render_template(std::string_view text, const nlohmann::json& vars) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    auto name = text.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    out.append(text.substr(pos, open - pos));
    const auto it = vars.is_object() ? vars.find(std::string(name)) : vars.end();
    if (it == vars.end()) {
      out.append(text.substr(open, close + 2 - open));
    } else {
      out += it->is_string() ? it->get<std::string>() : it->dump();
    }
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace modelcompare::sdk
