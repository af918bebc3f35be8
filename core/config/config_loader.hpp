// Turns a config file into a Config: JSON parsing, ${VAR} expansion from the environment and the
// .env beside the config, validation of every key, path resolution, and checks that referenced
// files can be read. Plugin names are checked later, against the plugins actually found.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "config/config_error.hpp"

namespace modelcompare::config {

struct LoadOptions {
  // Looks up a variable; the default reads the process environment.
  std::function<std::optional<std::string>(const std::string&)> environment;
  // Told about every ${VAR} value that looks like a secret (names with KEY, TOKEN, SECRET,
  // PASSWORD), so the host can mask it everywhere.
  std::function<void(const std::string& value)> on_secret;
};

// Throws ConfigError with one line naming the file, the JSON pointer and the fault.
Config load_config(const std::filesystem::path& file, const LoadOptions& options = {});

// Whether a variable name looks like it holds a secret.
bool looks_secret(const std::string& variable_name);

}  // namespace modelcompare::config
