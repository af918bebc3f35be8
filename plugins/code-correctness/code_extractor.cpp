#include "code_extractor.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

namespace modelcompare::code_correctness {
namespace {

struct FencedBlock {
  std::string language;
  std::string body;
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

std::vector<FencedBlock> fenced_blocks(std::string_view answer) {
  std::vector<FencedBlock> blocks;
  std::size_t pos = 0;
  bool inside = false;
  std::string fence;
  FencedBlock current;
  while (pos < answer.size()) {
    auto end = answer.find('\n', pos);
    if (end == std::string_view::npos) end = answer.size();
    std::string_view line = answer.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string stripped = trim(line);
    if (!inside) {
      if (stripped.starts_with("```") || stripped.starts_with("~~~")) {
        const auto count = stripped.find_first_not_of(stripped[0]);
        fence = stripped.substr(0, count == std::string::npos ? stripped.size() : count);
        current = {};
        const std::string info = trim(std::string_view(stripped).substr(fence.size()));
        current.language = lower(info.substr(0, info.find_first_of(" \t{")));
        inside = true;
      }
    } else if (stripped.starts_with(fence) &&
               stripped.find_first_not_of(fence[0]) == std::string::npos) {
      blocks.push_back(std::move(current));
      inside = false;
    } else {
      current.body.append(line);
      current.body += '\n';
    }
    pos = end + 1;
  }
  if (inside && !current.body.empty()) blocks.push_back(std::move(current));  // unclosed at end
  return blocks;
}

bool looks_like_python(const std::string& code) {
  static const std::regex python_line(
      R"((^|\n)\s*(import \w|from [\w.]+ import |def \w+\(|class \w+|plt\.|print\(|\w+\s*=\s*\S))");
  static const std::regex shell_line(R"(^\s*(\$ |pip3? install|conda |apt(-get)? |sudo ))");
  if (std::regex_search(code, shell_line)) return false;
  return std::regex_search(code, python_line);
}

bool is_python_language(const std::string& language) {
  return language == "python" || language == "py" || language == "python3" ||
         language == "ipython" || language == "pycon";
}

bool is_complete_script(const std::string& code) {
  const bool imports = code.find("matplotlib") != std::string::npos;
  const bool draws =
      code.find("savefig") != std::string::npos || code.find("show(") != std::string::npos ||
      code.find(".pie(") != std::string::npos || code.find(".plot(") != std::string::npos ||
      code.find(".bar(") != std::string::npos;
  return imports && draws;
}

}  // namespace

ExtractedCode extract_code(std::string_view answer) {
  ExtractedCode result;
  const auto blocks = fenced_blocks(answer);
  std::vector<const FencedBlock*> python;
  for (const auto& block : blocks) {
    if (trim(block.body).empty()) continue;
    if (is_python_language(block.language) ||
        (block.language.empty() && looks_like_python(block.body)))
      python.push_back(&block);
  }
  result.blocks = static_cast<int>(python.size());
  if (blocks.empty()) {
    const std::string whole(answer);
    if (looks_like_python(whole) && trim(whole).size() > 0 &&
        (whole.find("import ") != std::string::npos)) {
      result.code = whole;
      result.choice = "the whole answer (no fenced blocks; it reads as Python)";
    } else {
      result.choice = "no code found";
    }
    return result;
  }
  if (python.empty()) {
    result.choice = "no code found";
    return result;
  }
  if (python.size() == 1) {
    result.code = python.front()->body;
    result.choice = "the only Python block";
    return result;
  }
  for (auto it = python.rbegin(); it != python.rend(); ++it) {
    if (is_complete_script((*it)->body)) {
      result.code = (*it)->body;
      result.choice = "the last complete script of " + std::to_string(python.size()) + " blocks";
      return result;
    }
  }
  for (const auto* block : python) result.code += block->body;
  result.choice = std::to_string(python.size()) + " blocks joined in order";
  return result;
}

}  // namespace modelcompare::code_correctness
