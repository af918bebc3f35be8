#include "json_in_answer.hpp"

#include <cctype>
#include <vector>

namespace modelcompare::text_checks {
namespace {

struct FencedBlock {
  std::string label;  // lower-cased info string, e.g. "json"
  std::string body;
  std::size_t line = 0;  // 1-based line of the opening fence
};

// A fence is ``` or ~~~ (or longer) after at most three spaces; it closes on a line that starts
// with the same run of the same character.
std::vector<FencedBlock> fenced_blocks(std::string_view text) {
  std::vector<FencedBlock> blocks;
  std::string fence;
  FencedBlock current;
  std::size_t line_number = 0, pos = 0;
  while (pos <= text.size()) {
    const auto end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    ++line_number;
    std::size_t indent = 0;
    while (indent < 3 && indent < line.size() && line[indent] == ' ') ++indent;
    const auto rest = line.substr(indent);
    if (fence.empty()) {
      if (!rest.empty() && (rest[0] == '`' || rest[0] == '~')) {
        std::size_t run = 0;
        while (run < rest.size() && rest[run] == rest[0]) ++run;
        if (run >= 3) {
          fence = std::string(run, rest[0]);
          current = {};
          current.line = line_number;
          for (char c : trim_space(rest.substr(run)))
            current.label += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
      }
    } else if (rest.substr(0, fence.size()) == fence &&
               trim_space(rest.substr(fence.size())).empty()) {
      blocks.push_back(std::move(current));
      fence.clear();
    } else {
      current.body.append(line).push_back('\n');
    }
    if (end == text.size()) break;
    pos = end + 1;
  }
  return blocks;
}

std::optional<nlohmann::json> parse(std::string_view text, std::string& error) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    error = parse_error_text(e);
    return std::nullopt;
  }
}

}  // namespace

std::string parse_error_text(const std::exception& error) {
  std::string text = error.what();
  if (text.rfind("[json.exception.", 0) == 0)
    if (const auto close = text.find("] "); close != std::string::npos) text.erase(0, close + 2);
  return text;
}

JsonInAnswer find_json_in_answer(std::string_view answer) {
  JsonInAnswer found;
  std::string answer_error;
  if (auto value = parse(trim_space(answer), answer_error)) {
    found.value = std::move(value);
    found.source = "the answer";
    return found;
  }
  const auto blocks = fenced_blocks(answer);
  for (const auto& block : blocks) {
    if (block.label != "json") continue;
    found.source = "the ```json block at line " + std::to_string(block.line);
    std::string error;
    if (auto value = parse(block.body, error)) {
      found.value = std::move(value);
    } else {
      found.problem = found.source + " is not JSON: " + error;
    }
    return found;
  }
  // No labelled block: an unlabelled one that parses will do.
  for (const auto& block : blocks) {
    if (!block.label.empty()) continue;
    std::string error;
    if (auto value = parse(block.body, error)) {
      found.value = std::move(value);
      found.source = "the ``` block at line " + std::to_string(block.line);
      return found;
    }
  }
  found.problem = trim_space(answer).empty()
                      ? std::string("the answer is empty")
                      : "the answer is not JSON (" + answer_error + ") and has no ```json block";
  return found;
}

std::string_view trim_space(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

}  // namespace modelcompare::text_checks
