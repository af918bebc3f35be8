// The one error a bad config produces: a line that names the file, the place and the fault.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace modelcompare::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "FILE: /json/pointer: message" (the pointer is left out when empty).
ConfigError config_error(const std::filesystem::path& file, const std::string& pointer,
                         const std::string& message);

}  // namespace modelcompare::config
