// Opens one file as a plugin: checks it is an ELF shared library exporting our descriptor alias
// (before running any of its code), loads it, and validates the descriptor field by field.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "plugins/loaded_plugin.hpp"

namespace modelcompare::plugins {

struct LoadOutcome {
  std::optional<LoadedPlugin> plugin;
  std::string refused_reason;  // one line, e.g. "built for plugin ABI v2, this host supports v1"
};

LoadOutcome load_plugin(const std::filesystem::path& path);

}  // namespace modelcompare::plugins
