// The logger the host lends a plugin: lines go to the host's sinks, prefixed with the plugin's
// name, with every known secret masked.
#pragma once

#include <string_view>

#include "modelcompare/sdk/abi.hpp"

namespace modelcompare::sdk {

enum class LogLevel { trace, debug, info, warn, error };

class MODELCOMPARE_VISIBLE Logger {
 public:
  virtual ~Logger() = default;
  virtual void log(LogLevel level, std::string_view message) = 0;

  void debug(std::string_view message) { log(LogLevel::debug, message); }
  void info(std::string_view message) { log(LogLevel::info, message); }
  void warn(std::string_view message) { log(LogLevel::warn, message); }
  void error(std::string_view message) { log(LogLevel::error, message); }
};

}  // namespace modelcompare::sdk
