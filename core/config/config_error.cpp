#include "config/config_error.hpp"

namespace modelcompare::config {

ConfigError config_error(const std::filesystem::path& file, const std::string& pointer,
                         const std::string& message) {
  std::string line = file.string() + ": ";
  if (!pointer.empty()) line += pointer + ": ";
  return ConfigError(line + message);
}

}  // namespace modelcompare::config
