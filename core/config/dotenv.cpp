#include "config/dotenv.hpp"

#include <fstream>

#include "config/config_error.hpp"

namespace modelcompare::config {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

bool valid_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

}  // namespace

std::map<std::string, std::string> read_dotenv(const std::filesystem::path& file) {
  std::map<std::string, std::string> values;
  std::ifstream in(file);
  if (!in) return values;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    const auto equals = line.find('=');
    const std::string where = file.string() + ":" + std::to_string(number);
    if (equals == std::string::npos) throw ConfigError(where + ": expected NAME=VALUE");
    const std::string name = trim(line.substr(0, equals));
    if (!valid_name(name)) throw ConfigError(where + ": '" + name + "' is not a variable name");
    std::string value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (const auto hash = value.find(" #"); hash != std::string::npos) {
      value = trim(value.substr(0, hash));  // an unquoted value may end with a comment
    }
    values[name] = value;
  }
  return values;
}

}  // namespace modelcompare::config
