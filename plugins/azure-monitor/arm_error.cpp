#include "arm_error.hpp"

#include <nlohmann/json.hpp>

#include "json_text.hpp"

namespace modelcompare::azure_monitor {
namespace {

using nlohmann::json;

// Newlines and runs of spaces folded, so the message stays one line; long ones cut.
std::string one_line(std::string_view text, std::size_t limit = 600) {
  std::string out;
  for (const char c : text) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > limit) out = out.substr(0, limit) + "...";
  return out;
}

}  // namespace

std::string arm_error_line(int status, std::string_view body) {
  std::string line = "HTTP " + std::to_string(status);
  const auto root = json::parse(body, nullptr, false);
  const json& error = root.is_object() && root.contains("error") && root["error"].is_object()
                          ? root["error"]
                          : root;
  const auto code = text_field(error, "code");
  const auto message = text_field(error, "message");
  if (!code.empty() || !message.empty()) {
    if (!code.empty()) line += " " + one_line(code);
    if (!message.empty()) line += ": " + one_line(message);
    return line;
  }
  const auto text = one_line(body, 300);
  return text.empty() ? line + " with an empty body" : line + ": " + text;
}

}  // namespace modelcompare::azure_monitor
