#include "config/env_expander.hpp"

#include "config/json_reader.hpp"

namespace modelcompare::config {
namespace {

void walk(nlohmann::json& node, const std::string& pointer,
          const std::function<void(nlohmann::json&, const std::string&)>& visit) {
  if (node.is_object()) {
    for (auto& [key, value] : node.items())
      walk(value, pointer + "/" + escape_pointer_token(key), visit);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      walk(node[i], pointer + "/" + std::to_string(i), visit);
  } else if (node.is_string()) {
    visit(node, pointer);
  }
}

}  // namespace

std::string EnvExpander::expand_string(
    const std::string& text, std::string& error,
    const std::function<void(const std::string&, const std::string&)>& on_expanded) const {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("${", pos);
    if (open == std::string::npos) break;
    const auto close = text.find('}', open + 2);
    if (close == std::string::npos) {
      error = "unterminated ${ in '" + text + "'";
      return {};
    }
    std::string inside = text.substr(open + 2, close - open - 2);
    std::optional<std::string> fallback;
    if (const auto dash = inside.find(":-"); dash != std::string::npos) {
      fallback = inside.substr(dash + 2);
      inside = inside.substr(0, dash);
    }
    out += text.substr(pos, open - pos);
    auto value = lookup_(inside);
    if (value && !value->empty()) {
      if (on_expanded) on_expanded(inside, *value);
      out += *value;
    } else if (fallback) {
      out += *fallback;
    } else {
      error =
          "${" + inside + "} is not set (set it in the environment or in .env beside the config)";
      return {};
    }
    pos = close + 1;
  }
  out += text.substr(pos);
  return out;
}

nlohmann::json EnvExpander::expand(
    const nlohmann::json& document,
    const std::function<void(const std::string&, const std::string&)>& fail,
    const std::function<void(const std::string&, const std::string&)>& on_expanded) const {
  nlohmann::json copy = document;
  walk(copy, "", [&](nlohmann::json& node, const std::string& pointer) {
    const auto& text = node.get_ref<const std::string&>();
    if (text.find("${") == std::string::npos) return;
    std::string error;
    std::string expanded = expand_string(text, error, on_expanded);
    if (!error.empty()) fail(pointer, error);
    node = std::move(expanded);
  });
  return copy;
}

}  // namespace modelcompare::config
